package io.vigil.driver.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.driver.AddressMapper;
import io.vigil.driver.Endpoint;
import io.vigil.driver.values.KeyValue;
import io.vigil.driver.PubSubListener;
import io.vigil.driver.Subscription;
import io.vigil.driver.Script;
import io.vigil.driver.TopologyEvent;
import io.vigil.driver.TopologyListener;
import io.vigil.driver.Transaction;
import io.vigil.driver.VigilClient;
import io.vigil.driver.VigilException;
import io.vigil.testkit.chaos.proxy.ChaosProxy;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Failover scenarios against one stack of real {@code redis-server}s and three sentinels, shared
 * by the tests of a class (each test leaves the stack settled: killed nodes come back as
 * replicas). Subclasses choose real or Java sentinels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FailoverScenarios {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private SentinelStack stack;

  abstract SentinelStack.Sentinels sentinels();

  @BeforeAll
  void startStack() {
    RealRedis.requireServer();
    if (sentinels() == SentinelStack.Sentinels.REAL) {
      RealRedis.require("redis-sentinel");
    }
    stack = SentinelStack.start(sentinels());
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  private VigilClient client() {
    return client(TopologyListener.NONE);
  }

  private VigilClient client(TopologyListener listener) {
    return VigilClient.builder().sentinels(stack.sentinelList()).masterName(SentinelStack.MASTER)
        .commandTimeout(DEADLINE).topologyListener(listener).build();
  }

  private void record(String what, long nanos) {
    System.out.printf("[%s sentinels] %s: %d ms%n", stack.kind(), what, TimeUnit.NANOSECONDS.toMillis(nanos));
  }

  /** Kills the master under {@code threads} writers and checks what the callers saw. */
  private void killMasterUnderLoad(int threads, String prefix) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (VigilClient client = VigilClient.builder().sentinels(stack.sentinelList()).masterName(SentinelStack.MASTER)
        .commandTimeout(DEADLINE).meterRegistry(meters).build()) {
      int old = stack.masterPort();
      assertThat(client.currentMaster()).isEqualTo(Endpoint.of("127.0.0.1", old));
      Writers writers = Writers.start(client, threads, prefix);
      SentinelStack.await("writes before the kill", DEADLINE, () -> writers.acks() > 200);
      long killedAt = System.nanoTime();
      RedisServerProcess killed = stack.killMaster();
      int fresh = stack.awaitNewMaster(old);
      SentinelStack.await("the client on the new master", DEADLINE,
          () -> Endpoint.of("127.0.0.1", fresh).equals(client.currentMaster()));
      long moved = writers.acks();
      SentinelStack.await("writes on the new master", DEADLINE, () -> writers.acks() > moved + 200);
      record(threads + " writer(s): kill -9 to client on new master", System.nanoTime() - killedAt);
      writers.close();

      assertThat(writers.errors()).as("errors surfaced to writers").isEmpty();
      assertThat(writers.missingBeyondReplicationLag(client, stack.lastKillNanos()))
          .as("acknowledged writes missing").isEmpty();
      assertThat(meters.get("vigil.failovers").counter().count()).isEqualTo(1.0);
      stack.restartAsReplica(killed);
      stack.awaitSettled();
    }
  }

  @Test
  @Order(1)
  void killedMasterUnderOneWriterSurfacesNoErrorAndLosesNoWrite() throws Exception {
    killMasterUnderLoad(1, "one:");
  }

  @Test
  @Order(2)
  void killedMasterUnderSixteenWritersSurfacesNoErrorAndLosesNoWrite() throws Exception {
    killMasterUnderLoad(16, "sixteen:");
  }

  @Test
  @Order(3)
  void liarSentinelCannotMoveWritesToAnotherMaster() throws Exception {
    try (RedisServerProcess impostor = RedisServerProcess.builder().start();
        LyingSentinel liar = new LyingSentinel(impostor.port())) {
      // The liar is asked first; its node says ROLE master, but no sentinel majority backs it.
      String sentinels = "127.0.0.1:" + liar.port() + "," + stack.sentinelList();
      try (VigilClient client = VigilClient.builder().sentinels(sentinels).masterName(SentinelStack.MASTER)
          .commandTimeout(DEADLINE).build()) {
        int master = stack.masterPort();
        assertThat(client.currentMaster()).isEqualTo(Endpoint.of("127.0.0.1", master));
        for (int i = 0; i < 100; i++) {
          client.set("liar:" + i, "v");
        }
        SentinelStack.await("the client to subscribe to the liar", DEADLINE, () -> liar.subscribers() > 0);
        liar.announceSwitch(master);
        for (int i = 100; i < 200; i++) {
          client.set("liar:" + i, "v");
        }
        assertThat(client.currentMaster()).isEqualTo(Endpoint.of("127.0.0.1", master));
        try (RespSocket s = RespSocket.connect(impostor.address())) {
          assertThat(RespSocket.text(s.call("DBSIZE"))).isEqualTo("0");
        }
        assertThat(client.get("liar:199")).isEqualTo("v");
      }
    }
  }

  @Test
  @Order(4)
  void liarNamingAReplicaIsRefusedByRole() throws Exception {
    RedisServerProcess replica = stack.replica();
    try (LyingSentinel liar = new LyingSentinel(replica.port())) {
      String sentinels = "127.0.0.1:" + liar.port() + "," + stack.sentinelList();
      try (VigilClient client = VigilClient.builder().sentinels(sentinels).masterName(SentinelStack.MASTER)
          .commandTimeout(DEADLINE).build()) {
        assertThat(client.currentMaster()).isEqualTo(Endpoint.of("127.0.0.1", stack.masterPort()));
        SentinelStack.await("the client to subscribe to the liar", DEADLINE, () -> liar.subscribers() > 0);
        liar.announceSwitch(stack.masterPort());
        for (int i = 0; i < 100; i++) {
          client.set("liar-replica:" + i, "v"); // a READONLY here would surface after retries
        }
        assertThat(client.currentMaster()).isEqualTo(Endpoint.of("127.0.0.1", stack.masterPort()));
      }
    }
  }

  @Test
  @Order(5)
  void failoverWhileSubscribedDeliversMessagesAgain() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    try (VigilClient client = client()) {
      Subscription<String> sub = client.subscribe(new PubSubListener<>() {
        @Override
        public void message(String channel, String message) {
          received.add(message);
        }
      }, "news");
      client.publish("news", "before");
      SentinelStack.await("a message before the failover", DEADLINE, () -> received.contains("before"));
      int old = stack.masterPort();
      RedisServerProcess killed = stack.killMaster();
      int fresh = stack.awaitNewMaster(old);
      SentinelStack.await("the client on the new master", DEADLINE,
          () -> Endpoint.of("127.0.0.1", fresh).equals(client.currentMaster()));
      AtomicLong n = new AtomicLong();
      SentinelStack.await("messages to flow on the new master", DEADLINE, () -> {
        String m = "after-" + n.incrementAndGet();
        client.publish("news", m);
        return received.stream().anyMatch(r -> r.startsWith("after-"));
      });
      assertThat(sub.isOpen()).isTrue();
      sub.close();
      stack.restartAsReplica(killed);
      stack.awaitSettled();
    }
  }

  @Test
  @Order(6)
  void scriptRunsOnTheNewMasterWhoseScriptCacheIsEmpty() throws Exception {
    Script bump = Script.of("return redis.call('INCRBY', KEYS[1], ARGV[1])");
    try (VigilClient client = client()) {
      assertThat(client.eval(bump, List.of("script:n"), List.of("1"))).isEqualTo(1L);
      RedisServerProcess next = stack.replica();
      try (RespSocket s = RespSocket.connect(next.address())) {
        assertThat(((io.vigil.resp.RespArray) s.call("SCRIPT", "EXISTS", bump.sha1())).elements())
            .as("replicas do not get scripts").containsExactly(new io.vigil.resp.RespInteger(0));
      }
      int old = stack.masterPort();
      RedisServerProcess killed = stack.killMaster();
      int fresh = stack.awaitNewMaster(old);
      SentinelStack.await("the client on the new master", DEADLINE,
          () -> Endpoint.of("127.0.0.1", fresh).equals(client.currentMaster()));

      Object after = client.eval(bump, List.of("script:n"), List.of("1"));

      assertThat(after).as("EVALSHA fell back to EVAL on the new master").isIn(2L, 1L);
      assertThat(client.scriptExists(bump.sha1())).containsExactly(true);
      stack.restartAsReplica(killed);
      stack.awaitSettled();
    }
  }

  @Test
  @Order(7)
  void failoverDuringTransactionAndBlpopFailsThemCleanlyThenBothWorkOnTheNewMaster() throws Exception {
    try (VigilClient client = client()) {
      CompletableFuture<KeyValue<String, String>> blpop =
          client.async().blpop(Duration.ofSeconds(60), "queue:empty").toCompletableFuture();
      Transaction<String, String> tx = client.transaction();
      tx.watch("tx:key");
      int old = stack.masterPort();
      RedisServerProcess killed = stack.killMaster();

      assertThatThrownBy(() -> blpop.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(VigilException.class);
      assertThatThrownBy(() -> tx.exec(q -> q.set("tx:key", "1"))).isInstanceOf(VigilException.class);
      tx.close();

      int fresh = stack.awaitNewMaster(old);
      SentinelStack.await("the client on the new master", DEADLINE,
          () -> Endpoint.of("127.0.0.1", fresh).equals(client.currentMaster()));
      try (Transaction<String, String> again = client.transaction()) {
        assertThat(again.exec(q -> q.set("tx:key", "2")).committed()).isTrue();
      }
      assertThat(client.get("tx:key")).isEqualTo("2");
      CompletableFuture<KeyValue<String, String>> next =
          client.async().blpop(Duration.ofSeconds(5), "queue:next").toCompletableFuture();
      client.rpush("queue:next", "job");
      assertThat(next.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).value()).isEqualTo("job");
      stack.restartAsReplica(killed);
      stack.awaitSettled();
    }
  }

  @Test
  @Order(8)
  void twoFailoversBackToBackSurfaceNoErrorAndLoseNoWrite() throws Exception {
    List<Endpoint> confirmed = new CopyOnWriteArrayList<>();
    try (VigilClient client = client(event -> {
      if (event instanceof TopologyEvent.MasterConfirmed c) {
        confirmed.add(c.master());
      }
    })) {
      Writers writers = Writers.start(client, 4, "twice:");
      SentinelStack.await("writes before the kill", DEADLINE, () -> writers.acks() > 200);
      int first = stack.masterPort();
      RedisServerProcess killedFirst = stack.killMaster();
      int second = stack.awaitNewMaster(first);
      SentinelStack.await("the client on the second master", DEADLINE,
          () -> Endpoint.of("127.0.0.1", second).equals(client.currentMaster()));
      RedisServerProcess last = stack.replica();
      SentinelStack.await("the last replica to follow the second master", Duration.ofSeconds(30), () -> {
        try (RespSocket s = RespSocket.connect(last.address())) {
          String info = RespSocket.text(s.call("INFO", "replication"));
          return info.contains("master_port:" + second) && info.contains("master_link_status:up");
        }
      });
      long before = writers.acks();
      SentinelStack.await("writes on the second master", DEADLINE, () -> writers.acks() > before + 200);
      RedisServerProcess killedSecond = stack.killMaster();
      int third = stack.awaitNewMaster(second);
      SentinelStack.await("the client on the third master", DEADLINE,
          () -> Endpoint.of("127.0.0.1", third).equals(client.currentMaster()));
      long after = writers.acks();
      SentinelStack.await("writes on the third master", DEADLINE, () -> writers.acks() > after + 200);
      writers.close();

      assertThat(writers.errors()).as("errors surfaced to writers").isEmpty();
      assertThat(writers.missingBeyondReplicationLag(client, stack.lastKillNanos()))
          .as("acknowledged writes missing").isEmpty();
      assertThat(confirmed).contains(Endpoint.of("127.0.0.1", second), Endpoint.of("127.0.0.1", third));
      stack.restartAsReplica(killedFirst);
      stack.restartAsReplica(killedSecond);
      stack.awaitSettled();
    }
  }

  @Test
  @Order(9)
  void clientPartitionedFromOneSentinelStartsAndFailsOver() throws Exception {
    InetSocketAddress cut = stack.sentinelAddresses().get(0);
    try (ChaosProxy proxy = ChaosProxy.start(cut)) {
      proxy.blackhole();
      Endpoint direct = Endpoint.of("127.0.0.1", cut.getPort());
      Endpoint viaProxy = Endpoint.of("127.0.0.1", proxy.port());
      // what the other sentinels announce for the cut one must go through the proxy too
      AddressMapper mapper = a -> a.equals(direct) ? viaProxy : a;
      String sentinels = "127.0.0.1:" + proxy.port() + "," + stack.sentinelList().substring(stack.sentinelList().indexOf(',') + 1);
      try (VigilClient client = VigilClient.builder().sentinels(sentinels).masterName(SentinelStack.MASTER)
          .addressMapper(mapper).commandTimeout(DEADLINE).build()) {
        Writers writers = Writers.start(client, 1, "partition:");
        SentinelStack.await("writes before the kill", DEADLINE, () -> writers.acks() > 200);
        int old = stack.masterPort();
        RedisServerProcess killed = stack.killMaster();
        int fresh = stack.awaitNewMaster(old);
        SentinelStack.await("the client on the new master", DEADLINE,
            () -> Endpoint.of("127.0.0.1", fresh).equals(client.currentMaster()));
        long moved = writers.acks();
        SentinelStack.await("writes on the new master", DEADLINE, () -> writers.acks() > moved + 200);
        writers.close();
        assertThat(writers.errors()).isEmpty();
        assertThat(writers.missingBeyondReplicationLag(client, stack.lastKillNanos())).isEmpty();
        stack.restartAsReplica(killed);
        stack.awaitSettled();
      }
    }
  }

  @Test
  @Order(10)
  void stoppedSentinelDoesNotStopTheClientOrTheNextFailover() throws Exception {
    try (VigilClient client = client()) {
      stack.stopSentinel(2);
      Writers writers = Writers.start(client, 1, "stopped:");
      SentinelStack.await("writes with a sentinel stopped", DEADLINE, () -> writers.acks() > 200);
      int old = stack.masterPort();
      stack.killMaster();
      int fresh = stack.awaitNewMaster(old);
      SentinelStack.await("the client on the new master", DEADLINE,
          () -> Endpoint.of("127.0.0.1", fresh).equals(client.currentMaster()));
      long moved = writers.acks();
      SentinelStack.await("writes on the new master", DEADLINE, () -> writers.acks() > moved + 200);
      writers.close();
      assertThat(writers.errors()).isEmpty();
      assertThat(writers.missingBeyondReplicationLag(client, stack.lastKillNanos())).isEmpty();
    }
  }
}
