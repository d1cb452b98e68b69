package io.vigil.testkit.server.scripting;

import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.LuaFunction;

/** A loaded function library: its name, its source and the functions it registered. */
final class FunctionLibrary {

  /** One registered function. */
  record Function(String name, LuaFunction callback, int flags, String description, FunctionLibrary library) {}

  final String name;
  final byte[] code;
  /** Functions by name, in registration order. */
  final Map<String, Function> functions = new LinkedHashMap<>();

  FunctionLibrary(String name, byte[] code) {
    this.name = name;
    this.code = code;
  }
}
