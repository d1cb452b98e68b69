package io.vigil.testkit.sentinel;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.sentinel.config.MonitoredMaster;
import io.vigil.testkit.sentinel.election.Vote;
import io.vigil.testkit.sentinel.event.HelloMessage;
import io.vigil.testkit.sentinel.event.InstanceRef;
import io.vigil.testkit.sentinel.event.SentinelEvent;
import io.vigil.testkit.sentinel.failure.LinkHealth;
import io.vigil.testkit.sentinel.monitor.Address;
import io.vigil.testkit.sentinel.monitor.DataNode;
import io.vigil.testkit.sentinel.monitor.MasterMonitor;
import io.vigil.testkit.sentinel.monitor.PeerSentinel;
import io.vigil.testkit.server.command.Call;
import io.vigil.testkit.server.command.CommandSpec;
import io.vigil.testkit.server.command.CommandTable;
import io.vigil.testkit.server.command.RedisError;
import io.vigil.testkit.server.pubsub.GlobMatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The commands only a sentinel answers — {@code SENTINEL} and its subcommands, and the
 * sentinel's own {@code INFO}, {@code ROLE}, {@code PUBLISH} and {@code SHUTDOWN} — with
 * Redis 7.0's reply shapes (flat field/value arrays under RESP2, maps under RESP3).
 *
 * <p>Handlers run on the sentinel's event loop, like its timer, so they read and change the
 * monitors directly.
 */
final class SentinelCommands {

  /**
   * What the handlers act on. The command table is built before the event loop exists and the
   * runtime is built on it, so both are filled in once the sentinel has started (before any
   * client can connect).
   */
  static final class Target {
    volatile VigilSentinel sentinel;
    volatile SentinelRuntime runtime;
  }

  private final Target target;

  private SentinelCommands(Target target) {
    this.target = target;
  }

  static void install(CommandTable t, Target target) {
    SentinelCommands c = new SentinelCommands(target);
    t.add(new CommandSpec("sentinel", -2, List.of("admin", "sentinel", "only_sentinel"), 0, 0, 0, List.of("@admin")),
        c::sentinel);
    t.add(new CommandSpec("info", -1, List.of("sentinel", "loading", "stale", "fast"), 0, 0, 0, List.of("@dangerous")),
        c::info);
    t.add(new CommandSpec("role", 1, List.of("sentinel", "noscript", "loading", "stale", "fast"), 0, 0, 0,
        List.of("@admin", "@fast", "@dangerous")), call -> c.role());
    t.add(new CommandSpec("publish", 3, List.of("pubsub", "loading", "stale", "fast", "may_replicate", "sentinel"),
        0, 0, 0, List.of("@pubsub", "@fast")), c::publish);
    t.add(new CommandSpec("shutdown", -1, List.of("admin", "noscript", "loading", "stale", "no_multi", "sentinel",
        "allow_busy"), 0, 0, 0, List.of("@admin", "@slow", "@dangerous")), call -> {
          c.runtime().flushConfig();
          call.server().log().warning("User requested shutdown...");
          call.connection().closeAfterReply();
          call.server().eventLoop().execute(c.target.sentinel::close);
          return null;
        });
  }

  private SentinelRuntime runtime() {
    return target.runtime;
  }

  // --- SENTINEL ------------------------------------------------------------------------------

