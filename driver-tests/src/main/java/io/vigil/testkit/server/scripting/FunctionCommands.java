package io.vigil.testkit.server.scripting;

import io.vigil.testkit.server.command.CommandTable;

/** Placeholder. */
final class FunctionCommands {
  private FunctionCommands() {}

  static void install(CommandTable t, Scripting s) {}
}
