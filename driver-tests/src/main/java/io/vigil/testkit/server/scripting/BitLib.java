package io.vigil.testkit.server.scripting;

/** Placeholder. */
final class BitLib {
  private BitLib() {}

  static ReadOnlyTable create() {
    return new ReadOnlyTable();
  }
}
