package io.vigil.testkit.sentinel.monitor;

import io.vigil.testkit.sentinel.config.MonitoredMaster;
import io.vigil.testkit.sentinel.election.EpochCounter;
import io.vigil.testkit.sentinel.election.Vote;
import io.vigil.testkit.sentinel.event.HelloMessage;
import io.vigil.testkit.sentinel.event.SentinelEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;

/**
 * A deterministic world of simulated data nodes and real {@link MasterMonitor}s: messages take
 * one step (10 ms) to arrive, parties can die or be partitioned, and time is a counter. Lets
 * failover scenarios and safety properties run in milliseconds without sockets or sleeps.
 */
final class SentinelSimulation {

  static final long STEP_MS = 10;
  static final long TICK_MS = 100;

  /** A simulated Redis data node. */
  static final class Node {
    final Address address;
    final String runId;
    boolean alive = true;
    boolean master;
    Address follows;
    long offset;
    int priority = 100;
    long lagBytes;

    Node(Address address, String runId) {
      this.address = address;
      this.runId = runId;
    }
  }

  /** One simulated sentinel. */
  final class Sentinel {
    final String id;
    final Address address;
    final EpochCounter epochs = new EpochCounter(0);
    final MasterMonitor monitor;
    final List<SentinelEvent> events = new ArrayList<>();
    final List<String> timeline = new ArrayList<>();
    final Map<Address, Boolean> linkState = new HashMap<>();
    boolean alive = true;
    int flushes;
    long nextTick;

    Sentinel(String id, Address address, Address master, int quorum, long downAfter, long failoverTimeout, long seed) {
      this.id = id;
      this.address = address;
      MonitoredMaster config = new MonitoredMaster("mymaster", master.host(), master.port(), quorum);
      config.downAfterMillis(downAfter);
      config.failoverTimeoutMillis(failoverTimeout);
      this.monitor = new MasterMonitor(id, config, epochs, new Actions(this), SentinelTimings.REDIS, address,
          new Random(seed), now);
    }

    List<String> eventTypes() {
      List<String> out = new ArrayList<>();
      for (SentinelEvent e : events) {
        out.add(e.type());
      }
      return out;
    }
  }

  private final class Actions implements SentinelActions {
    private final Sentinel self;

    Actions(Sentinel self) {
      this.self = self;
    }

    @Override
    public void ping(Address target) {
      if (reachable(self, target)) {
        deliver(() -> self.monitor.pingReply(target, true, now));
      }
    }

    @Override
    public void info(Address target) {
      Node n = nodes.get(target);
      if (n != null && reachable(self, target)) {
        String text = infoOf(n);
        deliver(() -> self.monitor.infoReply(target, text, now));
      }
    }

    @Override
    public void publishHello(Address target, HelloMessage hello) {
      if (!reachable(self, target)) {
        return;
      }
      for (Sentinel s : sentinels) {
        if (s.alive && reachable(s, target)) {
          deliver(() -> s.monitor.helloReceived(hello, now));
        }
      }
    }

    @Override
    public void askMasterDown(Address target, Address master, long epoch, String runId) {
      Sentinel peer = sentinelAt(target);
      if (peer == null || !reachable(self, target)) {
        return;
      }
      deliver(() -> {
        if (!peer.alive || !peer.monitor.master().address().equals(master)) {
          return;
        }
        boolean[] down = new boolean[1];
        Vote vote = peer.monitor.isMasterDownByAddr(epoch, runId, now, down);
        if (reachable(peer, self.address)) {
          deliver(() -> self.monitor.masterDownReply(peer.id, down[0],
              vote.leader() == null ? "*" : vote.leader(), vote.epoch(), now));
        }
      });
    }

    @Override
    public boolean replicaOf(Address target, Address newMaster) {
      Node n = nodes.get(target);
      if (n == null || !reachable(self, target)) {
        return false;
      }
      promotions.add(self.id + " " + target + " -> " + (newMaster == null ? "NO ONE" : newMaster));
      n.master = newMaster == null;
      n.follows = newMaster;
      return true;
    }

    @Override
    public void event(SentinelEvent event) {
      self.events.add(event);
      self.timeline.add(now + " " + event.type());
      if (event.type().equals("+switch-master")) {
        switches.add(self.id + " " + event.message() + " @" + now);
      }
    }

    @Override
    public void flushConfig() {
      self.flushes++;
    }
  }

  long now;
  final Map<Address, Node> nodes = new LinkedHashMap<>();
  final List<Sentinel> sentinels = new ArrayList<>();
  final List<String> promotions = new ArrayList<>();
  final List<String> switches = new ArrayList<>();
  /** Parties (addresses) cut off from everybody else. */
  final Set<Address> isolated = new HashSet<>();
  private Queue<Runnable> inFlight = new ArrayDeque<>();
  private final Random random;
  double dropRate;

  SentinelSimulation(long seed) {
    this.random = new Random(seed);
  }

  Node node(int port, boolean master, Address follows) {
    Node n = new Node(new Address("127.0.0.1", port), hex40(port));
    n.master = master;
    n.follows = follows;
    nodes.put(n.address, n);
    return n;
  }

