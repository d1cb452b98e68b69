package io.vigil.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespValue;
import io.vigil.testkit.Await;
import io.vigil.testkit.chaos.Node;
import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.process.RespSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The sample service as a user meets it: started with no Redis configured, so on the embedded
 * Java stack (1 master, 2 replicas, 3 sentinels), and called over HTTP on an ephemeral port.
 * The master kill runs last: the other tests expect the initial master.
 */
@SpringBootTest(classes = SampleServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleServiceApplicationTests {

  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @LocalServerPort
  private int port;

  @Autowired
  private Topology embedded;

  private Http http() {
    return new Http(port);
  }

  @Test
  @Order(1)
  void aWrittenValueIsReadBack() {
    Http http = http();
    Http.Reply written = http.put("/values/greeting", "hello");
    assertThat(written.status()).isEqualTo(200);
    assertThat(written.body().get("durable").asBoolean()).isFalse();
    assertThat(text(embedded.currentMaster().call("GET", "greeting"))).as("on the master").isEqualTo("hello");

    // The read may go to a replica up to 100 ms behind: it sees the write once replicated.
    Await.until("the value read back", DEADLINE, () -> {
      Http.Reply read = http.get("/values/greeting");
      return read.status() == 200 && "hello".equals(read.body().get("value").asString());
    });
    assertThat(http.get("/values/never-written").status()).isEqualTo(404);
  }

  @Test
  @Order(1)
  void aBoundedReadIsServedByAReplica() {
    Http http = http();
    List<Node> replicas = replicas();
    assertThat(replicas).hasSize(2);
    // A key written on the replicas alone: only a read served by a replica can return it.
    try {
      for (Node replica : replicas) {
        assertThat(text(replica.call("CONFIG", "SET", "replica-read-only", "no"))).isEqualTo("OK");
        assertThat(text(replica.call("SET", "replica-only", "from a replica"))).isEqualTo("OK");
      }
      assertThat(text(embedded.currentMaster().call("GET", "replica-only"))).isNull();
      Await.until("a read of /values/replica-only served by a replica", DEADLINE, () -> {
        Http.Reply read = http.get("/values/replica-only");
        return read.status() == 200 && "from a replica".equals(read.body().get("value").asString());
      });
    } finally {
      for (Node replica : replicas) {
        replica.call("CONFIG", "SET", "replica-read-only", "yes");
      }
    }
    Await.until("vigil.reads{role=replica} counted in /actuator/metrics", DEADLINE,
        () -> count(http.get("/actuator/metrics/vigil.reads?tag=role:replica")) > 0);
  }

  @Test
  @Order(1)
  void anAppendIsAlwaysSeenInTheListReadBack() {
    Http http = http();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String item = "item-" + i;
      expected.add(item);
      Http.Reply appended = http.post("/lists/ryw", item);
      assertThat(appended.status()).isEqualTo(200);
      // Read-your-writes: no waiting, the read-back has this append even when a replica serves it.
      assertThat(strings(appended.body().get("items"))).as("after appending %s", item).isEqualTo(expected);
    }
    Await.until("the list read from a replica", DEADLINE,
        () -> strings(http.get("/lists/ryw").body().get("items")).equals(expected));
  }

  @Test
  @Order(1)
  void aDurableWriteIsOnEveryReplicaWhenAnswered() {
    Http.Reply written = http().put("/values/order:42?durable=true", "paid");
    assertThat(written.status()).isEqualTo(200);
    assertThat(written.body().get("durable").asBoolean()).isTrue();
    // No waiting: the answer came after every replica confirmed the write.
    assertThat(replicas()).hasSize(2).allMatch(replica -> "paid".equals(text(replica.call("GET", "order:42"))));
  }

  @Test
  @Order(1)
  void healthIsUpWithVigilDetails() {
    Http http = http();
    JsonNode health = http.get("/actuator/health").body();
    assertThat(health.get("status").asString()).isEqualTo("UP");
    JsonNode vigil = health.get("components").get("vigil");
    assertThat(vigil.get("status").asString()).isEqualTo("UP");
    JsonNode details = vigil.get("details");
    assertThat(details.get("mode").asString()).isEqualTo("sentinel");
    assertThat(details.get("masterName").asString()).isEqualTo(embedded.masterName());
    assertThat(details.get("master").asString()).isEqualTo(address(embedded.currentMaster()));
    assertThat(details.get("role").asString()).isEqualTo("master");
    List<String> replicaAddresses = new ArrayList<>();
    details.get("replicas").forEach(r -> replicaAddresses.add(r.get("address").asString()));
    assertThat(replicaAddresses).containsExactlyInAnyOrderElementsOf(replicas().stream().map(n -> address(n)).toList());
  }

  @Test
  @Order(1)
  void vigilMetricsAreListed() {
    JsonNode names = http().get("/actuator/metrics").body().get("names");
    assertThat(strings(names)).contains("vigil.failovers", "vigil.failover.recovery", "vigil.commands.queued");
    assertThat(count(http().get("/actuator/metrics/vigil.failovers"))).isZero();
  }

  @Test
  @Order(2)
  void writesThroughTheServiceContinueWhenTheMasterIsKilled() throws Exception {
    Http http = http();
    Node oldMaster = embedded.currentMaster();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong acknowledged = new AtomicLong(-1);
    Queue<String> errors = new ConcurrentLinkedQueue<>();
    Thread writer = new Thread(() -> {
      for (long i = 0; !stop.get(); i++) {
        try {
          Http.Reply reply = http.put("/values/failover:" + i, Long.toString(i));
          if (reply.status() == 200) {
            acknowledged.set(i);
          } else {
            errors.add("PUT failover:" + i + " answered " + reply.status() + " " + reply.body());
          }
        } catch (RuntimeException e) {
          errors.add("PUT failover:" + i + " failed: " + e);
        }
      }
    }, "sample-service-writer");
    writer.start();
    Node promoted;
    long afterFailover;
    try {
      Await.until("writes before the kill", DEADLINE, () -> acknowledged.get() >= 20);
      embedded.faults().kill(oldMaster);
      promoted = embedded.awaitFailover(oldMaster, Duration.ofSeconds(30));
      long atFailover = acknowledged.get();
      Await.until("writes after the failover", Duration.ofSeconds(30), () -> acknowledged.get() >= atFailover + 20);
      afterFailover = acknowledged.get();
    } finally {
      stop.set(true);
      writer.join(30_000);
    }
    assertThat(errors).as("HTTP errors the writer saw across the failover").isEmpty();
    assertThat(text(promoted.call("GET", "failover:" + afterFailover))).as("on the promoted master")
        .isEqualTo(Long.toString(afterFailover));
    Await.until("health UP with the promoted master", Duration.ofSeconds(30), () -> {
      JsonNode vigil = http.get("/actuator/health").body().get("components").get("vigil");
      return "UP".equals(vigil.get("status").asString())
          && address(promoted).equals(vigil.get("details").get("master").asString());
    });
    assertThat(count(http.get("/actuator/metrics/vigil.failovers"))).isGreaterThanOrEqualTo(1);
  }

  private List<Node> replicas() {
    return embedded.dataNodes().stream().filter(n -> n.role().equals("slave")).toList();
  }

  private static String address(Node node) {
    InetSocketAddress a = node.address();
    return a.getHostString() + ":" + a.getPort();
  }

  /** A reply as text; null for a null reply (a missing key). */
  private static String text(RespValue reply) {
    return reply.isNull() ? null : RespSocket.text(reply);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  /** The COUNT measurement of an /actuator/metrics/{name} reply; 0 when the meter is not there. */
  private static double count(Http.Reply reply) {
    if (reply.status() != 200) {
      return 0;
    }
    for (JsonNode m : reply.body().get("measurements")) {
      if ("COUNT".equals(m.get("statistic").asString())) {
        return m.get("value").asDouble();
      }
    }
    return 0;
  }
}
