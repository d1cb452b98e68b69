package io.vigil.driver.internal.failover;

import io.vigil.driver.ConnectionException;
import io.vigil.driver.Endpoint;
import io.vigil.driver.TopologyEvent;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.connection.ConnectionFactory;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.topology.Probes;
import io.vigil.driver.internal.topology.SentinelEvents;
import io.vigil.driver.internal.topology.SentinelOptions;
import io.vigil.driver.internal.topology.SentinelWatcher;
import io.vigil.driver.internal.metrics.FailoverMetrics;
import io.vigil.driver.internal.pool.Backoff;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which node is the master of one Sentinel-monitored group, and moves the client's writes
 * when that changes.
 *
 * <p>Start-up asks every configured sentinel at once; the first that names the master wins, and
 * its replicas and fellow sentinels become known. From then on it listens to every known sentinel
 * ({@link SentinelWatcher}), polls one of them now and then, and runs a <em>check</em> — ask all
 * sentinels for the master and every candidate for its {@code ROLE}, then let {@link
 * Confirmation} decide — whenever an event, a poll or the command path ({@link #suspect}) gives a
 * reason. While no master is confirmed the {@link MasterGate} is closed and checks repeat every
 * {@code recoveryInterval}; a confirmed master gets a fresh pool, the gate opens on it, and the
 * demoted master's pool is closed (its blocking commands fail, its subscriptions move).
 *
 * <p>Thread-safe; nothing blocks except {@link #start}. One check runs at a time.
 */
public final class MasterTracker implements MasterSuspicion, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MasterTracker.class);

  private final SentinelOptions options;
  private final String name;
  private final Probes sentinelProbes;
  private final Probes nodeProbes;
  private final SentinelWatcher watcher;
  private final ScheduledExecutorService timers;
  private final Ticker ticker;
  private final FailoverMetrics metrics;
  private final Function<Endpoint, NodePool> pools;
  private final MasterGate gate;
  private final Set<Endpoint> sentinels = new CopyOnWriteArraySet<>();
  private final Set<Endpoint> replicas = new CopyOnWriteArraySet<>();
  private final Set<Endpoint> hints = ConcurrentHashMap.newKeySet();
  /** Replicas a sentinel reports down or disconnected, and how, for read routing. */
  private final Map<Endpoint, String> downReplicas = new ConcurrentHashMap<>();
  private final AtomicBoolean checking = new AtomicBoolean();
  private final AtomicInteger pollTurn = new AtomicInteger();
  private volatile boolean checkAgain;
  /** Whether a master was confirmed before; the first confirmation is not a failover. */
  private volatile boolean everConfirmed;
  private volatile boolean closed;

  /** The master writes go to (or went to, while the gate is closed). Guarded by this for writes. */
  private volatile Endpoint master;
  private volatile NodePool pool;
  /** When and why the master was lost; meaningful while the gate is closed. */
  private volatile Instant lostAt;
  private volatile long lostNanos;
  private volatile String lostReason = "not confirmed yet";
  private volatile String lastReports = "no answer yet";

  /**
   * A tracker; call {@link #start} next.
   *
   * @param pools makes (and starts) the pool of a newly confirmed master
   */
  public MasterTracker(SentinelOptions options, ConnectionFactory sentinelFactory, ConnectionFactory nodeFactory,
      ScheduledExecutorService timers, Ticker ticker, Backoff backoff, FailoverMetrics metrics,
      Function<Endpoint, NodePool> pools) {
    this.options = options;
    this.name = options.masterName();
    this.timers = timers;
    this.ticker = ticker;
    this.metrics = metrics;
    this.pools = pools;
    long probeNanos = options.probeTimeout().toNanos();
    this.sentinelProbes = new Probes(sentinelFactory, probeNanos);
    this.nodeProbes = new Probes(nodeFactory, probeNanos);
    this.watcher = new SentinelWatcher(sentinelFactory, timers, backoff, this::onEvent);
    this.gate = new MasterGate(options.queueSize(), timers, ticker, this::describeLoss);
    metrics.queued(gate::waiting);
    this.lostAt = options.clock().instant();
    this.lostNanos = ticker.nanoTime();
  }

  /** The gate commands wait at. */
  public MasterGate gate() {
    return gate;
  }

  /** The confirmed master, or null while none is. */
  public Endpoint confirmedMaster() {
    return gate.current() == null ? null : master;
  }

  /** The master last confirmed or named, for messages. */
  public String describeMaster() {
    Endpoint m = master;
    return m == null ? "master " + name : m.toString();
  }

  /**
   * Asks the sentinels for the master and waits for it to be confirmed, at most {@code wait}.
   *
   * @throws ConnectionException when no sentinel answered, listing every sentinel's failure
   * @throws IllegalArgumentException when the sentinels answered but none knows the master name
   */
  public void start(Duration wait) {
    sentinels.addAll(options.sentinels());
    List<String> failures = new ArrayList<>();
    CompletableFuture<Endpoint> first = new CompletableFuture<>();
    AtomicInteger pending = new AtomicInteger(options.sentinels().size());
    Map<Endpoint, Endpoint> answeredBy = new ConcurrentHashMap<>();
    for (Endpoint s : options.sentinels()) {
      sentinelProbes.call(s, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", name).whenComplete((reply, error) -> {
        Endpoint found = null;
        synchronized (failures) {
          if (error != null) {
            failures.add(s + ": " + message(error));
          } else if (reply instanceof RespError e) {
            failures.add(s + ": " + e.message());
          } else if (reply.isNull()) {
            failures.add(s + ": does not know '" + name + "'");
          } else {
            found = address(reply);
            if (found == null) {
              failures.add(s + ": unexpected reply " + reply);
            }
          }
        }
        if (found != null) {
          answeredBy.putIfAbsent(found, s);
          first.complete(found);
        }
        if (pending.decrementAndGet() == 0 && !first.isDone()) {
          synchronized (failures) {
            boolean reached = failures.stream().anyMatch(f -> f.endsWith("does not know '" + name + "'"));
            String all = String.join("; ", failures);
            first.completeExceptionally(reached
                ? new IllegalArgumentException("no sentinel knows a master named '" + name + "' (" + all
                    + "); check masterName and the sentinels' 'sentinel monitor' lines")
                : new ConnectionException("no sentinel answered for master '" + name + "': " + all, error));
          }
        }
      });
    }
    Endpoint found;
    try {
      found = first.get(wait.toNanos() + options.probeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      close();
      throw e.getCause() instanceof RuntimeException re ? re : new ConnectionException(e.getCause().toString(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      close();
      throw new ConnectionException("no sentinel named master '" + name + "' within " + wait.toMillis() + " ms", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ConnectionException("interrupted while asking the sentinels for master '" + name + "'", e);
    }
    Endpoint sentinel = answeredBy.get(found);
    master = found;
    log.info("Sentinel {} names {} as master '{}'; confirming it", sentinel, found, name);
    discover(sentinel).join();
    options.sentinels().forEach(watcher::watch);
    sentinels.forEach(watcher::watch);
    schedulePoll();
    CompletableFuture<Void> confirmed = new CompletableFuture<>();
    check(confirmed);
    try {
      confirmed.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (Exception e) {
      log.warn("Master '{}' not confirmed within {} ms ({}); commands wait for it", name, wait.toMillis(),
          describeLoss());
    }
  }

  /** Learns the replicas and fellow sentinels from {@code sentinel}; completes when both answered or failed. */
  private CompletableFuture<Void> discover(Endpoint sentinel) {
    CompletableFuture<Void> r = sentinelProbes.call(sentinel, "SENTINEL", "REPLICAS", name).thenAccept(reply -> {
      for (Map<String, String> fields : records(reply)) {
        Endpoint e = endpoint(fields.get("ip"), fields.get("port"));
        if (e != null) {
          replicas.add(e);
          String flags = fields.getOrDefault("flags", "");
          String down = null;
          for (String f : new String[] {"o_down", "s_down", "disconnected"}) {
            if (flags.contains(f)) {
              down = f;
              break;
            }
          }
          if (down != null) {
            downReplicas.put(e, "reported " + down + " by sentinel " + sentinel);
          } else {
            downReplicas.remove(e);
          }
        }
      }
    });
    CompletableFuture<Void> s = sentinelProbes.call(sentinel, "SENTINEL", "SENTINELS", name).thenAccept(reply -> {
      for (Map<String, String> fields : records(reply)) {
        Endpoint e = endpoint(fields.get("ip"), fields.get("port"));
        if (e != null && sentinels.add(e)) {
          watcher.watch(e);
        }
      }
    });
    return CompletableFuture.allOf(r.exceptionally(e -> null), s.exceptionally(e -> null));
  }

  @Override
  public void suspect(Endpoint suspected, String reason) {
    NodePool lost;
    synchronized (this) {
      if (closed || !suspected.equals(master) || gate.current() == null) {
        return; // an old master, or already lost
      }
      gate.close();
      lostAt = options.clock().instant();
      lostNanos = ticker.nanoTime();
      lostReason = reason;
      lost = pool;
    }
    log.warn("Lost master '{}' at {}: {}; looking for the master", name, suspected, reason);
    publish(new TopologyEvent.MasterLost(name, suspected, reason));
    if (lost != null) {
      lost.failWaiting("master " + suspected + " was lost (" + reason + ")"); // back to the gate
    }
    check(null);
  }

  private void onEvent(Endpoint sentinel, String type, String payload) {
    publish(SentinelEvents.parse(sentinel, type, payload, options.mapper()));
    String[] p = payload.split(" ");
    if (type.equals("+switch-master")) {
      if (p.length >= 5 && p[0].equals(name)) {
        Endpoint to = endpoint(p[3], p[4]);
        log.info("Sentinel {} reports +switch-master of '{}' to {}; confirming", sentinel, name, to);
        if (to != null) {
          hints.add(to);
        }
        check(null);
      }
      return;
    }
    // <type> <name> <ip> <port> @ <master> <mip> <mport>
    if (p.length < 8 || !p[5].equals(name)) {
      if (p.length >= 4 && p[0].equals("master") && p[1].equals(name) && type.endsWith("down")) {
        check(null); // the master itself went (or came back) down according to a sentinel
      }
      return;
    }
    Endpoint instance = endpoint(p[2], p[3]);
    if (instance == null) {
      return;
    }
    switch (type) {
      case "+sentinel":
        if (sentinels.add(instance)) {
          watcher.watch(instance);
        }
        break;
      case "+slave":
      case "+convert-to-slave":
      case "-sdown":
      case "+reboot":
        if (p[0].equals("slave")) {
          replicas.add(instance);
          if (type.equals("-sdown")) {
            downReplicas.remove(instance);
          }
        }
        break;
      case "+sdown":
        if (p[0].equals("slave")) {
          downReplicas.put(instance, "reported s_down by sentinel " + sentinel);
        }
        break;
      case "+failover-end":
      case "+odown":
      case "-odown":
        check(null);
        break;
      default:
        if (type.startsWith("-failover-abort")) {
          log.warn("Sentinel {} aborted a failover of '{}': {}", sentinel, name, type);
        }
    }
  }

  /** Runs a check now, or right after the running one. {@code done} completes once a master is confirmed. */
  private void check(CompletableFuture<Void> done) {
    if (closed) {
      return;
    }
    if (!checking.compareAndSet(false, true)) {
      checkAgain = true;
      if (done != null) {
        timers.schedule(() -> check(done), options.recoveryInterval().toNanos(), TimeUnit.NANOSECONDS);
      }
      return;
    }
    checkAgain = false;
    List<Endpoint> asked = new ArrayList<>(sentinels);
    Map<Endpoint, Integer> votes = new ConcurrentHashMap<>();
    Map<Endpoint, String> reports = new ConcurrentHashMap<>();
    Map<Endpoint, String> roles = new ConcurrentHashMap<>();
    Map<Endpoint, String> unreachable = new ConcurrentHashMap<>();
    AtomicInteger answered = new AtomicInteger();
    Set<Endpoint> probed = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<?>> work = new ArrayList<>();
    Set<Endpoint> candidates = new LinkedHashSet<>(replicas);
    if (master != null) {
      candidates.add(master);
    }
    candidates.addAll(hints);
    hints.clear();
    // Decide as soon as the answers so far allow it: a blackholed sentinel must not hold up a
    // failover for its probe timeout. Votes only grow, so an early majority stays a majority.
    Runnable early = () -> {
      if (!closed) {
        Endpoint decided = Confirmation.decide(master, roles, votes, -1, sentinels.size(), replicas);
        if (decided != null) {
          confirm(decided);
        }
      }
    };
    for (Endpoint c : candidates) {
      work.add(role(c, roles, unreachable, probed).thenRun(early));
    }
    for (Endpoint s : asked) {
      work.add(sentinelProbes.call(s, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", name).handle((reply, error) -> {
        if (error != null || reply == null || reply instanceof RespError || reply.isNull()) {
          reports.put(s, error != null ? "no answer (" + message(error) + ")" : String.valueOf(reply));
          return CompletableFuture.completedFuture(null);
        }
        Endpoint named = address(reply);
        if (named == null) {
          reports.put(s, "unexpected reply");
          return CompletableFuture.completedFuture(null);
        }
        answered.incrementAndGet();
        votes.merge(named, 1, Integer::sum);
        reports.put(s, named.toString());
        return role(named, roles, unreachable, probed);
      }).thenCompose(f -> f).thenRun(early));
    }
    CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
      try {
        lastReports = summarize(reports, roles, unreachable);
        Endpoint decided = Confirmation.decide(master, roles, votes, answered.get(), sentinels.size(), replicas);
        if (decided != null) {
          confirm(decided);
        }
      } catch (RuntimeException e) {
        log.warn("A master check of '{}' failed", name, e);
      } finally {
        checking.set(false);
      }
      if (done != null && gate.current() != null) {
        done.complete(null);
      }
      if (closed) {
        return;
      }
      if (checkAgain) {
        check(done);
      } else if (gate.current() == null || (done != null && !done.isDone())) {
        try {
          timers.schedule(() -> check(done), options.recoveryInterval().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
          // closing
        }
      }
    });
  }

  private CompletableFuture<Void> role(Endpoint node, Map<Endpoint, String> roles, Map<Endpoint, String> unreachable,
      Set<Endpoint> probed) {
    if (!probed.add(node)) {
      return CompletableFuture.completedFuture(null);
    }
    return nodeProbes.call(node, "ROLE").handle((reply, error) -> {
      if (error != null) {
        unreachable.put(node, message(error)); // why it cannot be confirmed (TLS, auth…), for describeLoss()
      } else if (!(reply instanceof RespError)) {
        List<RespValue> fields = Replies.elements(reply);
        if (!fields.isEmpty()) {
          roles.put(node, Replies.text(fields.get(0)));
        }
      }
      return null;
    });
  }

  private void confirm(Endpoint decided) {
    NodePool old;
    Endpoint previous;
    Duration downtime;
    boolean wasConfirmed;
    boolean recovering;
    synchronized (this) {
      if (closed) {
        return;
      }
      boolean open = gate.current() != null;
      if (decided.equals(master) && open) {
        return; // nothing changed
      }
      wasConfirmed = everConfirmed;
      everConfirmed = true;
      recovering = wasConfirmed && !open;
      previous = wasConfirmed ? master : null; // at start-up the first named node was never the master
      downtime = open ? Duration.ZERO : Duration.ofNanos(ticker.nanoTime() - lostNanos);
      old = pool;
      if (!decided.equals(master) || pool == null) {
        pool = pools.apply(decided);
        if (master != null && !master.equals(decided)) {
          replicas.add(master); // Sentinel turns it into a replica when it returns
        }
        replicas.remove(decided);
        master = decided;
      } else {
        old = null; // same master, same pool: it reconnects by itself
      }
      gate.open(pool);
    }
    if (old != null) {
      old.close(); // connections to the demoted master: blocking commands fail, subscriptions move
    }
    if (recovering) {
      metrics.recovered(downtime);
    }
    if (previous != null && !previous.equals(decided)) {
      metrics.failover();
    }
    log.info("Master '{}' confirmed at {}{}", name, decided,
        previous == null || previous.equals(decided) ? "" : " (was " + previous + ", " + downtime.toMillis() + " ms without a master)");
    publish(new TopologyEvent.MasterConfirmed(name, decided, previous, downtime));
  }

  private void schedulePoll() {
    try {
      timers.scheduleWithFixedDelay(this::poll, options.pollInterval().toNanos(), options.pollInterval().toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** The fallback when events are lost: ask one sentinel, check if it names another master. */
  private void poll() {
    if (closed || sentinels.isEmpty()) {
      return;
    }
    List<Endpoint> all = new ArrayList<>(sentinels);
    Endpoint s = all.get(Math.floorMod(pollTurn.getAndIncrement(), all.size()));
    sentinelProbes.call(s, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", name).thenAccept(reply -> {
      Endpoint named = reply instanceof RespError || reply.isNull() ? null : address(reply);
      if (named != null && !named.equals(master)) {
        log.info("Sentinel {} names {} as master '{}' (client uses {}); confirming", s, named, name, master);
        hints.add(named);
        check(null);
      }
    });
    discover(s);
  }

  /** Which master was lost, since when, and what the sentinels reported last. */
  public String describeLoss() {
    long ms = TimeUnit.NANOSECONDS.toMillis(ticker.nanoTime() - lostNanos);
    if (!everConfirmed) {
      return "master '" + name + "' (named " + master + ") is not confirmed since start-up at " + lostAt + ", "
          + ms + " ms ago; sentinels reported: " + lastReports;
    }
    return "master '" + name + "' at " + master + " was lost at " + lostAt + " (" + lostReason + "), "
        + ms + " ms ago, and no master is confirmed yet; sentinels reported: " + lastReports;
  }

  private static String summarize(Map<Endpoint, String> reports, Map<Endpoint, String> roles,
      Map<Endpoint, String> unreachable) {
    StringBuilder sb = new StringBuilder();
    reports.forEach((s, r) -> sb.append(sb.length() == 0 ? "" : ", ").append(s).append(" -> ").append(r));
    if (!roles.isEmpty()) {
      sb.append("; roles: ").append(new HashMap<>(roles));
    }
    unreachable.forEach((node, why) -> sb.append("; ROLE on ").append(node).append(" failed: ").append(why));
    return sb.length() == 0 ? "no sentinel known" : sb.toString();
  }

  private Endpoint address(RespValue reply) {
    List<RespValue> parts = Replies.elements(reply);
    if (parts.size() != 2) {
      return null;
    }
    return endpoint(Replies.text(parts.get(0)), Replies.text(parts.get(1)));
  }

  private Endpoint endpoint(String host, String port) {
    if (host == null || port == null) {
      return null;
    }
    try {
      return options.mapper().map(Endpoint.of(host, Integer.parseInt(port)));
    } catch (RuntimeException e) {
      log.debug("Ignoring the address {}:{}: {}", host, port, e.toString());
      return null;
    }
  }

  private static List<Map<String, String>> records(RespValue reply) {
    List<Map<String, String>> out = new ArrayList<>();
    if (reply instanceof RespError) {
      return out;
    }
    for (RespValue entry : Replies.elements(reply)) {
      List<RespValue> kv = Replies.elements(entry);
      Map<String, String> fields = new HashMap<>();
      for (int i = 0; i + 1 < kv.size(); i += 2) {
        fields.put(Replies.text(kv.get(i)), Replies.text(kv.get(i + 1)));
      }
      out.add(fields);
    }
    return out;
  }

  private static String message(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
        || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    return t instanceof java.util.concurrent.TimeoutException ? "timed out" : String.valueOf(t.getMessage());
  }

  private void publish(TopologyEvent event) {
    try {
      options.listener().onEvent(event);
    } catch (RuntimeException e) {
      log.warn("A topology listener threw", e);
    }
  }

  /** The current master's pool, or null before the first confirmation. */
  /** The replicas of the master as the sentinels describe them (the confirmed master excluded). */
  public Set<Endpoint> replicas() {
    Set<Endpoint> r = new java.util.LinkedHashSet<>(replicas);
    Endpoint m = master;
    if (m != null) {
      r.remove(m);
    }
    return r;
  }

  /** Why a sentinel last reported {@code replica} down or disconnected, or null when it did not. */
  public String replicaDownReason(Endpoint replica) {
    return downReplicas.get(replica);
  }

  public NodePool pool() {
    return pool;
  }

  @Override
  public void close() {
    NodePool p;
    synchronized (this) {
      closed = true;
      p = pool;
    }
    gate.shutdown();
    watcher.close();
    sentinelProbes.close();
    nodeProbes.close();
    if (p != null) {
      p.close();
    }
  }
}
