package io.vigil.testkit.server.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Random picks for HRANDFIELD, SRANDMEMBER and ZRANDMEMBER (negative count allows repeats). */
final class Sampling {

  private Sampling() {}

  static <T> List<T> pick(List<T> items, long count) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    List<T> out = new ArrayList<>();
    if (count < 0) {
      long n = -count;
      for (long i = 0; i < n; i++) {
        out.add(items.get(r.nextInt(items.size())));
      }
      return out;
    }
    if (count >= items.size()) {
      out.addAll(items); // Redis returns the whole collection in its own order
      return out;
    }
    List<T> copy = new ArrayList<>(items);
    Collections.shuffle(copy, r);
    return new ArrayList<>(copy.subList(0, (int) count));
  }
}
