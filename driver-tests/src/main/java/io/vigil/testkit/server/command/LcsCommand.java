package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.StringValue;
import java.util.ArrayList;
import java.util.List;

/**
 * LCS: the longest common subsequence of two strings by Redis's dynamic-programming table, and
 * the walk back through it that yields the string, its length (LEN) or the matching ranges
 * (IDX, from the end of the strings backwards, with MINMATCHLEN and WITHMATCHLEN), so ties are
 * broken as Redis breaks them.
 *
 * <p>The table needs {@code 4 * (len(a)+1) * (len(b)+1)} bytes; beyond {@code proto-max-bulk-len}
 * the command is refused, as in Redis.
 */
final class LcsCommand {

  private LcsCommand() {}

  static void install(CommandTable t) {
    t.add("lcs", LcsCommand::lcs);
  }

  private static RespValue lcs(Call c) {
    RedisValue va = c.read(c.key(1));
    RedisValue vb = c.read(c.key(2));
    if ((va != null && !(va instanceof StringValue)) || (vb != null && !(vb instanceof StringValue))) {
      throw new RedisError("ERR The specified keys must contain string values");
    }
    byte[] a = va == null ? new byte[0] : ((StringValue) va).bytes();
    byte[] b = vb == null ? new byte[0] : ((StringValue) vb).bytes();
    boolean getLen = false;
    boolean getIdx = false;
    boolean withMatchLen = false;
    long minMatchLen = 0;
    for (int j = 3; j < c.argc(); j++) {
      boolean more = j < c.argc() - 1;
      if (c.is(j, "IDX")) {
        getIdx = true;
      } else if (c.is(j, "LEN")) {
        getLen = true;
      } else if (c.is(j, "WITHMATCHLEN")) {
        withMatchLen = true;
      } else if (c.is(j, "MINMATCHLEN") && more) {
        minMatchLen = Math.max(0, c.longArg(++j));
      } else {
        throw RedisError.syntax();
      }
    }
    if (getLen && getIdx) {
      throw new RedisError("ERR If you want both the length and indexes, please just use IDX.");
    }
    int alen = a.length;
    int blen = b.length;
    long tableBytes = 4L * (alen + 1) * (blen + 1);
    if (tableBytes > c.server().config().getLong("proto-max-bulk-len")) {
      throw new RedisError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
    }
    int width = blen + 1;
    int[] table;
    try {
      table = new int[(alen + 1) * width];
    } catch (OutOfMemoryError e) {
      throw new RedisError("ERR Insufficient memory, failed allocating transient memory for LCS");
    }
    for (int i = 1; i <= alen; i++) {
      for (int j = 1; j <= blen; j++) {
        table[i * width + j] = a[i - 1] == b[j - 1] ? table[(i - 1) * width + j - 1] + 1
            : Math.max(table[(i - 1) * width + j], table[i * width + j - 1]);
      }
    }
    int length = table[alen * width + blen];
    if (getLen) {
      return RespInteger.of(length);
    }
    byte[] result = new byte[length];
    List<RespValue> matches = new ArrayList<>();
    int idx = length;
    // a range start of alen means "no range open"
    int aStart = alen;
    int aEnd = 0;
    int bStart = 0;
    int bEnd = 0;
    int i = alen;
    int j = blen;
    while (i > 0 && j > 0) {
      boolean emit = false;
      if (a[i - 1] == b[j - 1]) {
        result[idx - 1] = a[i - 1];
        if (aStart == alen) {
          aStart = i - 1;
          aEnd = i - 1;
          bStart = j - 1;
          bEnd = j - 1;
        } else if (aStart == i && bStart == j) {
          aStart--;
          bStart--;
        } else {
          emit = true;
        }
        if (aStart == 0 || bStart == 0) {
          emit = true;
        }
        idx--;
        i--;
        j--;
      } else {
        if (table[(i - 1) * width + j] > table[i * width + j - 1]) {
          i--;
        } else {
          j--;
        }
        if (aStart != alen) {
          emit = true;
        }
      }
      long matchLen = (aEnd - aStart + 1) & 0xffffffffL; // uint32_t in Redis
      if (emit) {
        if (getIdx && (minMatchLen == 0 || matchLen >= minMatchLen)) {
          List<RespValue> m = new ArrayList<>(3);
          m.add(RespArray.of(RespInteger.of(aStart), RespInteger.of(aEnd)));
          m.add(RespArray.of(RespInteger.of(bStart), RespInteger.of(bEnd)));
          if (withMatchLen) {
            m.add(RespInteger.of(matchLen));
          }
          matches.add(new RespArray(m));
        }
        aStart = alen;
      }
    }
    if (getIdx) {
      return new RespMap(List.of(RespBulkString.of(Call.bytes("matches")), new RespArray(matches),
          RespBulkString.of(Call.bytes("len")), RespInteger.of(length)));
    }
    return RespBulkString.of(result);
  }
}
