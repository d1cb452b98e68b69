package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Definitions;

/** Bitmaps: bits of string values, counted, searched and combined, and {@code BITFIELD} integers. */
public interface BitmapDefinitions<K, V> extends Definitions<K, V> {
}
