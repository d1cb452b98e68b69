package io.vigil.testkit.server;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Blocking list and sorted-set pops: wake-up order, timeouts, pipelines behind a blocked client. */
class BlockingTest {

  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    vigil = VigilServer.builder().start();
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  private static void awaitBlocked(RespTestClient admin, int n) {
    Await.until(n + " blocked clients", Duration.ofSeconds(10),
        () -> ((RespBulkString) admin.call("INFO", "clients")).asString().contains("blocked_clients:" + n + "\r\n"));
  }

  @Test
  void blockedClientsAreServedFirstComeFirstServed() {
    try (RespTestClient a = new RespTestClient(vigil.address());
        RespTestClient b = new RespTestClient(vigil.address());
        RespTestClient c = new RespTestClient(vigil.address());
        RespTestClient admin = new RespTestClient(vigil.address())) {
      a.send("BLPOP", "fifo", "0");
      awaitBlocked(admin, 1);
      b.send("BLPOP", "fifo", "0");
      awaitBlocked(admin, 2);
      c.send("BLPOP", "other", "fifo", "0");
      awaitBlocked(admin, 3);
      assertThat(admin.call("RPUSH", "fifo", "1", "2")).isEqualTo(RespInteger.of(2));
      assertThat(a.read()).isEqualTo(RespArray.of(RespBulkString.of("fifo"), RespBulkString.of("1")));
      assertThat(b.read()).isEqualTo(RespArray.of(RespBulkString.of("fifo"), RespBulkString.of("2")));
      awaitBlocked(admin, 1);
      assertThat(admin.call("LPUSH", "fifo", "3")).isEqualTo(RespInteger.ONE);
      assertThat(c.read()).isEqualTo(RespArray.of(RespBulkString.of("fifo"), RespBulkString.of("3")));
      assertThat(admin.call("EXISTS", "fifo")).isEqualTo(RespInteger.ZERO);
    }
  }

  @Test
  void timeoutAnswersANullArray() {
    try (RespTestClient a = new RespTestClient(vigil.address())) {
      long start = System.nanoTime();
      assertThat(a.call("BRPOP", "nothing", "0.2")).isEqualTo(RespNull.ARRAY);
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(150_000_000L);
      assertThat(a.call("BZPOPMIN", "nothing", "0.05")).isEqualTo(RespNull.ARRAY);
    }
  }

  @Test
  void pipelinedCommandsWaitBehindABlockedCommand() {
    try (RespTestClient a = new RespTestClient(vigil.address());
        RespTestClient admin = new RespTestClient(vigil.address())) {
      a.raw("BLPOP queue 0\r\nGET after\r\n");
      awaitBlocked(admin, 1);
      admin.call("SET", "after", "x");
      admin.call("RPUSH", "queue", "job");
      assertThat(a.read()).isEqualTo(RespArray.of(RespBulkString.of("queue"), RespBulkString.of("job")));
      assertThat(a.read()).isEqualTo(RespBulkString.of("x"));
    }
  }

  @Test
  void blmoveWakesUpAndMoves() {
    try (RespTestClient a = new RespTestClient(vigil.address());
        RespTestClient admin = new RespTestClient(vigil.address())) {
      a.send("BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
      awaitBlocked(admin, 1);
      admin.call("RPUSH", "src", "m");
      assertThat(a.read()).isEqualTo(RespBulkString.of("m"));
      assertThat(admin.call("LRANGE", "dst", "0", "-1")).isEqualTo(RespArray.of(RespBulkString.of("m")));
    }
  }

  @Test
  void sortedSetPopWakesUpOnZadd() {
    try (RespTestClient a = new RespTestClient(vigil.address());
        RespTestClient admin = new RespTestClient(vigil.address())) {
      a.send("BZPOPMAX", "zq", "0");
      awaitBlocked(admin, 1);
      admin.call("ZADD", "zq", "1", "low", "9", "high");
      RespValue r = a.read();
      assertThat(r).isEqualTo(RespArray.of(RespBulkString.of("zq"), RespBulkString.of("high"), RespBulkString.of("9")));
    }
  }

  @Test
  void disconnectedBlockedClientIsForgotten() {
    try (RespTestClient admin = new RespTestClient(vigil.address())) {
      RespTestClient gone = new RespTestClient(vigil.address());
      gone.send("BLPOP", "ghost", "0");
      awaitBlocked(admin, 1);
      gone.close();
      awaitBlocked(admin, 0);
      assertThat(admin.call("RPUSH", "ghost", "v")).isEqualTo(RespInteger.ONE);
      assertThat(admin.call("LLEN", "ghost")).isEqualTo(RespInteger.ONE);
    }
  }

  @Test
  void clientUnblockEndsTheWaitWithATimeoutOrAnError() {
    try (RespTestClient a = new RespTestClient(vigil.address());
        RespTestClient admin = new RespTestClient(vigil.address())) {
      long id = ((RespInteger) a.call("CLIENT", "ID")).value();
      a.send("BLPOP", "never", "0");
      awaitBlocked(admin, 1);
      assertThat(admin.call("CLIENT", "UNBLOCK", Long.toString(id))).isEqualTo(RespInteger.ONE);
      assertThat(a.read()).isEqualTo(RespNull.ARRAY);
      a.send("BZPOPMIN", "never", "0");
      awaitBlocked(admin, 1);
      assertThat(admin.call("CLIENT", "UNBLOCK", Long.toString(id), "ERROR")).isEqualTo(RespInteger.ONE);
      assertThat(a.read()).isEqualTo(io.vigil.resp.RespError.of("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
      assertThat(admin.call("CLIENT", "UNBLOCK", Long.toString(id))).isEqualTo(RespInteger.ZERO);
    }
  }

  @Test
  void clientPauseHoldsWritesUntilUnpause() {
    try (RespTestClient a = new RespTestClient(vigil.address());
        RespTestClient admin = new RespTestClient(vigil.address())) {
      assertThat(admin.call("CLIENT", "PAUSE", "10000", "WRITE")).isEqualTo(RespSimpleString.OK);
      a.send("SET", "paused", "1");
      assertThat(admin.call("GET", "paused")).isEqualTo(RespNull.BULK);
      assertThat(admin.call("CLIENT", "UNPAUSE")).isEqualTo(RespSimpleString.OK);
      assertThat(a.read()).isEqualTo(RespSimpleString.OK);
      assertThat(admin.call("GET", "paused")).isEqualTo(RespBulkString.of("1"));
    }
  }
}