  Sentinel sentinel(int port, Address master, int quorum, long downAfter, long failoverTimeout) {
    Sentinel s = new Sentinel(hex40(port), new Address("127.0.0.1", port), master, quorum, downAfter, failoverTimeout,
        port);
    sentinels.add(s);
    return s;
  }

  Sentinel sentinelAt(Address a) {
    for (Sentinel s : sentinels) {
      if (s.address.equals(a)) {
        return s;
      }
    }
    return null;
  }

  /** Runs the world for {@code ms} milliseconds. */
  void run(long ms) {
    long end = now + ms;
    while (now < end) {
      step();
    }
  }

  /** Runs until {@code done} holds or {@code maxMs} pass; returns whether it held. */
  boolean runUntil(java.util.function.BooleanSupplier done, long maxMs) {
    long end = now + maxMs;
    while (now < end) {
      if (done.getAsBoolean()) {
        return true;
      }
      step();
    }
    return done.getAsBoolean();
  }

  private void step() {
    now += STEP_MS;
    Queue<Runnable> arriving = inFlight;
    inFlight = new ArrayDeque<>();
    for (Runnable r : arriving) {
      if (dropRate == 0 || random.nextDouble() >= dropRate) {
        r.run();
      }
    }
    // data: masters advance, replicas of live masters follow
    for (Node n : nodes.values()) {
      if (n.alive && n.master) {
        n.offset += 10;
      }
    }
    for (Node n : nodes.values()) {
      if (n.alive && !n.master && n.follows != null) {
        Node m = nodes.get(n.follows);
        if (m != null && m.alive && m.master && connected(n.address, m.address)) {
          n.offset = Math.max(n.offset, m.offset - n.lagBytes);
        }
      }
    }
    for (Sentinel s : sentinels) {
      if (!s.alive) {
        continue;
      }
      updateLinks(s);
      if (now >= s.nextTick) {
        s.monitor.tick(now);
        // Redis varies its timer frequency (hz 10..19) so sentinels do not act in lockstep
        s.nextTick = now + TICK_MS / 2 + STEP_MS * random.nextInt((int) (TICK_MS / 2 / STEP_MS) + 1);
      }
    }
  }

  private void updateLinks(Sentinel s) {
    List<Address> targets = new ArrayList<>();
    targets.add(s.monitor.master().address());
    for (DataNode r : s.monitor.replicas()) {
      targets.add(r.address());
    }
    for (PeerSentinel p : s.monitor.peers()) {
      targets.add(p.address());
    }
    for (Address a : targets) {
      boolean up = reachable(s, a);
      Boolean before = s.linkState.put(a, up);
      if (before == null || before != up) {
        if (up) {
          s.monitor.linkUp(a, now);
        } else {
          s.monitor.linkDown(a, now);
        }
      }
    }
  }

  boolean reachable(Sentinel from, Address target) {
    if (!from.alive) {
      return false;
    }
    Node n = nodes.get(target);
    if (n != null && !n.alive) {
      return false;
    }
    Sentinel s = sentinelAt(target);
    if (s != null && !s.alive) {
      return false;
    }
    return connected(from.address, target);
  }

  boolean connected(Address a, Address b) {
    return isolated.contains(a) == isolated.contains(b) && !(isolated.contains(a) && !a.equals(b));
  }

  private void deliver(Runnable r) {
    inFlight.add(r);
  }

  String infoOf(Node n) {
    StringBuilder sb = new StringBuilder("# Server\r\nrun_id:").append(n.runId).append("\r\n# Replication\r\n");
    if (n.master) {
      sb.append("role:master\r\n");
      int i = 0;
      for (Node r : nodes.values()) {
        if (r.alive && !r.master && n.address.equals(r.follows) && connected(r.address, n.address)) {
          sb.append("slave").append(i++).append(":ip=").append(r.address.host()).append(",port=")
              .append(r.address.port()).append(",state=online,offset=").append(r.offset).append(",lag=0\r\n");
        }
      }
      sb.append("master_repl_offset:").append(n.offset).append("\r\n");
    } else {
      Node m = n.follows == null ? null : nodes.get(n.follows);
      boolean up = m != null && m.alive && m.master && connected(n.address, m.address);
      sb.append("role:slave\r\nmaster_host:").append(n.follows == null ? "" : n.follows.host())
          .append("\r\nmaster_port:").append(n.follows == null ? 0 : n.follows.port())
          .append("\r\nmaster_link_status:").append(up ? "up" : "down")
          .append("\r\nmaster_link_down_since_seconds:").append(up ? -1 : 1)
          .append("\r\nslave_repl_offset:").append(n.offset)
          .append("\r\nslave_priority:").append(n.priority).append("\r\n");
    }
    return sb.toString();
  }

  static String hex40(long seed) {
    StringBuilder sb = new StringBuilder();
    Random r = new Random(seed);
    while (sb.length() < 40) {
      sb.append(Integer.toHexString(r.nextInt(16)));
    }
    return sb.toString();
  }
}
