package io.vigil.testkit.server.network;

/**
 * What a {@link RespServer} serves: the data server's dispatcher today, a Sentinel's tomorrow.
 *
 * <p>Every method runs on the server's single event loop thread, one call at a time, so an
 * implementation needs no locks and each command is atomic.
 */
public interface CommandProcessor {

  /** A client connected; return false to refuse it (the connection is then closed). */
  boolean connected(Connection connection);

  /** Runs one command; replies go through {@link Connection#write}. */
  void execute(Connection connection, byte[][] argv);

  /** The client is gone (closed by either side). */
  void disconnected(Connection connection);
}
