package io.vigil.testkit.server.command;

import io.vigil.testkit.server.keyspace.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** WATCHed keys and their watchers; touching a key makes its watchers' EXEC fail. Server thread only. */
final class Watches {

  private final Map<ClientSession.Watched, LinkedHashSet<ClientSession>> watchers = new HashMap<>();

  void watch(ClientSession s, int db, Bytes key) {
    ClientSession.Watched w = new ClientSession.Watched(db, key);
    if (s.watched.contains(w)) {
      return;
    }
    s.watched.add(w);
    watchers.computeIfAbsent(w, k -> new LinkedHashSet<>()).add(s);
  }

  void unwatchAll(ClientSession s) {
    for (ClientSession.Watched w : s.watched) {
      LinkedHashSet<ClientSession> set = watchers.get(w);
      if (set != null) {
        set.remove(s);
        if (set.isEmpty()) {
          watchers.remove(w);
        }
      }
    }
    s.watched.clear();
    s.watchDirty = false;
  }

  void touch(int db, Bytes key) {
    if (watchers.isEmpty()) {
      return;
    }
    LinkedHashSet<ClientSession> set = watchers.get(new ClientSession.Watched(db, key));
    if (set != null) {
      for (ClientSession s : set) {
        s.watchDirty = true;
      }
    }
  }

  /** Marks watchers of every key in {@code db} (all dbs when -1) dirty: FLUSHDB, SWAPDB. */
  void touchDb(int db) {
    List<ClientSession.Watched> keys = new ArrayList<>(watchers.keySet());
    for (ClientSession.Watched w : keys) {
      if (db == -1 || w.db() == db) {
        for (ClientSession s : watchers.get(w)) {
          s.watchDirty = true;
        }
      }
    }
  }

  int watchingKeys() {
    return watchers.size();
  }
}
