package io.vigil.testkit.server;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespNull;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every write reaches the replication feed as the command Redis would propagate, with the
 * clock injected so expiry is tested without sleeping.
 */
class PropagationTest {

  /** A clock tests move by hand. */
  static final class ManualClock extends Clock {
    private volatile long millis = 1_700_000_000_000L;

    void advance(Duration d) {
      millis += d.toMillis();
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final List<String> fed = new CopyOnWriteArrayList<>();
  private VigilServer vigil;
  private RespTestClient client;

  @BeforeEach
  void start() {
    vigil = VigilServer.builder().clock(clock).replicationFeed((db, argv) -> {
      List<String> words = new ArrayList<>();
      argv.forEach(a -> words.add(new String(a, StandardCharsets.UTF_8)));
      fed.add(db + ":" + String.join(" ", words));
    }).start();
    client = new RespTestClient(vigil.address());
  }

  @AfterEach
  void stop() {
    client.close();
    vigil.close();
  }

  private long now() {
    return clock.millis();
  }

  @Test
  void plainWritesPropagateAsReceivedAndReadsDoNot() {
    client.call("SET", "k", "v");
    client.call("GET", "k");
    client.call("SETNX", "k", "other"); // no change: nothing propagated
    client.call("SELECT", "3");
    client.call("RPUSH", "l", "a");
    assertThat(fed).containsExactly("0:SET k v", "3:RPUSH l a");
  }

  @Test
  void relativeExpiriesBecomeAbsolute() {
    long t = now();
    client.call("SET", "a", "1", "EX", "10");
    client.call("SETEX", "b", "5", "2");
    client.call("EXPIRE", "a", "100");
    client.call("PEXPIRE", "b", "500", "GT");
    client.call("GETEX", "a", "PX", "7");
    client.call("SET", "c", "3", "GET");
    client.call("INCRBYFLOAT", "f", "1.5");
    assertThat(fed).containsExactly(
        "0:SET a 1 PXAT " + (t + 10_000),
        "0:SET b 2 PXAT " + (t + 5_000),
        "0:PEXPIREAT a " + (t + 100_000),
        "0:PEXPIREAT a " + (t + 7) ,
        "0:SET c 3",
        "0:SET f 1.5 KEEPTTL");
  }

  @Test
  void lazilyExpiredKeysPropagateAsDel() {
    client.call("SET", "k", "v", "PX", "100");
    fed.clear();
    clock.advance(Duration.ofMillis(101));
    assertThat(client.call("GET", "k")).isEqualTo(RespNull.BULK);
    assertThat(fed).containsExactly("0:DEL k");
  }

  @Test
  void activeExpiryDeletesWithoutAnyAccess() {
    client.call("SET", "k", "v", "PX", "100");
    fed.clear();
    clock.advance(Duration.ofSeconds(1));
    Await.until("active expiry", Duration.ofSeconds(5), () -> fed.contains("0:DEL k"));
    assertThat(client.call("DBSIZE")).isEqualTo(io.vigil.resp.RespInteger.ZERO);
  }

  @Test
  void transactionsAreWrappedInMultiExec() {
    client.call("MULTI");
    client.call("SET", "a", "1");
    client.call("GET", "a");
    client.call("INCR", "a");
    client.call("EXEC");
    assertThat(fed).containsExactly("0:MULTI", "0:SET a 1", "0:INCR a", "0:EXEC");
  }

  @Test
  void blockingPopsPropagateAsPlainPops() {
    client.call("RPUSH", "l", "a", "b");
    client.call("BLPOP", "l", "0");
    client.call("BLMOVE", "l", "m", "LEFT", "RIGHT", "0");
    client.call("ZADD", "z", "1", "x");
    client.call("BZPOPMIN", "z", "0");
    assertThat(fed).containsExactly("0:RPUSH l a b", "0:LPOP l", "0:LMOVE l m LEFT RIGHT",
        "0:ZADD z 1 x", "0:ZPOPMIN z");
  }

  @Test
  void expireInThePastDeletesAndPropagatesDel() {
    client.call("SET", "k", "v");
    client.call("EXPIREAT", "k", "1");
    assertThat(client.call("EXISTS", "k")).isEqualTo(io.vigil.resp.RespInteger.ZERO);
    assertThat(fed).containsExactly("0:SET k v", "0:DEL k");
  }

  @Test
  void commandsAppliedFromAStreamChangeDataWithoutReplies() throws Exception {
    io.vigil.testkit.server.command.Dispatcher.Applier[] applier = new io.vigil.testkit.server.command.Dispatcher.Applier[1];
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    vigil.onServerThread(dispatcher -> {
      applier[0] = dispatcher.applier();
      for (String line : List.of("SELECT 2", "SET a 1", "MULTI", "INCR a", "INCR a", "EXEC", "PING",
          "RPUSH l x")) {
        applier[0].apply(argv(line.split(" ")));
      }
      done.complete(null);
    });
    done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    client.call("SELECT", "2");
    assertThat(client.call("GET", "a")).isEqualTo(RespBulkString.of("3"));
    assertThat(fed).containsExactly("2:SET a 1", "2:MULTI", "2:INCR a", "2:INCR a", "2:EXEC",
        "2:RPUSH l x");
  }

  private static byte[][] argv(String... words) {
    byte[][] out = new byte[words.length][];
    for (int i = 0; i < words.length; i++) {
      out[i] = words[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  @Test
  void publishIsPropagated() {
    client.call("PUBLISH", "ch", "msg");
    assertThat(fed).containsExactly("0:PUBLISH ch msg");
    assertThat(client.call("ECHO", "x")).isEqualTo(RespBulkString.of("x"));
  }
}