  private RespValue sentinel(Call c) {
    String sub = c.str(1).toLowerCase(Locale.ROOT);
    long now = runtime().now();
    switch (sub) {
      case "masters":
        arity(c, 2);
        List<RespValue> all = new ArrayList<>();
        for (SentinelRuntime.Monitored m : runtime().masters.values()) {
          all.add(masterInfo(m.monitor, now));
        }
        return new RespArray(all);
      case "master":
        arity(c, 3);
        return masterInfo(master(c, 2), now);
      case "replicas":
      case "slaves": {
        arity(c, 3);
        MasterMonitor m = master(c, 2);
        List<RespValue> out = new ArrayList<>();
        for (DataNode r : m.replicas()) {
          out.add(replicaInfo(m, r, now));
        }
        return new RespArray(out);
      }
      case "sentinels": {
        arity(c, 3);
        MasterMonitor m = master(c, 2);
        List<RespValue> out = new ArrayList<>();
        for (PeerSentinel p : m.peers()) {
          out.add(sentinelInfo(p, now));
        }
        return new RespArray(out);
      }
      case "myid":
        arity(c, 2);
        return RespBulkString.of(runtime().config.myId());
      case "get-master-addr-by-name": {
        arity(c, 3);
        SentinelRuntime.Monitored m = runtime().masters.get(c.str(2));
        if (m == null) {
          return RespNull.ARRAY;
        }
        Address a = m.monitor.currentMasterAddress();
        return RespArray.of(RespBulkString.of(a.host()), RespBulkString.of(Integer.toString(a.port())));
      }
      case "is-master-down-by-addr":
        arity(c, 6);
        return isMasterDownByAddr(c, now);
      case "failover": {
        arity(c, 3);
        MasterMonitor m = master(c, 2);
        String error = m.forceFailover(now);
        return error == null ? RespSimpleString.OK : RespError.of(error);
      }
      case "monitor":
        arity(c, 6);
        return monitor(c);
      case "remove":
        arity(c, 3);
        master(c, 2);
        runtime().remove(c.str(2));
        runtime().config.masters().remove(c.str(2));
        runtime().event(new SentinelEvent("-monitor", "master " + c.str(2)));
        runtime().flushConfig();
        return RespSimpleString.OK;
      case "set":
        return set(c);
      case "reset":
        arity(c, 3);
        return reset(c.str(2));
      case "ckquorum":
        arity(c, 3);
        return ckquorum(master(c, 2));
      case "flushconfig":
        arity(c, 2);
        if (runtime().config.file().isEmpty()) {
          throw new RedisError("ERR this sentinel was started without a config file");
        }
        runtime().flushConfig();
        return RespSimpleString.OK;
      case "config":
        return config(c);
      case "info-cache":
        return infoCache(c, now);
      case "simulate-failure":
        for (int i = 2; i < c.argc(); i++) {
          String flag = c.str(i).toLowerCase(Locale.ROOT);
          if (flag.equals("crash-after-election")) {
            runtime().simulateFailureFlags |= 1;
          } else if (flag.equals("crash-after-promotion")) {
            runtime().simulateFailureFlags |= 2;
          } else if (flag.equals("help")) {
            return RespArray.of(RespBulkString.of("crash-after-election"), RespBulkString.of("crash-after-promotion"));
          } else {
            throw new RedisError("ERR Unknown failure simulation specified");
          }
        }
        return RespSimpleString.OK;
      case "debug":
        return debug();
      case "pending-scripts":
        return RespArray.EMPTY;
      case "help":
        return help();
      default:
        throw new RedisError("ERR unknown subcommand '" + c.str(1) + "'. Try SENTINEL HELP.");
    }
  }

  private RespValue isMasterDownByAddr(Call c, long now) {
    int port;
    long epoch;
    try {
      port = Integer.parseInt(c.str(3));
      epoch = Long.parseUnsignedLong(c.str(4));
    } catch (NumberFormatException e) {
      throw new RedisError(RedisError.NOT_INTEGER);
    }
    Address asked = new Address(c.str(2), port);
    boolean down = false;
    Vote vote = Vote.NONE;
    for (SentinelRuntime.Monitored m : runtime().masters.values()) {
      if (m.monitor.master().address().equals(asked)) {
        boolean[] isDown = new boolean[1];
        vote = m.monitor.isMasterDownByAddr(epoch, c.str(5), now, isDown);
        down = isDown[0];
        break;
      }
    }
    return RespArray.of(RespInteger.of(down ? 1 : 0),
        RespBulkString.of(vote.leader() == null ? "*" : vote.leader()),
        RespInteger.of(vote.leader() == null ? 0 : vote.epoch()));
  }

