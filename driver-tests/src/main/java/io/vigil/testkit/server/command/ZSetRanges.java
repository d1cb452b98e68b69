package io.vigil.testkit.server.command;

import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.ZSetValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Score and lex ranges ({@code (1.5}, {@code -inf}, {@code [a}, {@code -}) and their scans. */
final class ZSetRanges {

  private ZSetRanges() {}

  /** A score range. */
  record Score(double min, boolean minEx, double max, boolean maxEx) {
    boolean gteMin(double v) {
      return minEx ? v > min : v >= min;
    }

    boolean lteMax(double v) {
      return maxEx ? v < max : v <= max;
    }

    boolean contains(double v) {
      return gteMin(v) && lteMax(v);
    }

    boolean isEmpty() {
      return min > max || (min == max && (minEx || maxEx));
    }
  }

  /** A lex range; null bounds are {@code -} and {@code +} (infinite). */
  record Lex(Bytes min, boolean minEx, boolean minInf, Bytes max, boolean maxEx, boolean maxInf) {
    boolean gteMin(Bytes v) {
      if (minInf) {
        return true;
      }
      if (min == null) {
        return false; // "+" as minimum
      }
      int c = v.compareTo(min);
      return minEx ? c > 0 : c >= 0;
    }

    boolean lteMax(Bytes v) {
      if (maxInf) {
        return true;
      }
      if (max == null) {
        return false; // "-" as maximum
      }
      int c = v.compareTo(max);
      return maxEx ? c < 0 : c <= 0;
    }

    boolean contains(Bytes v) {
      return gteMin(v) && lteMax(v);
    }
  }

  static Score score(byte[] min, byte[] max) {
    double[] a = bound(min);
    double[] b = bound(max);
    return new Score(a[0], a[1] != 0, b[0], b[1] != 0);
  }

  private static double[] bound(byte[] b) {
    boolean ex = b.length > 0 && b[0] == '(';
    byte[] num = ex ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    Double d = Numbers.parseDouble(num);
    if (d == null) {
      throw new RedisError("ERR min or max is not a float");
    }
    return new double[] {d, ex ? 1 : 0};
  }

  static Lex lex(byte[] min, byte[] max) {
    Object[] a = lexBound(min);
    Object[] b = lexBound(max);
    return new Lex((Bytes) a[0], (Boolean) a[1], "-".equals(a[2]), (Bytes) b[0], (Boolean) b[1],
        "+".equals(b[2]));
  }

  /** {bytes or null, exclusive, "-", "+" or "v" for a value}. */
  private static Object[] lexBound(byte[] b) {
    if (b.length == 0) {
      throw new RedisError("ERR min or max not valid string range item");
    }
    switch (b[0]) {
      case '-':
        if (b.length != 1) {
          throw new RedisError("ERR min or max not valid string range item");
        }
        return new Object[] {null, false, "-"};
      case '+':
        if (b.length != 1) {
          throw new RedisError("ERR min or max not valid string range item");
        }
        return new Object[] {null, false, "+"};
      case '(':
      case '[':
        return new Object[] {Bytes.wrap(java.util.Arrays.copyOfRange(b, 1, b.length)), b[0] == '(', "v"};
      default:
        throw new RedisError("ERR min or max not valid string range item");
    }
  }

  /** Entries in a score range, ascending or descending, after offset/limit (limit -1 = all). */
  static List<ZSetValue.Entry> byScore(ZSetValue z, Score r, boolean rev, long offset, long limit) {
    List<ZSetValue.Entry> out = new ArrayList<>();
    if (r.isEmpty()) {
      return out;
    }
    Iterator<ZSetValue.Entry> it = rev ? z.entries().descendingIterator() : z.entries().iterator();
    long skipped = 0;
    while (it.hasNext() && (limit < 0 || out.size() < limit)) {
      ZSetValue.Entry e = it.next();
      if (!r.contains(e.score())) {
        if (rev ? !r.gteMin(e.score()) : !r.lteMax(e.score())) {
          break;
        }
        continue;
      }
      if (skipped < offset) {
        skipped++;
        continue;
      }
      out.add(e);
    }
    return out;
  }

  /**
   * Entries in a lex range, walked the way Redis walks a listpack sorted set, so that even on
   * sets whose scores differ (where the result is "undefined" but deterministic) the answer
   * matches: start at the first element at or above the minimum (the last at or below the
   * maximum when reversed) and stop at the first element past the other end.
   */
  static List<ZSetValue.Entry> byLex(ZSetValue z, Lex r, boolean rev, long offset, long limit) {
    List<ZSetValue.Entry> out = new ArrayList<>();
    List<ZSetValue.Entry> all = new ArrayList<>(z.entries());
    int start = rev ? lastInLexRange(all, r) : firstInLexRange(all, r);
    if (start < 0) {
      return out;
    }
    long skipped = 0;
    for (int i = start; i >= 0 && i < all.size() && (limit < 0 || out.size() < limit); i += rev ? -1 : 1) {
      ZSetValue.Entry e = all.get(i);
      if (rev ? !r.gteMin(e.member()) : !r.lteMax(e.member())) {
        break;
      }
      if (skipped < offset) {
        skipped++;
        continue;
      }
      out.add(e);
    }
    return out;
  }

  /** ZLEXCOUNT: Redis counts by rank between the first and last elements in range. */
  static long lexCount(ZSetValue z, Lex r) {
    List<ZSetValue.Entry> all = new ArrayList<>(z.entries());
    int first = firstInLexRange(all, r);
    int last = lastInLexRange(all, r);
    if (first < 0 || last < 0) {
      return 0;
    }
    return last - first + 1;
  }

  private static boolean lexRangeIsEmpty(Lex r) {
    if (r.minInf() || r.maxInf()) {
      return r.min() == null && !r.minInf() || r.max() == null && !r.maxInf();
    }
    if (r.min() == null || r.max() == null) {
      return true; // "+" as minimum or "-" as maximum
    }
    int cmp = r.min().compareTo(r.max());
    return cmp > 0 || (cmp == 0 && (r.minEx() || r.maxEx()));
  }

  private static boolean inLexRange(List<ZSetValue.Entry> all, Lex r) {
    if (all.isEmpty() || lexRangeIsEmpty(r)) {
      return false;
    }
    return r.gteMin(all.get(all.size() - 1).member()) && r.lteMax(all.get(0).member());
  }

  private static int firstInLexRange(List<ZSetValue.Entry> all, Lex r) {
    if (!inLexRange(all, r)) {
      return -1;
    }
    for (int i = 0; i < all.size(); i++) {
      Bytes m = all.get(i).member();
      if (r.gteMin(m)) {
        return r.lteMax(m) ? i : -1;
      }
    }
    return -1;
  }

  private static int lastInLexRange(List<ZSetValue.Entry> all, Lex r) {
    if (!inLexRange(all, r)) {
      return -1;
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Bytes m = all.get(i).member();
      if (r.lteMax(m)) {
        return r.gteMin(m) ? i : -1;
      }
    }
    return -1;
  }
}
