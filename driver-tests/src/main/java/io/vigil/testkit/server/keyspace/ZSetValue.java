package io.vigil.testkit.server.keyspace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A sorted set: members ordered by (score, member bytes), plus a member→score map. Encoding
 * answers {@code listpack} while small, then {@code skiplist} for good.
 */
public final class ZSetValue implements RedisValue {

  /** One member with its score. */
  public record Entry(double score, Bytes member) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Double.compare(score, o.score);
      if (c != 0 && !(score == o.score)) {
        return c;
      }
      return member.compareTo(o.member);
    }
  }

  private final HashMap<Bytes, Double> scores = new HashMap<>();
  private final TreeSet<Entry> ordered = new TreeSet<>();
  private boolean skiplist;

  /** The number of members. */
  public int size() {
    return scores.size();
  }

  /** The score of {@code member}, or null. */
  public Double score(Bytes member) {
    return scores.get(member);
  }

  /** Sets a member's score; returns the previous score or null. */
  public Double put(Bytes member, double score, EncodingLimits limits) {
    score += 0.0; // -0 is stored as 0, as a listpack sorted set does in Redis
    Double old = scores.put(member, score);
    if (old != null) {
      ordered.remove(new Entry(old, member));
    }
    ordered.add(new Entry(score, member));
    if (!skiplist && (scores.size() > limits.zsetMaxListpackEntries()
        || member.length() > limits.zsetMaxListpackValue())) {
      skiplist = true;
    }
    return old;
  }

  /** Converts to the skiplist encoding for good (what Redis's SORT does to a sorted set). */
  public void convertToSkiplist() {
    skiplist = true;
  }

  /** Removes a member; true when it was there. */
  public boolean remove(Bytes member) {
    Double old = scores.remove(member);
    if (old == null) {
      return false;
    }
    ordered.remove(new Entry(old, member));
    return true;
  }

  /** Entries in ascending order (a live view: do not modify while iterating). */
  public NavigableSet<Entry> entries() {
    return ordered;
  }

  /** The member→score map (read only by contract). */
  public Map<Bytes, Double> scores() {
    return scores;
  }

  /** The 0-based rank of {@code member} in ascending order, or -1. */
  public long rank(Bytes member) {
    Double s = scores.get(member);
    if (s == null) {
      return -1;
    }
    return ordered.headSet(new Entry(s, member), false).size();
  }

  /** Entries with ranks {@code [start, end]} ascending (clamped by the caller). */
  public List<Entry> range(long start, long end, boolean reverse) {
    List<Entry> out = new ArrayList<>((int) Math.max(0, Math.min(end - start + 1, 1024)));
    Iterator<Entry> it = reverse ? ordered.descendingIterator() : ordered.iterator();
    long i = 0;
    while (it.hasNext() && i <= end) {
      Entry e = it.next();
      if (i >= start) {
        out.add(e);
      }
      i++;
    }
    return out;
  }

  @Override
  public String typeName() {
    return "zset";
  }

  @Override
  public String encoding() {
    return skiplist ? "skiplist" : "listpack";
  }

  @Override
  public ZSetValue copy() {
    ZSetValue c = new ZSetValue();
    c.scores.putAll(scores);
    c.ordered.addAll(ordered);
    c.skiplist = skiplist;
    return c;
  }
}