  private RespValue monitor(Call c) {
    String name = c.str(2);
    int port;
    int quorum;
    try {
      port = Integer.parseInt(c.str(4));
      quorum = Integer.parseInt(c.str(5));
    } catch (NumberFormatException e) {
      throw new RedisError(RedisError.NOT_INTEGER);
    }
    if (quorum <= 0) {
      throw new RedisError("ERR Quorum must be 1 or greater.");
    }
    if (port <= 0 || port > 65535) {
      throw new RedisError("ERR Invalid port number");
    }
    if (runtime().masters.containsKey(name)) {
      throw new RedisError("ERR Duplicate master name.");
    }
    MonitoredMaster m = new MonitoredMaster(name, c.str(3), port, quorum);
    runtime().config.masters().put(name, m);
    SentinelRuntime.Monitored added = runtime().add(m);
    runtime().flushConfig();
    runtime().event(SentinelEvent.of("+monitor", InstanceRef.master(name, c.str(3), port), "quorum " + quorum));
    added.links.maintain();
    return RespSimpleString.OK;
  }

  private RespValue set(Call c) {
    if (c.argc() < 5 || c.argc() % 2 == 0) {
      throw new RedisError("ERR wrong number of arguments for 'sentinel|set' command");
    }
    MasterMonitor monitor = master(c, 2);
    MonitoredMaster m = monitor.config();
    for (int i = 3; i + 1 < c.argc(); i += 2) {
      String option = c.str(i).toLowerCase(Locale.ROOT);
      String value = c.str(i + 1);
      try {
        switch (option) {
          case "down-after-milliseconds":
            m.downAfterMillis(positive(value));
            break;
          case "failover-timeout":
            m.failoverTimeoutMillis(positive(value));
            break;
          case "parallel-syncs":
            m.parallelSyncs((int) positive(value));
            break;
          case "quorum":
            m.quorum((int) positive(value));
            break;
          case "auth-pass":
            m.authPass(value.isEmpty() ? null : value);
            break;
          case "auth-user":
            m.authUser(value.isEmpty() ? null : value);
            break;
          case "master-reboot-down-after-period":
            m.masterRebootDownAfterMillis(Long.parseLong(value));
            break;
          case "notification-script":
          case "client-reconfig-script":
            throw new RedisError("ERR Reconfiguration of scripts path is denied for security reasons."
                + " Check the deny-scripts-reconfig configuration directive in your config file.");
          default:
            throw new RedisError("ERR Invalid argument '" + c.str(i) + "' for SENTINEL SET '" + m.name() + "'");
        }
      } catch (NumberFormatException e) {
        throw new RedisError("ERR Invalid argument '" + value + "' for SENTINEL SET '" + option + "'");
      }
      boolean secret = option.equals("auth-pass");
      runtime().event(SentinelEvent.of("+set", InstanceRef.master(m.name(), m.host(), m.port()),
          option + " " + (secret ? "******" : value)));
    }
    runtime().flushConfig();
    return RespSimpleString.OK;
  }

  private RespValue reset(String pattern) {
    int count = 0;
    byte[] glob = pattern.getBytes(StandardCharsets.UTF_8);
    for (String name : new ArrayList<>(runtime().masters.keySet())) {
      if (!GlobMatcher.matches(glob, name.getBytes(StandardCharsets.UTF_8), false)) {
        continue;
      }
      MonitoredMaster m = runtime().masters.get(name).monitor.config();
      runtime().remove(name);
      m.knownReplicas().clear();
      m.knownSentinels().clear();
      runtime().add(m);
      runtime().event(SentinelEvent.of("+reset-master", InstanceRef.master(name, m.host(), m.port())));
      count++;
    }
    runtime().flushConfig();
    return RespInteger.of(count);
  }

