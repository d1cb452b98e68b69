package io.vigil.testkit.server.scripting;

/** Placeholder. */
public final class FunctionLibraries {
  FunctionLibraries(Scripting scripting) {}
}
