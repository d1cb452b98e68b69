package io.vigil.driver.internal.failover;

import io.vigil.driver.internal.command.CommandInfo;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a command may run twice without changing the outcome: reads, and writes that set a
 * state rather than change it by a delta ({@code SET} without {@code GET}/{@code NX}/{@code XX},
 * {@code DEL}, {@code HSET}, {@code SADD}…).
 *
 * <p>A repeated idempotent write leaves the same data, but its reply may reflect the first run
 * ({@code DEL} answering 0). Pure; thread-safe.
 */
public final class RetrySafety {

  private static final Set<String> IDEMPOTENT_WRITES = Set.of(
      "set", "setex", "psetex", "mset", "del", "unlink", "hset", "hmset", "hdel", "sadd", "srem",
      "zrem", "expireat", "pexpireat", "persist", "pfadd", "lset", "flushdb", "flushall");

  private RetrySafety() {}

  /** Whether {@code args} (name first) classified as {@code info} is safe to repeat. */
  public static boolean isRetrySafe(CommandInfo info, byte[][] args) {
    if (info.isBlocking() || info.changesConnectionState()) {
      return false;
    }
    if (info.isReadOnly()) {
      return true;
    }
    String name = info.name();
    if (!IDEMPOTENT_WRITES.contains(name)) {
      return name.equals("zadd") && !hasOption(args, 2, "INCR");
    }
    if (name.equals("set")) {
      return !hasOption(args, 3, "GET") && !hasOption(args, 3, "NX") && !hasOption(args, 3, "XX");
    }
    return true;
  }

  private static boolean hasOption(byte[][] args, int from, String option) {
    for (int i = from; i < args.length; i++) {
      if (args[i].length == option.length()
          && new String(args[i], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT).equals(option)) {
        return true;
      }
    }
    return false;
  }
}
