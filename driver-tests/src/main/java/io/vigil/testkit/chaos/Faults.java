package io.vigil.testkit.chaos;

import io.vigil.testkit.chaos.proxy.ChaosProxy;
import io.vigil.testkit.chaos.proxy.Network;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The faults a test can inject into a {@link Topology}, each recorded in its {@link Timeline}
 * (source {@code faults}), and {@link #healAll()} to undo them all.
 *
 * <ul>
 *   <li>{@link #kill}, {@link #stop}, {@link #restart}, {@link #freeze}, {@link #thaw}: see {@link Node}.
 *   <li>{@link #isolate} and {@link #partition}: blackholes in the topology's {@link Network}
 *       (proxied topologies only); bytes are held and delivered on heal, as after a real partition.
 *   <li>{@link #lag}: a replica falls behind its master for a while. When the replica still
 *       replicates through its own proxied link, that link is delayed by the duration, for the
 *       duration, so the replica keeps serving reads that are that much stale — true
 *       replication lag. Otherwise the replica is frozen for the
 *       duration (SIGSTOP for processes, equivalent to Redis's {@code DEBUG SLEEP}; a parked
 *       thread in process), so it is stale and unresponsive.
 * </ul>
 *
 * <p>Thread-safe. Methods block until the fault is in force; {@link #lag} returns at once and
 * lifts itself later on a timer thread of the topology.
 */
public final class Faults {

  private static final String SOURCE = "faults";

  private final Topology topology;
  /** Guarded by {@code this}. */
  private final Map<Node, ScheduledFuture<?>> lags = new HashMap<>();
  /** Guarded by {@code this}; created on first lag. */
  private ScheduledExecutorService timer;

  Faults(Topology topology) {
    this.topology = topology;
  }

  /** SIGKILLs (or abruptly closes) the node; {@link #healAll()} restarts it. */
  public void kill(Node node) {
    record("kill", node.name());
    node.kill();
  }

  /** Stops the node gracefully; {@link #healAll()} restarts it. */
  public void stop(Node node) {
    record("stop", node.name());
    node.stop();
  }

  /** Restarts the node in place (killing it first if it runs). */
  public void restart(Node node) {
    record("restart", node.name());
    node.restart();
  }

  /** Freezes the node; see {@link Node#freeze()}. */
  public void freeze(Node node) {
    record("freeze", node.name());
    node.freeze();
  }

  /** Thaws the node. */
  public void thaw(Node node) {
    record("thaw", node.name());
    node.thaw();
  }

  /**
   * Cuts the node off from every other party (nodes, the cluster link, clients): nobody reaches
   * it through a proxy and its own replication link is cut. Its connections straight to other
   * nodes' announced proxies stay, so an isolated sentinel may still see the data nodes.
   *
   * @throws IllegalStateException when the topology is not proxied
   */
  public void isolate(Node node) {
    Network network = requireNetwork("isolate " + node.name());
    record("isolate", node.name());
    Set<String> others = new TreeSet<>();
    topology.nodes().forEach(n -> others.add(n.name()));
    network.links().keySet().forEach(link -> others.add(link.substring(0, link.indexOf("->"))));
    others.add(Topology.CLUSTER);
    others.add(Topology.CLIENT);
    others.remove(node.name());
    network.partition(List.of(node.name()), others);
  }

  /**
   * Cuts every party of {@code side} off from every party of {@code otherSide} (node names,
   * {@link Topology#CLUSTER}, client names), in both directions.
   *
   * @throws IllegalStateException when the topology is not proxied
   */
  public void partition(Collection<String> side, Collection<String> otherSide) {
    Network network = requireNetwork("partition");
    record("partition", side + " | " + otherSide);
    network.partition(side, otherSide);
  }

  /** Lifts every partition and link fault; held bytes are delivered. */
  public void healNetwork() {
    topology.network().ifPresent(network -> {
      record("heal-network", "");
      network.heal();
    });
  }

  /**
   * Makes {@code replica} fall behind for {@code duration} (see the class description), then
   * lifts the lag by itself. Returns at once.
   *
   * @throws IllegalArgumentException when the node is a sentinel or the duration not positive
   */
  public void lag(Node replica, Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (replica.isSentinel()) {
      throw new IllegalArgumentException("lag applies to data nodes; " + replica.name() + " is a sentinel");
    }
    if (duration.toMillis() <= 0) {
      throw new IllegalArgumentException("lag duration must be at least 1 ms, got " + duration);
    }
    ChaosProxy link = replicationLink(replica);
    Runnable lift;
    if (link != null) {
      record("lag", replica.name() + " link " + link.name() + " delayed " + duration.toMillis() + " ms");
      link.delay(duration);
      lift = () -> link.delay(Duration.ZERO);
    } else {
      record("lag", replica.name() + " frozen " + duration.toMillis() + " ms");
      replica.freeze();
      lift = replica::thaw;
    }
    synchronized (this) {
      if (timer == null) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "vigil-topology-faults");
          t.setDaemon(true);
          return t;
        });
      }
      ScheduledFuture<?> previous = lags.put(replica, timer.schedule(() -> {
        synchronized (Faults.this) {
          lags.remove(replica);
        }
        record("lag-end", replica.name());
        lift.run();
      }, duration.toMillis(), TimeUnit.MILLISECONDS));
      if (previous != null) {
        previous.cancel(false);
      }
    }
  }

  /**
   * Undoes every fault: ends lags, thaws frozen nodes, heals the network and restarts every node
   * that is not running. Blocks until restarted nodes answer PING (not until the topology is
   * healthy again: call {@link Topology#awaitHealthy()} for that).
   */
  public void healAll() {
    record("heal-all", "");
    endLags();
    for (Node n : topology.nodes()) {
      n.thaw();
    }
    topology.network().ifPresent(Network::heal);
    for (Node n : topology.nodes()) {
      if (!n.isAlive()) {
        n.restart();
      }
    }
  }

  /** Ends lags and the timer thread; called by the topology's close. */
  void shutdown() {
    endLags();
    ScheduledExecutorService t;
    synchronized (this) {
      t = timer;
      timer = null;
    }
    if (t != null) {
      t.shutdownNow();
    }
  }

  private void endLags() {
    List<Node> lagging;
    synchronized (this) {
      lags.values().forEach(f -> f.cancel(false));
      lagging = new ArrayList<>(lags.keySet());
      lags.clear();
    }
    for (Node n : lagging) {
      n.thaw();
    }
    topology.network().ifPresent(network -> network.links().values().forEach(p -> p.delay(Duration.ZERO)));
  }

  /** The proxy the replica replicates through now, when it is its own link. */
  private ChaosProxy replicationLink(Node replica) {
    Network network = topology.network().orElse(null);
    if (network == null || !replica.isAlive() || replica.isFrozen()) {
      return null;
    }
    int port;
    try {
      port = Integer.parseInt(Replies.info(replica.call("INFO", "replication")).getOrDefault("master_port", "0"));
    } catch (RuntimeException e) {
      return null;
    }
    for (Map.Entry<String, ChaosProxy> link : network.links().entrySet()) {
      if (link.getKey().startsWith(replica.name() + "->") && link.getValue().port() == port) {
        return link.getValue();
      }
    }
    return null;
  }

  private Network requireNetwork(String what) {
    return topology.network().orElseThrow(() -> new IllegalStateException("cannot " + what
        + ": the topology has no proxies; build it with proxied(true)"));
  }

  private void record(String type, String message) {
    topology.timeline().record(SOURCE, type, message);
  }
}
