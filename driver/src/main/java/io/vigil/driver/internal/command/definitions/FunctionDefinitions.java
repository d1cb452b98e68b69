package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Definitions;

/** Functions: libraries of Lua functions loaded with {@code FUNCTION LOAD} and called with {@code FCALL}. */
public interface FunctionDefinitions<K, V> extends Definitions<K, V> {
}
