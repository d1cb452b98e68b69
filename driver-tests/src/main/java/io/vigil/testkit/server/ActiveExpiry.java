package io.vigil.testkit.server;

import io.vigil.testkit.server.command.ServerContext;
import java.util.concurrent.TimeUnit;

/**
 * The server's periodic task ({@code serverCron}): {@code hz} times a second, on the server
 * thread, it samples throughput and deletes keys whose time has come (up to a bounded number per database per cycle, so a burst of expiries cannot stall
 * clients), unless {@code DEBUG SET-ACTIVE-EXPIRE 0}.
 */
final class ActiveExpiry {

  private static final int MAX_PER_DB_PER_CYCLE = 2000;

  private ActiveExpiry() {}

  static void start(ServerContext context) {
    schedule(context);
  }

  private static void schedule(ServerContext context) {
    long hz = Math.max(1, Math.min(500, context.config().getLong("hz")));
    context.eventLoop().schedule(() -> {
      context.sampleMetrics();
      context.closeIdleClients(System.currentTimeMillis());
      if (context.activeExpire() && context.keyspace().lazyExpiryDeletes()) {
        context.beginCycle();
        context.keyspace().expireCycle(MAX_PER_DB_PER_CYCLE);
        context.endCycle();
      }
      schedule(context);
    }, 1000 / hz, TimeUnit.MILLISECONDS);
  }
}
