package io.vigil.driver.values;

import java.util.List;

/**
 * A function library, as {@code FUNCTION LIST} describes it.
 *
 * @param name the library's name
 * @param engine its engine ({@code LUA})
 * @param functions the functions it registers
 * @param code its source; null unless listed {@code WITHCODE}
 */
public record LibraryInfo(String name, String engine, List<FunctionInfo> functions, String code) {

  /** Copies the function list. */
  public LibraryInfo {
    functions = List.copyOf(functions);
  }
}
