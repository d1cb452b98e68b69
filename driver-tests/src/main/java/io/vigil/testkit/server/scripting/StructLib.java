package io.vigil.testkit.server.scripting;

/** Placeholder. */
final class StructLib {
  private StructLib() {}

  static ReadOnlyTable create() {
    return new ReadOnlyTable();
  }
}
