package io.vigil.testkit.server.keyspace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One numbered database: keys, their values, their access words (the LRU clock of the last
 * access) and their expiry times (absolute Unix milliseconds).
 *
 * <p>Lookups expire keys lazily: a key whose time has come is deleted on access and reported to
 * the {@link KeyspaceListener}, unless {@link Keyspace#lazyExpiryDeletes()} is off (a replica
 * hides but keeps it, waiting for the master's DEL). {@link #expireCycle} expires keys actively.
 * Server thread only.
 */
public final class Database {

  private record Deadline(long when, Bytes key) implements Comparable<Deadline> {
    @Override
    public int compareTo(Deadline o) {
      int c = Long.compare(when, o.when);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }

  private final int index;
  private final Keyspace keyspace;
  private HashMap<Bytes, RedisValue> dict = new HashMap<>();
  /** Each key's access word (the LRU clock of its last access), beside the value. */
  private HashMap<Bytes, int[]> accessWords = new HashMap<>();
  private HashMap<Bytes, Long> expires = new HashMap<>();
  private TreeSet<Deadline> deadlines = new TreeSet<>();
  /** Keys added since creation; SCAN snapshots are valid while it does not change. */
  private long insertions;
  /** The SCAN command's cached key order (opaque here). */
  private Object scanSnapshot;

  Database(int index, Keyspace keyspace) {
    this.index = index;
    this.keyspace = keyspace;
  }

  /** This database's number. */
  public int index() {
    return index;
  }

  /** The number of keys, expired-but-not-yet-deleted ones included (as DBSIZE). */
  public int size() {
    return dict.size();
  }

  /** The number of keys with a time to live. */
  public int expiresSize() {
    return expires.size();
  }

  /**
   * The value under {@code key}, expiring it first when due; null when absent. Counts as an
   * access: the key's access word is stamped with the LRU clock, as Redis's {@code lookupKey}
   * does.
   */
  public RedisValue get(Bytes key) {
    if (expireIfNeeded(key)) {
      return null;
    }
    RedisValue v = dict.get(key);
    if (v != null) {
      int[] word = accessWords.get(key);
      if (word != null) {
        word[0] = KeyAccess.lruClock(keyspace.now());
      }
    }
    return v;
  }

  /**
   * Like {@link #get} without counting as an access (Redis's {@code LOOKUP_NOTOUCH}): OBJECT,
   * SCAN's filters and the other lookups Redis makes without touching leave the access word.
   */
  public RedisValue peek(Bytes key) {
    if (expireIfNeeded(key)) {
      return null;
    }
    return dict.get(key);
  }

  /** Whether {@code key} exists (after lazy expiry). */
  public boolean exists(Bytes key) {
    return get(key) != null;
  }

  /**
   * Stores {@code value} under {@code key}, clearing any time to live unless {@code keepTtl};
   * signals the key as modified (and ready, for lists, sorted sets and streams, and when it
   * replaces a stream).
   */
  public void put(Bytes key, RedisValue value, boolean keepTtl) {
    stamp(key);
    RedisValue old = dict.put(key, value);
    if (old == null) {
      insertions++;
    }
    if (!keepTtl) {
      removeExpire(key);
    }
    keyspace.listener().keyModified(index, key);
    if (value instanceof ListValue || value instanceof ZSetValue || value instanceof StreamValue
        || old instanceof StreamValue) {
      // a stream that goes away must also wake its blocked XREADGROUP clients, to fail them
      keyspace.listener().keyReady(index, key);
    }
  }

  /** Stores without signalling anything (loading, MOVE/COPY internals); a stored value is a fresh access. */
  public void putQuietly(Bytes key, RedisValue value) {
    stamp(key);
    if (dict.put(key, value) == null) {
      insertions++;
    }
  }

  private void stamp(Bytes key) {
    int clock = KeyAccess.lruClock(keyspace.now());
    int[] word = accessWords.get(key);
    if (word == null) {
      accessWords.put(key, new int[] {clock});
    } else {
      word[0] = clock;
    }
  }

  /** The access word of {@code key} (see {@link KeyAccess}), or -1 when absent. Not an access. */
  public int accessWord(Bytes key) {
    int[] word = dict.containsKey(key) ? accessWords.get(key) : null;
    return word == null ? -1 : word[0];
  }

  /** Replaces the access word of an existing key (RESTORE's IDLETIME). */
  public void accessWord(Bytes key, int word) {
    int[] w = dict.containsKey(key) ? accessWords.get(key) : null;
    if (w != null) {
      w[0] = word;
    }
  }

  /** How many keys were ever added (a version for iteration snapshots). */
  public long insertions() {
    return insertions;
  }

  /** The SCAN snapshot cached for this database, or null. */
  public Object scanSnapshot() {
    return scanSnapshot;
  }

  /** Caches a SCAN snapshot. */
  public void scanSnapshot(Object snapshot) {
    this.scanSnapshot = snapshot;
  }

  /** Deletes {@code key}; true when it existed. Signals it modified. */
  public boolean delete(Bytes key) {
    if (expireIfNeeded(key)) {
      return false;
    }
    RedisValue old = dict.remove(key);
    if (old == null) {
      return false;
    }
    accessWords.remove(key);
    removeExpire(key);
    keyspace.listener().keyModified(index, key);
    if (old instanceof StreamValue) {
      keyspace.listener().keyReady(index, key);
    }
    return true;
  }

  /** The absolute expiry time in Unix milliseconds, or -1 when the key has none. */
  public long expireAt(Bytes key) {
    Long when = expires.get(key);
    return when == null ? -1 : when;
  }

  /** Sets the absolute expiry time of an existing key (Unix milliseconds). */
  public void setExpireAt(Bytes key, long when) {
    Long old = expires.put(key, when);
    if (old != null) {
      deadlines.remove(new Deadline(old, key));
    }
    deadlines.add(new Deadline(when, key));
  }

  /** Removes the time to live of {@code key}; true when it had one. */
  public boolean removeExpire(Bytes key) {
    Long old = expires.remove(key);
    if (old == null) {
      return false;
    }
    deadlines.remove(new Deadline(old, key));
    return true;
  }

  /** Whether {@code key} exists but its time has come (without deleting it). */
  public boolean isExpired(Bytes key) {
    Long when = expires.get(key);
    return when != null && when <= keyspace.now();
  }

  /**
   * Deletes {@code key} when its time has come; true when the key is logically gone. On a
   * replica the key is kept but reported gone.
   */
  public boolean expireIfNeeded(Bytes key) {
    if (expires.isEmpty() || !isExpired(key)) {
      return false;
    }
    if (!keyspace.lazyExpiryDeletes()) {
      return true;
    }
    deleteExpired(key);
    return true;
  }

  private void deleteExpired(Bytes key) {
    RedisValue old = dict.remove(key);
    accessWords.remove(key);
    removeExpire(key);
    keyspace.countExpired();
    keyspace.listener().keyExpired(index, key);
    if (old instanceof StreamValue) {
      keyspace.listener().keyReady(index, key);
    }
  }

  /** Deletes up to {@code max} keys whose time has come; returns how many. */
  public int expireCycle(long now, int max) {
    int n = 0;
    while (n < max && !deadlines.isEmpty()) {
      Deadline first = deadlines.first();
      if (first.when > now) {
        break;
      }
      deleteExpired(first.key);
      n++;
    }
    return n;
  }

  /** All live keys (a snapshot). */
  public List<Bytes> keys() {
    List<Bytes> out = new ArrayList<>(dict.size());
    for (Bytes k : dict.keySet()) {
      if (!isExpired(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /** Raw iteration over every entry, expired ones included (for SCAN, DEBUG, snapshots). */
  public Iterator<Map.Entry<Bytes, RedisValue>> entries() {
    return dict.entrySet().iterator();
  }

  /** A random live key, or null when empty. */
  public Bytes randomKey() {
    for (int attempt = 0; attempt < 100 && !dict.isEmpty(); attempt++) {
      int target = ThreadLocalRandom.current().nextInt(dict.size());
      Bytes candidate = null;
      Iterator<Bytes> it = dict.keySet().iterator();
      for (int i = 0; i <= target; i++) {
        candidate = it.next();
      }
      if (!expireIfNeeded(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Deletes everything; returns how many keys there were. Signals every key modified (WATCH). */
  public int clear() {
    int n = dict.size();
    HashMap<Bytes, RedisValue> old = dict;
    dict = new HashMap<>();
    accessWords = new HashMap<>();
    expires = new HashMap<>();
    deadlines = new TreeSet<>();
    for (Map.Entry<Bytes, RedisValue> e : old.entrySet()) {
      keyspace.listener().keyModified(index, e.getKey());
      if (e.getValue() instanceof StreamValue) {
        keyspace.listener().keyReady(index, e.getKey());
      }
    }
    return n;
  }

  /** Swaps contents with {@code other} (SWAPDB). */
  void swapWith(Database other) {
    HashMap<Bytes, RedisValue> d = dict;
    HashMap<Bytes, int[]> a = accessWords;
    HashMap<Bytes, Long> e = expires;
    TreeSet<Deadline> t = deadlines;
    insertions++;
    other.insertions++;
    dict = other.dict;
    accessWords = other.accessWords;
    expires = other.expires;
    deadlines = other.deadlines;
    other.dict = d;
    other.accessWords = a;
    other.expires = e;
    other.deadlines = t;
  }

  /** Every key currently stored, expired ones included. */
  public java.util.Set<Bytes> rawKeys() {
    return dict.keySet();
  }
}
