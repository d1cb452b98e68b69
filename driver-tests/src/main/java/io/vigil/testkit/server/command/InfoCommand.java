package io.vigil.testkit.server.command;

import io.vigil.testkit.server.replication.MasterLink;
import io.vigil.testkit.server.replication.ReplicaPeer;
import io.vigil.testkit.server.replication.ReplicationBacklog;
import io.vigil.testkit.server.replication.ReplicationSource;

import io.vigil.resp.RespValue;
import io.vigil.resp.RespVerbatimString;
import io.vigil.testkit.server.keyspace.Database;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** INFO, with Redis 7.0's section and field names, in Redis's order. */
final class InfoCommand {

  /** The Redis version this server behaves as. */
  static final String VERSION = "7.0.15";

  private static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence",
      "stats", "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

  private InfoCommand() {}

  static void install(CommandTable t) {
    t.add("info", c -> info(c, t));
  }

  private static RespValue info(Call c, CommandTable table) {
    Set<String> sections = new LinkedHashSet<>();
    if (c.argc() == 1) {
      sections.addAll(DEFAULT);
    }
    for (int i = 1; i < c.argc(); i++) {
      String s = c.str(i).toLowerCase(Locale.ROOT);
      if (s.equals("default")) {
        sections.addAll(DEFAULT);
      } else if (s.equals("all") || s.equals("everything")) {
        sections.addAll(DEFAULT);
        sections.add("commandstats");
        sections.add("latencystats");
      } else {
        sections.add(s);
      }
    }
    String text = render(c.server(), sections, table);
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return c.resp3() ? RespVerbatimString.of("txt", b) : Replies.bulk(b);
  }

