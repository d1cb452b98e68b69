package io.vigil.driver.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.driver.ClientView;
import io.vigil.driver.codec.ByteArrayCodec;
import io.vigil.driver.NoEligibleReplicaException;
import io.vigil.driver.NotDurableException;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.VigilClient;
import io.vigil.driver.VigilException;
import io.vigil.testkit.chaos.Node;
import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.junit.RealRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Read routing against real {@code redis-server}s (1 master, 2 replicas) under Java sentinels,
 * with a replica made to lag by freezing it. Every read is checked exactly: a counter only
 * grows, so a read that started at {@code t} must see at least the value of every increment
 * acknowledged before {@code t - maxLag}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadRoutingTest {

  private static final Duration MAX_LAG = Duration.ofMillis(100);
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private Topology topology;
  private SimpleMeterRegistry meters;
  private VigilClient client;

  @BeforeAll
  void start() {
    RealRedis.requireServer();
    topology = Topology.builder().replicas(2).sentinels(3).dataNodes(NodeKind.REAL).sentinelNodes(NodeKind.JAVA)
        .downAfter(Duration.ofMillis(1000)).start().awaitHealthy();
    meters = new SimpleMeterRegistry();
    String sentinels = topology.sentinelAddresses().stream().map(a -> a.getHostString() + ":" + a.getPort())
        .collect(Collectors.joining(","));
    client = VigilClient.builder().sentinels(sentinels).masterName(topology.masterName()).meterRegistry(meters)
        .replicaSampleInterval(Duration.ofMillis(20)).commandTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (topology != null) {
      topology.close();
    }
  }

  @AfterEach
  void heal() {
    topology.faults().healAll();
    topology.awaitHealthy();
  }

  private List<Node> replicas() {
    Node master = topology.currentMaster();
    return topology.dataNodes().stream().filter(n -> !n.equals(master)).toList();
  }

  private double replicaReads() {
    var c = meters.find("vigil.reads").tag("role", "replica").counter();
    return c == null ? 0 : c.count();
  }

  private static void await(BooleanSupplier condition, String what) {
    long until = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - until > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** Increments acknowledged so far: {@code acks[v]} is when increment {@code v} was acknowledged. */
  private static final class Counter {
    final String key;
    final long[] acks = new long[1_000_000];
    volatile long last;

    Counter(String key) {
      this.key = key;
    }

    void incr(ClientView<String, String> view) {
      long v = view.incr(key);
      acks[(int) v] = System.nanoTime();
      last = v;
    }

    /** The highest value acknowledged before {@code t}. */
    long ackedBefore(long t) {
      long v = last;
      while (v > 0 && (acks[(int) v] == 0 || acks[(int) v] >= t)) {
        v--;
      }
      return v;
    }
  }

  /** Reads {@code key} through {@code view} until {@code stop}; returns the reads older than {@code maxLag}. */
  private static List<String> staleReads(ClientView<String, String> view, Counter counter, Duration maxLag,
      CompletableFuture<?> stop) {
    List<String> stale = new ArrayList<>();
    while (!stop.isDone()) {
      long t = System.nanoTime();
      String v = view.get(counter.key);
      long seen = v == null ? 0 : Long.parseLong(v);
      long required = counter.ackedBefore(t - maxLag.toNanos());
      if (seen < required) {
        stale.add("read " + seen + " but " + required + " was acknowledged more than " + maxLag.toMillis() + " ms before");
      }
    }
    return stale;
  }

  @Test
  @Order(1)
  void noReadIsOlderThanTheLagBoundWhileAReplicaIsFrozen() throws Exception {
    Counter counter = new Counter("lag-bound");
    ClientView<String, String> reads = client.withReadPolicy(ReadPolicy.replicaPreferred().maxLag(MAX_LAG));
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
      while (System.nanoTime() - until < 0) {
        counter.incr(client);
      }
    });
    CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> staleReads(reads, counter, MAX_LAG, writer));
    double before = replicaReads();
    await(() -> replicaReads() > before + 50, "reads served by replicas");
    topology.faults().lag(replicas().get(0), Duration.ofMillis(800));
    writer.get(30, TimeUnit.SECONDS);
    assertThat(reader.get(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(replicaReads()).isGreaterThan(before + 50);
  }

  @Test
  @Order(2)
  void readsComeBackToAReplicaOnceItCatchesUp() {
    Counter counter = new Counter("catch-up");
    ClientView<String, String> replicaOnly = client.withReadPolicy(ReadPolicy.replica().maxLag(MAX_LAG));
    List<Node> replicas = replicas();
    Node first = replicas.get(0);
    Node second = replicas.get(1);
    topology.faults().freeze(first);
    counter.incr(client); // the master moves on, so the frozen replica's evidence ages
    awaitLooksStale(first);
    // served by the second replica while the first is frozen
    await(() -> readsAtLeast(replicaOnly, counter), "a replica read");
    topology.faults().thaw(first);
    topology.faults().freeze(second);
    counter.incr(client);
    awaitLooksStale(second);
    // now only the first can serve, once it has caught up
    await(() -> readsAtLeast(replicaOnly, counter), "the thawed replica to serve reads again");
    topology.faults().thaw(second);
  }

  /**
   * Waits until the client's lag evidence puts {@code replica} past the bound: a read routed to
   * it in the instant before the freeze showed would wait for the thaw.
   */
  private void awaitLooksStale(Node replica) {
    String name = "127.0.0.1:" + replica.address().getPort();
    await(() -> meters.find("vigil.replica.lag.seconds").tag("replica", name).gauges().stream()
        .anyMatch(g -> g.value() < 0 || g.value() > MAX_LAG.toNanos() / 1e9), name + " to look stale");
  }

  private static boolean readsAtLeast(ClientView<String, String> view, Counter counter) {
    try {
      String v = view.get(counter.key);
      return v != null && Long.parseLong(v) >= counter.last;
    } catch (NoEligibleReplicaException e) {
      return false;
    }
  }

  @Test
  @Order(3)
  void replicaOnlyReadFailsClearlyWhenNoReplicaIsEligible() {
    List<Node> replicas = replicas();
    replicas.forEach(topology.faults()::freeze);
    ClientView<String, String> replicaOnly = client.withReadPolicy(ReadPolicy.replica().maxLag(MAX_LAG));
    client.set("no-replica", "x");
    // a read routed in the instant before the freeze showed would wait for the thaw: wait until
    // the lag evidence of both replicas is past the bound
    await(() -> meters.find("vigil.replica.lag.seconds").gauges().stream()
        .filter(g -> g.value() < 0 || g.value() > MAX_LAG.toNanos() / 1e9).count() >= 2, "both replicas to look stale");
    NoEligibleReplicaException[] failure = new NoEligibleReplicaException[1];
    await(() -> {
      try {
        replicaOnly.get("no-replica");
        return false;
      } catch (NoEligibleReplicaException e) {
        failure[0] = e;
        return true;
      }
    }, "the replica-only read to fail");
    assertThat(failure[0].getMessage()).contains("found no eligible replica")
        .contains(":" + replicas.get(0).address().getPort()).contains(":" + replicas.get(1).address().getPort())
        .contains("replicaPreferred()");
    // the preferred policy falls back to the master instead
    assertThat(client.withReadPolicy(ReadPolicy.replicaPreferred().maxLag(MAX_LAG)).get("no-replica")).isEqualTo("x");
    assertThat(meters.find("vigil.reads.fallback").counters()).isNotEmpty();
  }

  @Test
  @Order(4)
  void aSessionNeverReadsOlderThanItsOwnWrites() throws Exception {
    Node lagging = replicas().get(0);
    topology.faults().lag(lagging, Duration.ofMillis(700));
    ClientView<String, String> session = client.session(ReadPolicy.replicaPreferred());
    List<String> violations = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      long written = session.incr("ryw");
      String read = session.get("ryw");
      if (read == null || Long.parseLong(read) < written) {
        violations.add("wrote " + written + ", read " + read);
      }
    }
    // once a replica has the session's writes, its reads go there again, still never older
    long last = session.incr("ryw");
    double before = replicaReads();
    await(() -> {
      String v = session.get("ryw");
      if (v == null || Long.parseLong(v) < last) {
        violations.add("wrote " + last + ", read " + v);
      }
      return replicaReads() > before;
    }, "a session read served by a replica");
    // across threads: another thread reads through the same session
    long written = session.incr("ryw");
    String read = CompletableFuture.supplyAsync(() -> session.get("ryw")).get(10, TimeUnit.SECONDS);
    assertThat(Long.parseLong(read)).isGreaterThanOrEqualTo(written);
    assertThat(violations).isEmpty();
  }

  @Test
  @Order(5)
  void derivedViewsKeepTheSessionTheDurabilityAndTheReadPolicyTheyCameFrom() throws Exception {
    Node lagging = replicas().get(0);
    topology.faults().lag(lagging, Duration.ofMillis(700));
    ClientView<String, String> session = client.session(ReadPolicy.replicaPreferred());
    ClientView<byte[], byte[]> binarySession = session.withCodec(ByteArrayCodec.INSTANCE);
    byte[] key = "compose".getBytes(StandardCharsets.UTF_8);
    List<String> violations = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      long written = session.incr("compose");
      byte[] read = binarySession.get(key);
      if (read == null || Long.parseLong(new String(read, StandardCharsets.UTF_8)) < written) {
        violations.add("wrote " + written + " as text, read " + (read == null ? null : new String(read)));
      }
    }
    assertThat(violations).as("a binary view of a session reads the session's own writes").isEmpty();
    assertThat(binarySession.readPolicy()).isEqualTo(ReadPolicy.replicaPreferred());

    ClientView<String, String> durableFirst = client.durable(3, Duration.ofMillis(200))
        .withReadPolicy(ReadPolicy.replicaPreferred());
    ClientView<String, String> policyFirst = client.withReadPolicy(ReadPolicy.replicaPreferred())
        .durable(3, Duration.ofMillis(200));
    for (ClientView<String, String> view : List.of(durableFirst, policyFirst, session.durable(3, Duration.ofMillis(200)))) {
      assertThatThrownBy(() -> view.set("compose:durable", "x")).as("still durable: 2 replicas cannot confirm 3")
          .isInstanceOf(NotDurableException.class).hasMessageContaining(" of 3 replicas confirmed");
      assertThat(view.readPolicy()).isEqualTo(ReadPolicy.replicaPreferred());
    }
    topology.faults().healAll();
    topology.awaitHealthy();
    ClientView<String, String> durable = client.durable(2, Duration.ofSeconds(2)).withReadPolicy(ReadPolicy.replicaPreferred());
    assertThat(durable.set("compose:durable", "y")).isEqualTo("OK");
    for (Node replica : replicas()) {
      assertThat(((io.vigil.resp.RespBulkString) replica.call("GET", "compose:durable")).asString())
          .as("WAIT 2 confirmed it on " + replica).isEqualTo("y");
    }
    double before = replicaReads();
    await(() -> "y".equals(durable.get("compose:durable")) && replicaReads() > before,
        "a read through the durable view served by a replica");
  }

  @Test
  @Order(6)
  void durableWritesConfirmOnlyWithEnoughReplicas() {
    assertThat(client.durable(2, Duration.ofSeconds(2)).set("durable", "1")).isEqualTo("OK");
    assertThatThrownBy(() -> client.durable(3, Duration.ofMillis(200)).set("durable", "2"))
        .isInstanceOf(NotDurableException.class)
        .hasMessageContaining("applied on the master but not confirmed durable")
        .hasMessageContaining("only 2 of 3 replicas");
    assertThat(client.get("durable")).isEqualTo("2"); // applied, as the message says
    topology.faults().freeze(replicas().get(0));
    assertThatThrownBy(() -> client.durable(2, Duration.ofMillis(200)).set("durable", "3"))
        .isInstanceOf(NotDurableException.class).hasMessageContaining("only 1 of 2");
    assertThat(client.durable(1, Duration.ofSeconds(2)).set("durable", "4")).isEqualTo("OK");
  }

  @Test
  @Order(7)
  void readsKeepWorkingThroughAFailover() throws Exception {
    Counter counter = new Counter("failover");
    ClientView<String, String> reads = client.withReadPolicy(ReadPolicy.replicaPreferred().maxLag(MAX_LAG));
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      while (!done.isDone()) {
        try {
          counter.incr(client);
        } catch (VigilException e) {
          // an increment in flight when the master died: unknown outcome, never counted as acknowledged
        }
      }
    });
    CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> staleReads(reads, counter, MAX_LAG, done));
    double before = replicaReads();
    await(() -> replicaReads() > before + 20, "reads served by replicas");
    Node old = topology.currentMaster();
    topology.faults().kill(old);
    Node promoted = topology.awaitFailover(old, DEADLINE);
    await(() -> client.currentMaster() != null && client.currentMaster().port() == promoted.address().getPort(),
        "the client to follow the failover");
    double after = replicaReads();
    await(() -> replicaReads() > after + 20, "reads served by the new master's replica");
    done.complete(null);
    writer.get(30, TimeUnit.SECONDS);
    assertThat(reader.get(30, TimeUnit.SECONDS)).isEmpty();
  }
}
