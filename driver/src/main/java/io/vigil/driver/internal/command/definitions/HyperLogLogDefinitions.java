package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Definitions;

/** HyperLogLogs: approximate distinct counts in 12 KB or less. */
public interface HyperLogLogDefinitions<K, V> extends Definitions<K, V> {
}
