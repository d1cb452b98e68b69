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

  /** Entries in a lex range (meaningful when all scores are equal). */
  static List<ZSetValue.Entry> byLex(ZSetValue z, Lex r, boolean rev, long offset, long limit) {
    List<ZSetValue.Entry> out = new ArrayList<>();
    Iterator<ZSetValue.Entry> it = rev ? z.entries().descendingIterator() : z.entries().iterator();
    long skipped = 0;
    while (it.hasNext() && (limit < 0 || out.size() < limit)) {
      ZSetValue.Entry e = it.next();
      if (!r.contains(e.member())) {
        if (rev ? !r.gteMin(e.member()) : !r.lteMax(e.member())) {
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
}
