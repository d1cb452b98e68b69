package io.vigil.testkit.server.persistence;

import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Database;
import io.vigil.testkit.server.keyspace.HashValue;
import io.vigil.testkit.server.keyspace.Keyspace;
import io.vigil.testkit.server.keyspace.ListValue;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.SetValue;
import io.vigil.testkit.server.keyspace.StreamValue;
import io.vigil.testkit.server.keyspace.StringValue;
import io.vigil.testkit.server.keyspace.ZSetValue;
import io.vigil.testkit.server.rdb.FieldValue;
import io.vigil.testkit.server.rdb.RdbOptions;
import io.vigil.testkit.server.rdb.RdbVisitor;
import io.vigil.testkit.server.rdb.RdbWriter;
import io.vigil.testkit.server.rdb.ScoredMember;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Keyspace} as an RDB v10 stream: the payload of {@code SAVE}, of a
 * replication full sync and of an AOF base file.
 *
 * <p>Runs on the server thread (it reads the live data set), so the snapshot is consistent:
 * no command runs while it is written. Keys whose time has come are written too, as Redis
 * does; a loading master drops them.
 */
public final class RdbSnapshot {

  private RdbSnapshot() {}

  /**
   * Writes every database of {@code keyspace} to {@code out}, with the replication aux fields
   * when {@code replication} is not null.
   *
   * @return the number of bytes written
   */
  public static long write(Keyspace keyspace, OutputStream out, RdbOptions options,
      RdbWriter.ReplicationAux replication, boolean aofBase) throws IOException {
    return write(keyspace, List.of(), out, options, replication, aofBase);
  }

  /**
   * Writes {@code functionLibraries} (each library's source, as Redis writes them after the aux
   * fields) and every database of {@code keyspace} to {@code out}.
   *
   * @return the number of bytes written
   */
  public static long write(Keyspace keyspace, java.util.Collection<byte[]> functionLibraries, OutputStream out,
      RdbOptions options, RdbWriter.ReplicationAux replication, boolean aofBase) throws IOException {
    RdbWriter w = new RdbWriter(out, options);
    w.header();
    Runtime rt = Runtime.getRuntime();
    w.auxFields(keyspace.now() / 1000, rt.totalMemory() - rt.freeMemory(), replication, aofBase);
    for (byte[] library : functionLibraries) {
      w.function(library);
    }
    for (int i = 0; i < keyspace.count(); i++) {
      Database db = keyspace.db(i);
      if (db.size() == 0) {
        continue;
      }
      w.selectDb(i);
      w.resizeDb(db.size(), db.expiresSize());
      Iterator<Map.Entry<Bytes, RedisValue>> it = db.entries();
      while (it.hasNext()) {
        Map.Entry<Bytes, RedisValue> e = it.next();
        writeValue(w, e.getKey().bytes(), e.getValue(), expiry(db.expireAt(e.getKey())));
      }
    }
    long n = w.end();
    w.flush();
    return n;
  }

  private static long expiry(long when) {
    return when < 0 ? RdbVisitor.NO_EXPIRY : when;
  }

  /** Writes one key's value in the encoding its type takes (also DUMP's, through a value-only writer). */
  static void writeValue(RdbWriter w, byte[] key, RedisValue value, long expireAt) throws IOException {
    if (value instanceof StringValue s) {
      w.string(key, s.bytes(), expireAt);
    } else if (value instanceof ListValue l) {
      List<byte[]> elements = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        elements.add(l.get(i));
      }
      w.list(key, elements, expireAt);
    } else if (value instanceof SetValue s) {
      List<byte[]> members = new ArrayList<>(s.size());
      for (Bytes m : s.ordered()) {
        members.add(m.bytes());
      }
      w.set(key, members, expireAt);
    } else if (value instanceof ZSetValue z) {
      List<ScoredMember> entries = new ArrayList<>(z.size());
      for (ZSetValue.Entry e : z.entries()) {
        entries.add(new ScoredMember(e.member().bytes(), e.score()));
      }
      w.sortedSet(key, entries, expireAt);
    } else if (value instanceof HashValue h) {
      List<FieldValue> entries = new ArrayList<>(h.fields().size());
      for (Map.Entry<Bytes, byte[]> f : h.fields().entrySet()) {
        entries.add(new FieldValue(f.getKey().bytes(), f.getValue()));
      }
      w.hash(key, entries, expireAt);
    } else if (value instanceof StreamValue s) {
      w.stream(key, StreamRdb.toRdb(s), expireAt);
    } else {
      throw new IOException("cannot write key '" + new String(key, java.nio.charset.StandardCharsets.UTF_8)
          + "' of type " + value.typeName() + " to an RDB");
    }
  }
}
