package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;

import io.vigil.testkit.server.keyspace.Bytes;
import java.util.Arrays;
import java.util.List;

/**
 * What LMPOP/BLMPOP and ZMPOP/BZMPOP share: their arguments ({@code numkeys key... LEFT|RIGHT
 * [COUNT n]}, with MIN|MAX for sorted sets) and the bookkeeping after a pop (events, deleting an
 * emptied key, propagating the pop as its single-key form).
 *
 * @param keys the keys to try, in order
 * @param first whether the first of the two end words was given (LEFT, MIN)
 * @param count how many elements to pop at most
 */
record MultiPop(List<Bytes> keys, boolean first, long count) {

  /** Parses from {@code numkeysIndex} on, with Redis's errors and in Redis's order. */
  static MultiPop parse(Call c, int numkeysIndex, String firstEnd, String secondEnd) {
    long numkeys = c.longArg(numkeysIndex, "ERR numkeys should be greater than 0");
    if (numkeys <= 0) {
      throw new RedisError("ERR numkeys should be greater than 0");
    }
    if (numkeys > c.argc() - numkeysIndex - 2) {
      throw RedisError.syntax();
    }
    int whereIndex = numkeysIndex + 1 + (int) numkeys;
    boolean first;
    if (c.is(whereIndex, firstEnd)) {
      first = true;
    } else if (c.is(whereIndex, secondEnd)) {
      first = false;
    } else {
      throw RedisError.syntax();
    }
    long count = 1;
    boolean countSeen = false;
    for (int i = whereIndex + 1; i < c.argc(); i++) {
      if (c.is(i, "COUNT") && i + 1 < c.argc() && !countSeen) {
        count = c.longArg(++i, "ERR count should be greater than 0");
        countSeen = true;
        if (count <= 0) {
          throw new RedisError("ERR count should be greater than 0");
        }
      } else {
        throw RedisError.syntax();
      }
    }
    return new MultiPop(c.keys(numkeysIndex + 1, whereIndex), first, count);
  }

  /**
   * After elements were popped from {@code key}: the type's event, the key deleted when {@code
   * emptied} (else marked modified), and the pop propagated as {@code prop} — through the call when
   * there is one, else (a blocked client served later) straight to the replication feed.
   */
  static void afterPop(ServerContext server, int db, Bytes key, int notifyClass, String event, boolean emptied,
      byte[][] prop, Call c) {
    server.notify(notifyClass, event, db, key);
    if (emptied) {
      server.keyspace().db(db).delete(key);
      server.notify(NOTIFY_GENERIC, "del", db, key);
    } else {
      server.keyModified(db, key);
    }
    if (c != null) {
      c.propagateAs(prop);
    } else {
      server.propagate(db, Arrays.asList(prop));
    }
  }
}
