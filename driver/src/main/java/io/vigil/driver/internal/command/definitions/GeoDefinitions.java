package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Definitions;

/** Geospatial indexes: members with longitude and latitude, searched by radius or box. */
public interface GeoDefinitions<K, V> extends Definitions<K, V> {
}
