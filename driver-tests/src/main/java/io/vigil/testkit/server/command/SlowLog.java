package io.vigil.testkit.server.command;

import java.util.ArrayDeque;
import java.util.Deque;

/** The slow log: the latest commands that took longer than {@code slowlog-log-slower-than}. */
final class SlowLog {

  /** One entry. */
  record Entry(long id, long timestampSeconds, long micros, byte[][] argv, String addr, String name) {}

  final Deque<Entry> entries = new ArrayDeque<>();
  private long nextId;

  void add(long maxLen, long timestampSeconds, long micros, byte[][] argv, String addr, String name) {
    int n = Math.min(argv.length, 32);
    byte[][] kept = new byte[n][];
    for (int i = 0; i < n; i++) {
      if (i == 31 && argv.length > 32) {
        kept[i] = ("... (" + (argv.length - 31) + " more arguments)").getBytes();
      } else if (argv[i].length > 128) {
        byte[] b = java.util.Arrays.copyOf(argv[i], 128);
        String suffix = "... (" + (argv[i].length - 128) + " more bytes)";
        byte[] s = suffix.getBytes();
        byte[] both = java.util.Arrays.copyOf(b, 128 + s.length);
        System.arraycopy(s, 0, both, 128, s.length);
        kept[i] = both;
      } else {
        kept[i] = argv[i];
      }
    }
    entries.addFirst(new Entry(nextId++, timestampSeconds, micros, kept, addr, name));
    while (entries.size() > maxLen) {
      entries.removeLast();
    }
  }

  void reset() {
    entries.clear();
  }
}
