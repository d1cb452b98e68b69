/**
 * A Redis-compatible data server (Redis 7.0 behaviour on the wire) for tests and demos:
 * {@link io.vigil.testkit.server.VigilServer} to embed it, {@link io.vigil.testkit.server.ServerMain}
 * to run it like {@code redis-server}.
 */
package io.vigil.testkit.server;