  private RespValue ckquorum(MasterMonitor m) {
    int usable = 1;
    for (PeerSentinel p : m.peers()) {
      if (p.link().isConnected()) {
        usable++;
      }
    }
    int voters = m.peers().size() + 1;
    if (usable < m.config().quorum()) {
      return RespError.of("NOQUORUM " + usable + " usable Sentinels. Not enough available Sentinels to reach"
          + " the specified quorum for this master. Not enough available Sentinels to reach the majority and"
          + " authorize a failover");
    }
    if (usable < voters / 2 + 1) {
      return RespError.of("NOQUORUM " + usable + " usable Sentinels. Not enough available Sentinels to reach"
          + " the majority and authorize a failover");
    }
    return RespSimpleString.of("OK " + usable + " usable Sentinels. Quorum and failover authorization can be reached");
  }

  private RespValue config(Call c) {
    if (c.argc() < 4) {
      throw new RedisError("ERR wrong number of arguments for 'sentinel|config' command");
    }
    String action = c.str(2).toLowerCase(Locale.ROOT);
    String param = c.str(3).toLowerCase(Locale.ROOT);
    if (action.equals("get")) {
      List<RespValue> out = new ArrayList<>();
      byte[] glob = param.getBytes(StandardCharsets.UTF_8);
      String[][] values = {
          {"resolve-hostnames", yesNo(runtime().config.resolveHostnames())},
          {"announce-hostnames", yesNo(runtime().config.announceHostnames())},
          {"announce-ip", runtime().config.announceIp() == null ? "" : runtime().config.announceIp()},
          {"announce-port", Integer.toString(runtime().config.announcePort())},
          {"sentinel-user", runtime().config.sentinelUser() == null ? "" : runtime().config.sentinelUser()},
          {"sentinel-pass", runtime().config.sentinelPass() == null ? "" : runtime().config.sentinelPass()},
          {"deny-scripts-reconfig", yesNo(runtime().config.denyScriptsReconfig())}};
      for (String[] kv : values) {
        if (GlobMatcher.matches(glob, kv[0].getBytes(StandardCharsets.UTF_8), true)) {
          out.add(RespBulkString.of(kv[0]));
          out.add(RespBulkString.of(kv[1]));
        }
      }
      return c.resp3() ? new RespMap(out) : new RespArray(out);
    }
    if (action.equals("set")) {
      if (c.argc() != 5) {
        throw new RedisError("ERR wrong number of arguments for 'sentinel|config' command");
      }
      String value = c.str(4);
      switch (param) {
        case "resolve-hostnames":
          runtime().config.resolveHostnames(parseYesNo(value));
          break;
        case "announce-hostnames":
          runtime().config.announceHostnames(parseYesNo(value));
          break;
        case "announce-ip":
          runtime().config.announceIp(value.isEmpty() ? null : value);
          break;
        case "announce-port":
          try {
            runtime().config.announcePort(Integer.parseInt(value));
          } catch (NumberFormatException e) {
            throw new RedisError("ERR Invalid value for announce-port");
          }
          break;
        case "sentinel-user":
          runtime().config.sentinelUser(value.isEmpty() ? null : value);
          break;
        case "sentinel-pass":
          runtime().config.sentinelPass(value.isEmpty() ? null : value);
          break;
        default:
          throw new RedisError("ERR Invalid argument '" + c.str(3) + "' to SENTINEL CONFIG SET");
      }
      runtime().flushConfig();
      return RespSimpleString.OK;
    }
    throw new RedisError("ERR unknown subcommand '" + c.str(2) + "'. Try SENTINEL CONFIG HELP.");
  }

  private RespValue infoCache(Call c, long now) {
    List<RespValue> out = new ArrayList<>();
    for (SentinelRuntime.Monitored entry : runtime().masters.values()) {
      MasterMonitor m = entry.monitor;
      if (c.argc() > 2) {
        boolean wanted = false;
        for (int i = 2; i < c.argc(); i++) {
          wanted |= c.str(i).equals(m.name());
        }
        if (!wanted) {
          continue;
        }
      }
      List<RespValue> infos = new ArrayList<>();
      infos.add(cached(m.master(), now));
      for (DataNode r : m.replicas()) {
        infos.add(cached(r, now));
      }
      out.add(RespBulkString.of(m.name()));
      out.add(new RespArray(infos));
    }
    return c.resp3() ? new RespMap(out) : new RespArray(out);
  }

