package io.vigil.testkit.server;

import io.vigil.resp.RespLimits;
import io.vigil.testkit.server.command.ServerContext;
import io.vigil.testkit.server.network.Connection;
import io.vigil.testkit.server.network.ServerLog;
import java.io.IOException;

/** Applies CONFIG SET changes that take effect at once (limits, log level, log file). */
final class ConfigApplier {

  private ConfigApplier() {}

  static void install(ServerContext context) {
    context.config().listener((name, value) -> {
      context.refreshCachedConfig();
      switch (name) {
        case "proto-max-bulk-len": {
          RespLimits limits = context.requestLimits();
          for (Connection c : context.connections()) {
            c.parser().limits(limits);
          }
          break;
        }
        case "repl-backlog-size": {
          Long size = io.vigil.testkit.server.config.ServerConfig.parseMemory(value);
          if (size != null) {
            context.replication().backlogSize(size);
          }
          break;
        }
        case "loglevel": {
          ServerLog.Level level = ServerLog.Level.parse(value);
          if (level != null) {
            context.log().level(level);
          }
          break;
        }
        case "logfile":
          try {
            context.log().file(value);
          } catch (IOException e) {
            context.log().warning("Cannot open log file " + value + ": " + e.getMessage());
          }
          break;
        default:
          break;
      }
    });
  }
}
