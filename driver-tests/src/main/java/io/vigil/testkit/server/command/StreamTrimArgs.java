package io.vigil.testkit.server.command;

import io.vigil.testkit.server.keyspace.StreamId;
import io.vigil.testkit.server.keyspace.StreamTrim;

/**
 * The options {@code XADD} and {@code XTRIM} share, parsed as Redis's
 * {@code streamParseAddOrTrimArgsOrReply}: {@code MAXLEN|MINID [=|~] <threshold>},
 * {@code LIMIT <n>}, and for XADD {@code NOMKSTREAM} and the ID, which ends the options.
 * Errors are Redis's texts, in Redis's order.
 */
final class StreamTrimArgs {

  /** Whether a trimming strategy was given. */
  boolean trims;
  boolean byLength;
  long maxLength;
  StreamId minId;
  boolean approximate;
  long limit;
  /** The argument index of the threshold (rewritten when propagating an approximate trim). */
  int thresholdIndex;
  boolean noMakeStream;
  /** XADD's ID (null for {@code *}) and whether its sequence was given. */
  StreamIds.AddId id;
  /** XADD: the index of the ID argument. */
  int idIndex;

  private StreamTrimArgs() {}

  /** Parses from argument 2; {@code xadd} accepts NOMKSTREAM and stops at the ID. */
  static StreamTrimArgs parse(Call c, boolean xadd, long nodeMaxEntries) {
    StreamTrimArgs a = new StreamTrimArgs();
    boolean limitGiven = false;
    int i = 2;
    for (; i < c.argc(); i++) {
      int more = c.argc() - 1 - i;
      byte[] opt = c.arg(i);
      if (xadd && opt.length == 1 && opt[0] == '*') {
        break;
      } else if ((c.is(i, "MAXLEN") || c.is(i, "MINID")) && more > 0) {
        boolean length = c.is(i, "MAXLEN");
        if (a.trims) {
          throw new RedisError("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
        }
        a.approximate = false;
        if (more >= 2 && isSymbol(c.arg(i + 1), '~')) {
          a.approximate = true;
          i++;
        } else if (more >= 2 && isSymbol(c.arg(i + 1), '=')) {
          i++;
        }
        if (length) {
          a.maxLength = c.longArg(i + 1);
          if (a.maxLength < 0) {
            throw new RedisError("ERR The MAXLEN argument must be >= 0.");
          }
        } else {
          a.minId = StreamIds.parse(c.arg(i + 1), 0, true);
        }
        i++;
        a.trims = true;
        a.byLength = length;
        a.thresholdIndex = i;
      } else if (c.is(i, "LIMIT") && more > 0) {
        a.limit = c.longArg(i + 1);
        if (a.limit < 0) {
          throw new RedisError("ERR The LIMIT argument must be >= 0.");
        }
        limitGiven = true;
        i++;
      } else if (xadd && c.is(i, "NOMKSTREAM")) {
        a.noMakeStream = true;
      } else if (xadd) {
        a.id = StreamIds.parseForAdd(opt);
        break;
      } else {
        throw RedisError.syntax();
      }
    }
    a.idIndex = i;
    if (a.limit != 0 && !a.trims) {
      throw new RedisError("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
    }
    if (!xadd && !a.trims) {
      throw new RedisError("ERR syntax error, XTRIM must be called with a trimming strategy");
    }
    if (c.mustObey()) {
      a.limit = 0; // the master rewrote the threshold to be exact
    } else if (limitGiven) {
      if (!a.approximate) {
        throw new RedisError("ERR syntax error, LIMIT cannot be used without the special ~ option");
      }
    } else if (a.approximate) {
      long limit = 100 * nodeMaxEntries; // at most about 100 nodes a call, as Redis bounds it
      a.limit = limit <= 0 ? 10000 : Math.min(limit, 1_000_000);
    } else {
      a.limit = 0;
    }
    return a;
  }

  private static boolean isSymbol(byte[] b, char symbol) {
    return b.length == 1 && b[0] == symbol;
  }

  /** The trim to run. */
  StreamTrim trim() {
    return new StreamTrim(byLength, maxLength, minId, approximate, limit);
  }
}
