package io.vigil.testkit.sentinel.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of an {@code INFO} reply a sentinel acts on, parsed as Redis 7.0's {@code
 * sentinelRefreshInstanceInfo} reads them. Unknown lines are ignored; missing fields keep their
 * defaults.
 *
 * @param runId {@code run_id}, or null
 * @param master whether {@code role:master}
 * @param masterHost for a replica, {@code master_host}
 * @param masterPort for a replica, {@code master_port}
 * @param masterLinkUp for a replica, {@code master_link_status:up}
 * @param masterLinkDownMillis {@code master_link_down_since_seconds} in ms (0 when up or unknown)
 * @param priority {@code slave_priority} (default 100)
 * @param replicationOffset {@code slave_repl_offset} (a replica) or {@code master_repl_offset}
 * @param replicaAnnounced {@code replica_announced} (default true)
 * @param replicas for a master, its {@code slaveN:ip=...,port=...} lines
 */
public record InstanceInfo(
    String runId,
    boolean master,
    String masterHost,
    int masterPort,
    boolean masterLinkUp,
    long masterLinkDownMillis,
    int priority,
    long replicationOffset,
    boolean replicaAnnounced,
    List<ReplicaLine> replicas) {

  /** One {@code slaveN:} line of a master's INFO. */
  public record ReplicaLine(String host, int port, String state, long offset) {}

  /** Parses the text of {@code INFO} (any sections; {@code server} and {@code replication} matter). */
  public static InstanceInfo parse(String info) {
    String runId = null;
    boolean master = true;
    String masterHost = null;
    int masterPort = 0;
    boolean linkUp = false;
    long linkDownMillis = 0;
    int priority = 100;
    long offset = 0;
    long masterOffset = 0;
    boolean announced = true;
    List<ReplicaLine> replicas = new ArrayList<>();
    for (String raw : info.split("\r?\n")) {
      String line = raw.strip();
      int colon = line.indexOf(':');
      if (colon < 0 || line.startsWith("#")) {
        continue;
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1);
      switch (key) {
        case "run_id":
          if (value.length() == 40) {
            runId = value;
          }
          break;
        case "role":
          master = value.equals("master");
          break;
        case "master_host":
          masterHost = value;
          break;
        case "master_port":
          masterPort = parseInt(value, 0);
          break;
        case "master_link_status":
          linkUp = value.equalsIgnoreCase("up");
          break;
        case "master_link_down_since_seconds":
          long seconds = parseLong(value, 0);
          linkDownMillis = seconds > 0 ? seconds * 1000 : 0;
          break;
        case "slave_priority":
        case "replica_priority":
          priority = parseInt(value, 100);
          break;
        case "slave_repl_offset":
          offset = parseLong(value, 0);
          break;
        case "master_repl_offset":
          masterOffset = parseLong(value, 0);
          break;
        case "replica_announced":
          announced = !value.equals("0");
          break;
        default:
          if (key.startsWith("slave") && key.length() > 5 && Character.isDigit(key.charAt(5))) {
            ReplicaLine r = replicaLine(value);
            if (r != null) {
              replicas.add(r);
            }
          }
      }
    }
    return new InstanceInfo(runId, master, masterHost, masterPort, linkUp, linkDownMillis, priority,
        master ? masterOffset : offset, announced, List.copyOf(replicas));
  }

  /** Parses {@code ip=127.0.0.1,port=6380,state=online,offset=123,lag=0}. */
  private static ReplicaLine replicaLine(String value) {
    String host = null;
    int port = -1;
    String state = "";
    long offset = 0;
    for (String kv : value.split(",")) {
      int eq = kv.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String k = kv.substring(0, eq);
      String v = kv.substring(eq + 1);
      switch (k) {
        case "ip": host = v; break;
        case "port": port = parseInt(v, -1); break;
        case "state": state = v; break;
        case "offset": offset = parseLong(v, 0); break;
        default: break;
      }
    }
    return host == null || port <= 0 ? null : new ReplicaLine(host, port, state, offset);
  }

  private static int parseInt(String v, int fallback) {
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static long parseLong(String v, long fallback) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
