package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records what {@link RdbReader} delivers: keys by database, and the steps to replay it through {@link RdbWriter}. */
class RecordingVisitor implements RdbVisitor {

  /** A key as read. */
  static final class Loaded {
    final RdbType type;
    final Object value;
    final long expireAtMs;

    Loaded(RdbType type, Object value, long expireAtMs) {
      this.type = type;
      this.value = value;
      this.expireAtMs = expireAtMs;
    }
  }

  @FunctionalInterface
  interface Step {
    void replay(RdbWriter w) throws IOException;
  }

  final Map<Integer, Map<String, Loaded>> dbs = new TreeMap<>();
  final Map<String, String> aux = new LinkedHashMap<>();
  final List<Step> steps = new ArrayList<>();
  int version;
  int db;
  boolean ended;
  long checksum;
  private RdbType pendingType;

  @Override
  public void version(int version) {
    this.version = version;
    steps.add(RdbWriter::header);
  }

  @Override
  public void aux(byte[] key, byte[] value) {
    aux.put(new String(key, ISO_8859_1), new String(value, ISO_8859_1));
    steps.add(w -> w.aux(key, value));
  }

  @Override
  public void selectDb(int db) {
    this.db = db;
    steps.add(w -> w.selectDb(db));
  }

  @Override
  public void resizeDb(long size, long expires) {
    steps.add(w -> w.resizeDb(size, expires));
  }

  @Override
  public void idle(long seconds) {
    steps.add(w -> w.idle(seconds));
  }

  @Override
  public void freq(int counter) {
    steps.add(w -> w.freq(counter));
  }

  @Override
  public void beginKey(byte[] key, RdbType type, long expireAtMs) {
    pendingType = type;
  }

  private void put(byte[] key, Object value, long expireAtMs) {
    dbs.computeIfAbsent(db, k -> new LinkedHashMap<>())
        .put(new String(key, ISO_8859_1), new Loaded(pendingType, value, expireAtMs));
  }

  @Override
  public void string(byte[] key, byte[] value, long expireAtMs) {
    put(key, value, expireAtMs);
    steps.add(w -> w.string(key, value, expireAtMs));
  }

  @Override
  public void list(byte[] key, List<byte[]> elements, long expireAtMs) {
    put(key, elements, expireAtMs);
    steps.add(w -> w.list(key, elements, expireAtMs));
  }

  @Override
  public void set(byte[] key, List<byte[]> members, long expireAtMs) {
    put(key, members, expireAtMs);
    steps.add(w -> w.set(key, members, expireAtMs));
  }

  @Override
  public void sortedSet(byte[] key, List<ScoredMember> entries, long expireAtMs) {
    put(key, entries, expireAtMs);
    steps.add(w -> w.sortedSet(key, entries, expireAtMs));
  }

  @Override
  public void hash(byte[] key, List<FieldValue> entries, long expireAtMs) {
    put(key, entries, expireAtMs);
    steps.add(w -> w.hash(key, entries, expireAtMs));
  }

  @Override
  public void end(long checksum) {
    ended = true;
    this.checksum = checksum;
    steps.add(RdbWriter::end);
  }

  /** Writes what was read, in the same order, through {@code w}. */
  void replay(RdbWriter w) throws IOException {
    for (Step s : steps) {
      s.replay(w);
    }
  }
}
