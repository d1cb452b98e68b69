package io.vigil.testkit.server.geo;

import java.util.Comparator;
import java.util.List;

/**
 * Redis's {@code pqsort}: the Bentley–McIlroy quicksort of NetBSD's libc, recursing only into
 * partitions that overlap the wanted range of positions. Elements in {@code [from, to]} end up
 * exactly where a full sort by this algorithm puts them; the rest are partitioned but unordered.
 * It is not stable, and reproducing its handling of ties is its purpose here: GEOSEARCH with
 * COUNT returns, among members at equal distances, the ones Redis returns.
 */
public final class PartialSort {

  private PartialSort() {}

  /** Sorts positions {@code from..to} (inclusive) of {@code list}. */
  public static <T> void sort(List<T> list, Comparator<? super T> cmp, int from, int to) {
    sort(list, 0, list.size(), cmp, from, to);
  }

  private static <T> void sort(List<T> a, int base, int n, Comparator<? super T> cmp, int lrange, int rrange) {
    while (true) {
      if (n < 7) {
        for (int pm = base + 1; pm < base + n; pm++) {
          for (int pl = pm; pl > base && cmp.compare(a.get(pl - 1), a.get(pl)) > 0; pl--) {
            swap(a, pl, pl - 1);
          }
        }
        return;
      }
      int pm = base + n / 2;
      if (n > 7) {
        int pl = base;
        int pn = base + n - 1;
        if (n > 40) {
          int d = n / 8;
          pl = med3(a, pl, pl + d, pl + 2 * d, cmp);
          pm = med3(a, pm - d, pm, pm + d, cmp);
          pn = med3(a, pn - 2 * d, pn - d, pn, cmp);
        }
        pm = med3(a, pl, pm, pn, cmp);
      }
      swap(a, base, pm);
      int pa = base + 1;
      int pb = pa;
      int pc = base + n - 1;
      int pd = pc;
      while (true) {
        int r;
        while (pb <= pc && (r = cmp.compare(a.get(pb), a.get(base))) <= 0) {
          if (r == 0) {
            swap(a, pa, pb);
            pa++;
          }
          pb++;
        }
        while (pb <= pc && (r = cmp.compare(a.get(pc), a.get(base))) >= 0) {
          if (r == 0) {
            swap(a, pc, pd);
            pd--;
          }
          pc--;
        }
        if (pb > pc) {
          break;
        }
        swap(a, pb, pc);
        pb++;
        pc--;
      }
      int pn = base + n;
      int r = Math.min(pa - base, pb - pa);
      vecswap(a, base, pb - r, r);
      r = Math.min(pd - pc, pn - pd - 1);
      vecswap(a, pb, pn - r, r);
      if ((r = pb - pa) > 1 && overlaps(base, r, lrange, rrange)) {
        sort(a, base, r, cmp, lrange, rrange);
      }
      if ((r = pd - pc) > 1) {
        base = pn - r;
        n = r;
        if (overlaps(base, n, lrange, rrange)) {
          continue; // iterate rather than recurse, as the C code does
        }
      }
      return;
    }
  }

  /** Whether positions {@code [start, start + n)} meet {@code [lrange, rrange]}. */
  private static boolean overlaps(int start, int n, int lrange, int rrange) {
    return !(rrange < start || lrange >= start + n);
  }

  private static <T> int med3(List<T> a, int i, int j, int k, Comparator<? super T> cmp) {
    T x = a.get(i);
    T y = a.get(j);
    T z = a.get(k);
    return cmp.compare(x, y) < 0
        ? (cmp.compare(y, z) < 0 ? j : (cmp.compare(x, z) < 0 ? k : i))
        : (cmp.compare(y, z) > 0 ? j : (cmp.compare(x, z) < 0 ? i : k));
  }

  private static <T> void swap(List<T> a, int i, int j) {
    T t = a.get(i);
    a.set(i, a.get(j));
    a.set(j, t);
  }

  private static <T> void vecswap(List<T> a, int i, int j, int n) {
    for (int k = 0; k < n; k++) {
      swap(a, i + k, j + k);
    }
  }
}