  private static RespValue cached(DataNode n, long now) {
    if (n.lastInfo() == null) {
      return RespArray.of(RespNull.BULK, RespNull.BULK);
    }
    return RespArray.of(RespInteger.of(now - n.infoRefresh()), RespBulkString.of(n.lastInfo()));
  }

  private RespValue debug() {
    var t = runtime().timings;
    List<RespValue> out = new ArrayList<>();
    String[][] values = {
        {"INFO-PERIOD", Long.toString(t.infoPeriod())}, {"PING-PERIOD", Long.toString(t.pingPeriod())},
        {"ASK-PERIOD", Long.toString(t.askPeriod())}, {"PUBLISH-PERIOD", Long.toString(t.publishPeriod())},
        {"DEFAULT-DOWN-AFTER", Long.toString(MonitoredMaster.DEFAULT_DOWN_AFTER_MS)},
        {"DEFAULT-FAILOVER-TIMEOUT", Long.toString(MonitoredMaster.DEFAULT_FAILOVER_TIMEOUT_MS)},
        {"TILT-TRIGGER", "2000"}, {"TILT-PERIOD", "30000"},
        {"SLAVE-RECONF-TIMEOUT", Long.toString(t.replicaReconfTimeout())},
        {"MIN-LINK-RECONNECT-PERIOD", "15000"}, {"ELECTION-TIMEOUT", Long.toString(t.electionTimeout())}};
    for (String[] kv : values) {
      out.add(RespBulkString.of(kv[0]));
      out.add(RespBulkString.of(kv[1]));
    }
    return new RespArray(out);
  }

  private static RespValue help() {
    String[] lines = {
        "SENTINEL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CKQUORUM <master-name>", "CONFIG SET <param> <value>", "CONFIG GET <param>", "DEBUG [<param> <value> ...]",
        "GET-MASTER-ADDR-BY-NAME <master-name>", "FAILOVER <master-name>", "FLUSHCONFIG",
        "INFO-CACHE <master-name>", "IS-MASTER-DOWN-BY-ADDR <ip> <port> <current-epoch> <runid>",
        "MASTER <master-name>", "MASTERS", "MONITOR <name> <ip> <port> <quorum>", "MYID",
        "PENDING-SCRIPTS", "REMOVE <master-name>", "REPLICAS <master-name>", "RESET <pattern>",
        "SENTINELS <master-name>", "SET <master-name> <option> <value> [<option> <value> ...]",
        "SIMULATE-FAILURE [CRASH-AFTER-ELECTION] [CRASH-AFTER-PROMOTION] [HELP]", "HELP"};
    List<RespValue> out = new ArrayList<>();
    for (String l : lines) {
      out.add(RespSimpleString.of(l));
    }
    return new RespArray(out);
  }

  // --- reply shapes --------------------------------------------------------------------------

  private RespValue masterInfo(MasterMonitor m, long now) {
    Fields f = new Fields();
    DataNode n = m.master();
    Address a = n.address();
    f.add("name", m.name()).add("ip", a.host()).add("port", a.port()).add("runid", n.runId() == null ? "" : n.runId())
        .add("flags", m.masterFlags());
    linkFields(f, n.link(), now);
    if (n.isSubjectivelyDown()) {
      f.add("s-down-time", now - n.subjectivelyDownSince());
    }
    if (m.isObjectivelyDown()) {
      f.add("o-down-time", now - m.objectivelyDownSince());
    }
    f.add("down-after-milliseconds", m.config().downAfterMillis())
        .add("info-refresh", n.infoRefresh() == 0 ? 0 : now - n.infoRefresh())
        .add("role-reported", n.reportsMaster() ? "master" : "slave")
        .add("role-reported-time", now - n.roleReportedTime())
        .add("config-epoch", Long.toUnsignedString(m.config().configEpoch()))
        .add("num-slaves", m.replicas().size())
        .add("num-other-sentinels", m.peers().size())
        .add("quorum", m.config().quorum())
        .add("failover-timeout", m.config().failoverTimeoutMillis())
        .add("parallel-syncs", m.config().parallelSyncs());
    if (m.isFailoverInProgress()) {
      f.add("failover-state", m.failoverState().redisName());
    }
    return f.build();
  }

