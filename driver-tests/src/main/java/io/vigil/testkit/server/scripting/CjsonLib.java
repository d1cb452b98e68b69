package io.vigil.testkit.server.scripting;

/** Placeholder. */
final class CjsonLib {
  private CjsonLib() {}

  static ReadOnlyTable create() {
    return new ReadOnlyTable();
  }
}