  static String render(ServerContext s, Set<String> sections, CommandTable table) {
    StringBuilder sb = new StringBuilder();
    for (String section : List.of("server", "clients", "memory", "persistence", "stats",
        "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster",
        "keyspace")) {
      if (!sections.contains(section)) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append("\r\n");
      }
      switch (section) {
        case "server": server(s, sb); break;
        case "clients": clients(s, sb); break;
        case "memory": memory(s, sb); break;
        case "persistence": persistence(s, sb); break;
        case "stats": stats(s, sb); break;
        case "replication": replication(s, sb); break;
        case "cpu": cpu(sb); break;
        case "modules": sb.append("# Modules\r\n"); break;
        case "commandstats": commandstats(table, sb); break;
        case "errorstats": errorstats(s, sb); break;
        case "latencystats": sb.append("# Latencystats\r\n"); break;
        case "cluster": sb.append("# Cluster\r\ncluster_enabled:0\r\n"); break;
        default: keyspace(s, sb); break;
      }
    }
    return sb.toString();
  }

  private static void field(StringBuilder sb, String name, Object value) {
    sb.append(name).append(':').append(value).append("\r\n");
  }

  private static void server(ServerContext s, StringBuilder sb) {
    long uptime = (System.currentTimeMillis() - s.startMillis()) / 1000;
    sb.append("# Server\r\n");
    field(sb, "redis_version", VERSION);
    field(sb, "redis_git_sha1", "00000000");
    field(sb, "redis_git_dirty", 0);
    field(sb, "redis_build_id", "0000000000000000");
    field(sb, "redis_mode", "standalone");
    field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    field(sb, "arch_bits", System.getProperty("os.arch").contains("64") ? 64 : 32);
    field(sb, "monotonic_clock", "POSIX clock_gettime");
    field(sb, "multiplexing_api", "epoll");
    field(sb, "atomicvar_api", "c11-builtin");
    field(sb, "gcc_version", "0.0.0");
    field(sb, "process_id", ProcessHandle.current().pid());
    field(sb, "process_supervised", "no");
    field(sb, "run_id", s.runId());
    field(sb, "tcp_port", s.tcpPort);
    field(sb, "server_time_usec", s.now() * 1000);
    field(sb, "uptime_in_seconds", uptime);
    field(sb, "uptime_in_days", uptime / 86400);
    field(sb, "hz", s.config().get("hz"));
    field(sb, "configured_hz", s.config().get("hz"));
    field(sb, "lru_clock", (s.now() / 1000) & ((1 << 24) - 1));
    field(sb, "executable", "java");
    field(sb, "config_file", s.config().file() == null ? "" : s.config().file());
    field(sb, "io_threads_active", 0);
  }

  private static void clients(ServerContext s, StringBuilder sb) {
    sb.append("# Clients\r\n");
    field(sb, "connected_clients", s.connections().size());
    field(sb, "cluster_connections", 0);
    field(sb, "maxclients", s.config().get("maxclients"));
    field(sb, "client_recent_max_input_buffer", 0);
    field(sb, "client_recent_max_output_buffer", 0);
    field(sb, "blocked_clients", s.blocking.blockedClients());
    field(sb, "tracking_clients", 0);
    field(sb, "clients_in_timeout_table", s.blocking.blockedClients());
  }

  static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      // not Linux: fall through
    }
    return Runtime.getRuntime().totalMemory();
  }

  private static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    String[] units = {"K", "M", "G", "T"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
  }

  private static void memory(ServerContext s, StringBuilder sb) {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    long rss = rss();
    long max = s.config().getLong("maxmemory");
    sb.append("# Memory\r\n");
    field(sb, "used_memory", used);
    field(sb, "used_memory_human", human(used));
    field(sb, "used_memory_rss", rss);
    field(sb, "used_memory_rss_human", human(rss));
    field(sb, "used_memory_peak", used);
    field(sb, "used_memory_peak_human", human(used));
    field(sb, "used_memory_peak_perc", "100.00%");
    field(sb, "used_memory_overhead", 0);
    field(sb, "used_memory_startup", 0);
    field(sb, "used_memory_dataset", used);
    field(sb, "used_memory_dataset_perc", "100.00%");
    field(sb, "total_system_memory", rt.maxMemory());
    field(sb, "total_system_memory_human", human(rt.maxMemory()));
    scripting(s, sb);
    field(sb, "maxmemory", max);
    field(sb, "maxmemory_human", human(max));
    field(sb, "maxmemory_policy", s.config().get("maxmemory-policy"));
    field(sb, "mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", used == 0 ? 1.0 : (double) rss / used));
    field(sb, "mem_allocator", "jvm");
    field(sb, "lazyfree_pending_objects", 0);
    field(sb, "lazyfreed_objects", 0);
  }

  /**
   * The scripting fields of INFO memory, in Redis 7.0's order. The interpreters' sizes are
   * estimates (the JVM does not account memory per object graph): an empty interpreter as
   * Redis reports it, plus the cached sources.
   */
  private static void scripting(ServerContext s, StringBuilder sb) {
    var scripting = s.scripting();
    long scripts = scripting == null ? 0 : scripting.cachedScripts();
    long evalBodies = scripting == null ? 0 : scripting.scriptMemory();
    long functions = scripting == null ? 0 : scripting.libraries().functionCount();
    long libraries = scripting == null ? 0 : scripting.libraries().libraryCount();
    long functionMemory = 200 + (scripting == null ? 0 : scripting.libraries().memory());
    long vmEval = 32768 + evalBodies;
    long vmFunctions = 33792 + functionMemory;
    field(sb, "used_memory_lua", vmEval);
    field(sb, "used_memory_vm_eval", vmEval);
    field(sb, "used_memory_lua_human", human(vmEval));
    field(sb, "used_memory_scripts_eval", evalBodies);
    field(sb, "number_of_cached_scripts", scripts);
    field(sb, "number_of_functions", functions);
    field(sb, "number_of_libraries", libraries);
    field(sb, "used_memory_vm_functions", vmFunctions);
    field(sb, "used_memory_vm_total", vmEval + vmFunctions);
    field(sb, "used_memory_vm_total_human", human(vmEval + vmFunctions));
    field(sb, "used_memory_functions", functionMemory);
    field(sb, "used_memory_scripts", evalBodies + functionMemory);
    field(sb, "used_memory_scripts_human", human(evalBodies + functionMemory));
  }

  private static void persistence(ServerContext s, StringBuilder sb) {
    sb.append("# Persistence\r\n");
    field(sb, "loading", 0);
    field(sb, "async_loading", 0);
    field(sb, "rdb_changes_since_last_save", s.dirty());
    field(sb, "rdb_bgsave_in_progress", 0);
    field(sb, "rdb_last_save_time", s.lastSaveSeconds());
    field(sb, "rdb_last_bgsave_status", "ok");
    field(sb, "rdb_last_bgsave_time_sec", -1);
    field(sb, "rdb_current_bgsave_time_sec", -1);
    field(sb, "rdb_saves", s.rdbSaves());
    field(sb, "aof_enabled", s.appendOnlyEnabled() ? 1 : 0);
    field(sb, "aof_rewrite_in_progress", 0);
    field(sb, "aof_rewrite_scheduled", 0);
    field(sb, "aof_last_rewrite_time_sec", -1);
    field(sb, "aof_current_rewrite_time_sec", -1);
    field(sb, "aof_last_bgrewrite_status", "ok");
    field(sb, "aof_rewrites", 0);
    field(sb, "aof_last_write_status", "ok");
  }

  private static void stats(ServerContext s, StringBuilder sb) {
    ServerContext.Stats st = s.stats;
    sb.append("# Stats\r\n");
    field(sb, "total_connections_received", s.network().totalConnections());
    field(sb, "total_commands_processed", st.commands);
    field(sb, "instantaneous_ops_per_sec", s.instantaneousOps());
    field(sb, "total_net_input_bytes", s.network().inputBytes());
    field(sb, "total_net_output_bytes", s.network().outputBytes());
    field(sb, "instantaneous_input_kbps", "0.00");
    field(sb, "instantaneous_output_kbps", "0.00");
    field(sb, "rejected_connections", st.rejectedConnections);
    field(sb, "sync_full", s.replication().syncFull());
    field(sb, "sync_partial_ok", s.replication().syncPartialOk());
    field(sb, "sync_partial_err", s.replication().syncPartialErr());
    field(sb, "expired_keys", s.keyspace().expiredKeys());
    field(sb, "expired_stale_perc", "0.00");
    field(sb, "expired_time_cap_reached_count", 0);
    field(sb, "evicted_keys", 0);
    field(sb, "evicted_clients", 0);
    field(sb, "keyspace_hits", st.keyspaceHits);
    field(sb, "keyspace_misses", st.keyspaceMisses);
    field(sb, "pubsub_channels", s.pubsub().channelCount());
    field(sb, "pubsub_patterns", s.pubsub().numpat());
    field(sb, "pubsubshard_channels", 0);
    field(sb, "latest_fork_usec", 0);
    field(sb, "total_forks", 0);
    field(sb, "unexpected_error_replies", st.unexpectedErrors);
    field(sb, "total_error_replies", st.totalErrorReplies);
    field(sb, "total_reads_processed", st.commands);
    field(sb, "total_writes_processed", st.commands);
  }

  private static void replication(ServerContext s, StringBuilder sb) {
    ReplicationSource r = s.replication();
    MasterLink link = s.masterLink();
    long now = s.now();
    sb.append("# Replication\r\n");
    field(sb, "role", link == null ? "master" : "slave");
    if (link != null) {
      long offset = link.isUp() || link.downSinceMillis() > 0 || r.backlog() != null ? r.offset() : 1;
      field(sb, "master_host", link.host());
      field(sb, "master_port", link.port());
      field(sb, "master_link_status", link.isUp() ? "up" : "down");
      field(sb, "master_last_io_seconds_ago", link.lastIoSecondsAgo(now));
      field(sb, "master_sync_in_progress", link.syncInProgress() ? 1 : 0);
      field(sb, "slave_read_repl_offset", offset);
      field(sb, "slave_repl_offset", offset);
      if (link.syncInProgress()) {
        long total = link.syncTotalBytes();
        long read = link.syncReadBytes();
        field(sb, "master_sync_total_bytes", total);
        field(sb, "master_sync_read_bytes", read);
        field(sb, "master_sync_left_bytes", total - read);
        field(sb, "master_sync_perc", String.format(Locale.ROOT, "%.2f", total > 0 ? read * 100.0 / total : 0.0));
        field(sb, "master_sync_last_io_seconds_ago", link.lastIoSecondsAgo(now));
      }
      if (!link.isUp()) {
        field(sb, "master_link_down_since_seconds",
            link.downSinceMillis() == 0 ? -1 : (now - link.downSinceMillis()) / 1000);
      }
      field(sb, "slave_priority", s.config().get("replica-priority"));
      field(sb, "slave_read_only", s.config().getBool("replica-read-only") ? 1 : 0);
      field(sb, "replica_announced", s.config().getBool("replica-announced") ? 1 : 0);
    }
    List<ReplicaPeer> replicas = r.replicas();
    field(sb, "connected_slaves", replicas.size());
    if (s.minReplicasToWrite > 0 && s.minReplicasMaxLag > 0) {
      field(sb, "min_slaves_good_slaves", r.goodReplicas(now, s.minReplicasMaxLag));
    }
    int i = 0;
    for (ReplicaPeer p : replicas) {
      sb.append("slave").append(i++).append(":ip=").append(p.ip()).append(",port=").append(p.listeningPort())
          .append(",state=").append(p.state().text()).append(",offset=").append(p.ackOffset())
          .append(",lag=").append((now - p.ackMillis()) / 1000).append("\r\n");
    }
    field(sb, "master_failover_state", "no-failover");
    field(sb, "master_replid", r.ids().replId());
    field(sb, "master_replid2", r.ids().replId2());
    field(sb, "master_repl_offset", r.offset());
    field(sb, "second_repl_offset", r.ids().secondReplOffset());
    ReplicationBacklog backlog = r.backlog();
    field(sb, "repl_backlog_active", backlog == null ? 0 : 1);
    field(sb, "repl_backlog_size", r.backlogSize());
    field(sb, "repl_backlog_first_byte_offset", backlog == null ? 0 : backlog.firstByteOffset());
    field(sb, "repl_backlog_histlen", backlog == null ? 0 : backlog.histlen());
  }

  private static void cpu(StringBuilder sb) {
    double total = 0;
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      total = sun.getProcessCpuTime() / 1e9;
    }
    sb.append("# CPU\r\n");
    field(sb, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", total / 3));
    field(sb, "used_cpu_user", String.format(Locale.ROOT, "%.6f", total * 2 / 3));
    field(sb, "used_cpu_sys_children", "0.000000");
    field(sb, "used_cpu_user_children", "0.000000");
    field(sb, "used_cpu_sys_main_thread", String.format(Locale.ROOT, "%.6f", total / 3));
    field(sb, "used_cpu_user_main_thread", String.format(Locale.ROOT, "%.6f", total * 2 / 3));
  }

  private static void commandstats(CommandTable table, StringBuilder sb) {
    sb.append("# Commandstats\r\n");
    for (Command c : table.all()) {
      appendStats(sb, c);
      for (Command sub : c.subcommands().values()) {
        appendStats(sb, sub);
      }
    }
  }

  private static void appendStats(StringBuilder sb, Command c) {
    if (c.calls == 0 && c.rejectedCalls == 0 && c.failedCalls == 0) {
      return;
    }
    sb.append("cmdstat_").append(c.spec().name()).append(":calls=").append(c.calls)
        .append(",usec=").append(c.micros)
        .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f", c.calls == 0 ? 0.0 : (double) c.micros / c.calls))
        .append(",rejected_calls=").append(c.rejectedCalls)
        .append(",failed_calls=").append(c.failedCalls).append("\r\n");
  }

  private static void errorstats(ServerContext s, StringBuilder sb) {
    sb.append("# Errorstats\r\n");
    for (var e : s.errorCounts.entrySet()) {
      sb.append("errorstat_").append(e.getKey()).append(":count=").append(e.getValue()).append("\r\n");
    }
  }

  private static void keyspace(ServerContext s, StringBuilder sb) {
    sb.append("# Keyspace\r\n");
    for (int i = 0; i < s.keyspace().count(); i++) {
      Database db = s.keyspace().db(i);
      if (db.size() > 0) {
        sb.append("db").append(i).append(":keys=").append(db.size()).append(",expires=")
            .append(db.expiresSize()).append(",avg_ttl=0\r\n");
      }
    }
  }
}