  private RespValue replicaInfo(MasterMonitor m, DataNode r, long now) {
    Fields f = new Fields();
    Address a = r.address();
    f.add("name", a.toString()).add("ip", a.host()).add("port", a.port()).add("runid", r.runId() == null ? "" : r.runId())
        .add("flags", m.replicaFlags(r));
    linkFields(f, r.link(), now);
    if (r.isSubjectivelyDown()) {
      f.add("s-down-time", now - r.subjectivelyDownSince());
    }
    f.add("down-after-milliseconds", m.config().downAfterMillis())
        .add("info-refresh", r.infoRefresh() == 0 ? 0 : now - r.infoRefresh())
        .add("role-reported", r.reportsMaster() ? "master" : "slave")
        .add("role-reported-time", now - r.roleReportedTime())
        .add("master-link-down-time", r.masterLinkDownMillis())
        .add("master-link-status", r.masterLinkUp() ? "ok" : "err")
        .add("master-host", r.masterHost() == null ? "?" : r.masterHost())
        .add("master-port", r.masterPort())
        .add("slave-priority", r.priority())
        .add("slave-repl-offset", r.replicationOffset())
        .add("replica-announced", 1);
    return f.build();
  }

  private RespValue sentinelInfo(PeerSentinel p, long now) {
    Fields f = new Fields();
    Address a = p.address();
    f.add("name", p.runId()).add("ip", a.host()).add("port", a.port()).add("runid", p.runId())
        .add("flags", "sentinel" + (p.link().isConnected() ? "" : ",disconnected") + (p.saysMasterDown() ? ",master_down" : ""));
    linkFields(f, p.link(), now);
    f.add("down-after-milliseconds", 0)
        .add("last-hello-message", p.lastHello() == 0 ? 0 : now - p.lastHello())
        .add("voted-leader", p.vote().leader() == null ? "?" : p.vote().leader())
        .add("voted-leader-epoch", Long.toUnsignedString(p.vote().epoch()));
    return f.build();
  }

  private static void linkFields(Fields f, LinkHealth link, long now) {
    f.add("link-pending-commands", 0)
        .add("link-refcount", 1)
        .add("last-ping-sent", link.pendingPingSince() == 0 ? 0 : now - link.pendingPingSince())
        .add("last-ok-ping-reply", now - link.lastAvailable())
        .add("last-ping-reply", now - link.lastPong());
  }

  /** Field/value pairs, always bulk strings; a map for RESP3, a flat array for RESP2 (the encoder's job). */
  private static final class Fields {
    private final List<RespValue> kv = new ArrayList<>();

    Fields add(String key, Object value) {
      kv.add(RespBulkString.of(key));
      kv.add(RespBulkString.of(String.valueOf(value)));
      return this;
    }

    RespValue build() {
      return new RespMap(kv);
    }
  }

  // --- INFO, ROLE, PUBLISH ---------------------------------------------------------------------

