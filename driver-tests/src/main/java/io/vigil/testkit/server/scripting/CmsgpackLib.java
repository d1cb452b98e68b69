package io.vigil.testkit.server.scripting;

/** Placeholder. */
final class CmsgpackLib {
  private CmsgpackLib() {}

  static ReadOnlyTable create() {
    return new ReadOnlyTable();
  }
}
