package io.vigil.testkit.chaos;

import io.vigil.testkit.sentinel.VigilSentinel;

/**
 * An in-process Java sentinel. Kill is an abrupt close. It cannot be frozen: the sentinel
 * offers no way to park its thread, so {@link #freeze()} refuses and names the alternatives.
 */
final class JavaSentinelInstance implements Instance {

  private final VigilSentinel sentinel;

  JavaSentinelInstance(VigilSentinel sentinel) {
    this.sentinel = sentinel;
  }

  @Override
  public void kill() {
    sentinel.close();
  }

  @Override
  public void stop() {
    sentinel.close();
  }

  @Override
  public void freeze() {
    throw new UnsupportedOperationException("an in-process Java sentinel (port " + sentinel.port()
        + ") cannot be frozen; use NodeKind.JAVA_PROCESS or REAL sentinels to freeze them, or kill it instead");
  }

  @Override
  public void thaw() {
    // never frozen
  }

  @Override
  public boolean isAlive() {
    return !sentinel.isStopped();
  }

  @Override
  public long pid() {
    return -1;
  }
}