  private RespValue info(Call c) {
    String section = c.argc() > 1 ? c.str(1).toLowerCase(Locale.ROOT) : "default";
    boolean all = section.equals("default") || section.equals("all") || section.equals("everything");
    StringBuilder sb = new StringBuilder();
    if (all || section.equals("server")) {
      sb.append("# Server\r\n")
          .append("redis_version:7.0.15\r\n")
          .append("redis_mode:sentinel\r\n")
          .append("os:").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append("\r\n")
          .append("arch_bits:64\r\n")
          .append("process_id:").append(ProcessHandle.current().pid()).append("\r\n")
          .append("run_id:").append(target.sentinel.runId()).append("\r\n")
          .append("tcp_port:").append(target.sentinel.port()).append("\r\n")
          .append("uptime_in_seconds:").append(runtime().now() / 1000).append("\r\n")
          .append("executable:java\r\n")
          .append("config_file:").append(runtime().config.file().map(p -> p.toAbsolutePath().toString()).orElse(""))
          .append("\r\n\r\n");
    }
    if (all || section.equals("clients")) {
      sb.append("# Clients\r\nconnected_clients:").append(c.server().connections().size()).append("\r\n\r\n");
    }
    if (all || section.equals("sentinel")) {
      sb.append("# Sentinel\r\n")
          .append("sentinel_masters:").append(runtime().masters.size()).append("\r\n")
          .append("sentinel_tilt:").append(runtime().tilt ? 1 : 0).append("\r\n")
          .append("sentinel_tilt_since_seconds:").append(runtime().tilt ? (runtime().now() - runtime().tiltSince) / 1000 : -1).append("\r\n")
          .append("sentinel_running_scripts:0\r\n")
          .append("sentinel_scripts_queue_length:0\r\n")
          .append("sentinel_simulate_failure_flags:").append(runtime().simulateFailureFlags).append("\r\n");
      int i = 0;
      for (SentinelRuntime.Monitored entry : runtime().masters.values()) {
        MasterMonitor m = entry.monitor;
        String status = m.isObjectivelyDown() ? "odown" : m.master().isSubjectivelyDown() ? "sdown" : "ok";
        sb.append("master").append(i++).append(":name=").append(m.name()).append(",status=").append(status)
            .append(",address=").append(m.currentMasterAddress()).append(",slaves=").append(m.replicas().size())
            .append(",sentinels=").append(m.peers().size() + 1).append("\r\n");
      }
    }
    String text = sb.toString();
    while (text.endsWith("\r\n\r\n")) {
      text = text.substring(0, text.length() - 2);
    }
    return RespBulkString.of(text);
  }

  private RespValue role() {
    List<RespValue> names = new ArrayList<>();
    for (String name : runtime().masters.keySet()) {
      names.add(RespBulkString.of(name));
    }
    return RespArray.of(RespBulkString.of("sentinel"), new RespArray(names));
  }

  private RespValue publish(Call c) {
    if (!c.str(1).equals(HelloMessage.CHANNEL)) {
      throw new RedisError("ERR Only HELLO messages are accepted by Sentinel instances.");
    }
    try {
      HelloMessage hello = HelloMessage.parse(c.str(2));
      SentinelRuntime.Monitored m = runtime().masters.get(hello.masterName());
      if (m != null) {
        m.monitor.helloReceived(hello, runtime().now());
      }
    } catch (IllegalArgumentException malformed) {
      // ignored, as Redis ignores hellos it cannot parse
    }
    return RespInteger.ONE;
  }

  // --- helpers -------------------------------------------------------------------------------

  private MasterMonitor master(Call c, int index) {
    SentinelRuntime.Monitored m = runtime().masters.get(c.str(index));
    if (m == null) {
      throw new RedisError("ERR No such master with that name");
    }
    return m.monitor;
  }

  private static void arity(Call c, int n) {
    if (c.argc() != n) {
      throw new RedisError("ERR wrong number of arguments for 'sentinel|" + c.str(1).toLowerCase(Locale.ROOT)
          + "' command");
    }
  }

  private static long positive(String value) {
    long n = Long.parseLong(value);
    if (n <= 0) {
      throw new NumberFormatException(value);
    }
    return n;
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  private static boolean parseYesNo(String v) {
    if (v.equalsIgnoreCase("yes")) {
      return true;
    }
    if (v.equalsIgnoreCase("no")) {
      return false;
    }
    throw new RedisError("ERR Invalid argument '" + v + "', expected yes or no");
  }
}
