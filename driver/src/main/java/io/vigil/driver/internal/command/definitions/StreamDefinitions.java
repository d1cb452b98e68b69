package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Definitions;

/** Streams: append-only logs of entries, read by range, by blocking reads and by consumer groups. */
public interface StreamDefinitions<K, V> extends Definitions<K, V> {
}
