package io.vigil.driver.values;

import java.util.Set;

/**
 * One function of a library, as {@code FUNCTION LIST} describes it.
 *
 * @param name the function's name, what {@code FCALL} calls
 * @param description its description; null when it has none
 * @param flags its flags ({@code no-writes}, {@code allow-stale}…)
 */
public record FunctionInfo(String name, String description, Set<String> flags) {

  /** Copies the flags. */
  public FunctionInfo {
    flags = Set.copyOf(flags);
  }
}
