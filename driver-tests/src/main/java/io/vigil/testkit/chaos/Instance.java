package io.vigil.testkit.chaos;

/** One running incarnation of a {@link Node}: a child process or an in-process server. Not thread-safe. */
interface Instance {

  /** Ends it at once: SIGKILL, or an abrupt close that resets every connection. */
  void kill();

  /** Ends it gracefully (SIGTERM: Redis flushes its append-only file). */
  void stop();

  /** Stops it answering anything until {@link #thaw()}; connections stay open. */
  void freeze();

  void thaw();

  boolean isAlive();

  /** The process id, or -1 in process. */
  long pid();
}
