package io.vigil.driver.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisServerException;
import io.vigil.driver.VigilClient;
import io.vigil.driver.WrongTypeException;
import io.vigil.driver.args.StreamOffset;
import io.vigil.driver.args.StreamTrim;
import io.vigil.driver.args.XAddArgs;
import io.vigil.driver.args.XClaimArgs;
import io.vigil.driver.args.XPendingArgs;
import io.vigil.driver.args.XReadArgs;
import io.vigil.driver.values.AutoClaim;
import io.vigil.driver.values.GroupInfo;
import io.vigil.driver.values.PendingEntry;
import io.vigil.driver.values.PendingSummary;
import io.vigil.driver.values.StreamEntry;
import io.vigil.driver.values.StreamInfo;
import io.vigil.driver.values.StreamRead;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Streams: XADD/XRANGE/XTRIM/XDEL, XREAD (blocking too), consumer groups, pending lists, claims, XINFO. */
class StreamCommandsTest {

  /** What the Java server does not answer yet. */
  private static final Set<String> GAPS = Set.of();

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void entriesAreAddedReadByRangeTrimmedAndDeleted(Target target) throws Exception {
    VigilClient client = target.client();
    if (target.lacks("xadd", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.xadd("s", Map.of("f", "v")));
      return;
    }
    assertThat(client.xadd("s", XAddArgs.of().id("1-1"), fields("a", "1", "b", "2"))).isEqualTo("1-1");
    assertThat(client.xadd("s", XAddArgs.of().id("1-*"), fields("a", "3"))).isEqualTo("1-2");
    String auto = client.async().xadd("s", fields("a", "4")).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(auto).matches("\\d+-0");
    assertThat(client.xadd("missing", XAddArgs.of().noMkStream(), fields("a", "1"))).isNull();
    assertThat(client.exists("missing")).isZero();

    List<StreamEntry<String, String>> all = client.xrange("s", "-", "+");
    assertThat(all).extracting(StreamEntry::id).containsExactly("1-1", "1-2", auto);
    assertThat(all.get(0).fields()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(client.xrange("s", "(1-1", "+", 1)).extracting(StreamEntry::id).containsExactly("1-2");
    assertThat(client.xrevrange("s", "+", "-", 2)).extracting(StreamEntry::id).containsExactly(auto, "1-2");
    assertThat(client.xrange("nothing", "-", "+")).isEmpty();
    assertThat(client.xlen("s")).isEqualTo(3);

    assertThat(client.xdel("s", "1-2", "9-9")).isEqualTo(1);
    assertThat(client.xtrim("s", StreamTrim.maxlen(1))).isEqualTo(1);
    assertThat(client.xrange("s", "-", "+")).extracting(StreamEntry::id).containsExactly(auto);
    assertThat(client.xadd("s", XAddArgs.of().trim(StreamTrim.maxlen(0)), fields("x", "y"))).isNotNull();
    assertThat(client.xlen("s")).isZero();
    assertThat(client.xtrim("s", StreamTrim.minid("0-1").approximate().limit(10))).isZero();

    client.set("str", "v");
    assertThatThrownBy(() -> client.xlen("str")).isInstanceOf(WrongTypeException.class).hasMessageContaining("XLEN")
        .hasMessageContaining("'str'");
    assertThatThrownBy(() -> client.xadd("s", XAddArgs.of().id("0-1"), fields("a", "1")))
        .isInstanceOf(RedisServerException.class).hasMessageContaining("equal or smaller");
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void xreadReturnsEntriesAfterEachOffsetAndBlocksUntilOneArrives(Target target) throws Exception {
    VigilClient client = target.client();
    if (target.lacks("xread", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.xread(XReadArgs.of(), StreamOffset.after("s", "0")));
      return;
    }
    client.xadd("a", XAddArgs.of().id("1-1"), fields("n", "1"));
    client.xadd("a", XAddArgs.of().id("1-2"), fields("n", "2"));
    client.xadd("b", XAddArgs.of().id("2-1"), fields("n", "3"));

    List<StreamRead<String, String>> read = client.xread(XReadArgs.of().count(1), StreamOffset.after("a", "0"),
        StreamOffset.after("b", "0"));
    assertThat(read).extracting(StreamRead::stream).containsExactly("a", "b");
    assertThat(read.get(0).entries()).extracting(StreamEntry::id).containsExactly("1-1");
    assertThat(client.xread(XReadArgs.of(), StreamOffset.after("a", "1-2"))).as("nothing after the last").isEmpty();
    assertThat(client.xread(XReadArgs.of().block(Duration.ofMillis(50)), StreamOffset.latest("a")))
        .as("a blocking read that timed out").isEmpty();

    CompletableFuture<List<StreamRead<String, String>>> waiting = client.async()
        .xread(XReadArgs.of().block(Duration.ofSeconds(10)), StreamOffset.latest("a")).toCompletableFuture();
    io.vigil.testkit.Await.until("XREAD is blocked", Duration.ofSeconds(5),
        () -> client.info("clients").contains("blocked_clients:1"));
    assertThat(client.ping()).as("the shared connection is not blocked").isEqualTo("PONG");
    client.xadd("a", XAddArgs.of().id("3-1"), fields("n", "4"));
    List<StreamRead<String, String>> woken = waiting.get(5, TimeUnit.SECONDS);
    assertThat(woken).singleElement().satisfies(r -> assertThat(r.entries()).extracting(StreamEntry::id)
        .containsExactly("3-1"));
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void consumerGroupsDeliverAcknowledgeAndClaim(Target target) throws Exception {
    VigilClient client = target.client();
    if (target.lacks("xgroup", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.xgroupCreate("jobs", "workers", "$", true, -1));
      return;
    }
    assertThat(client.xgroupCreate("jobs", "workers", "$", true, -1)).isEqualTo("OK");
    assertThatThrownBy(() -> client.xgroupCreate("jobs", "workers", "$")).isInstanceOf(RedisServerException.class)
        .hasMessageContaining("BUSYGROUP");
    client.xadd("jobs", XAddArgs.of().id("1-1"), fields("job", "a"));
    client.xadd("jobs", XAddArgs.of().id("1-2"), fields("job", "b"));
    client.xadd("jobs", XAddArgs.of().id("1-3"), fields("job", "c"));

    List<StreamRead<String, String>> got = client.xreadgroup("workers", "alice", XReadArgs.of().count(2),
        StreamOffset.undelivered("jobs"));
    assertThat(got.get(0).entries()).extracting(StreamEntry::id).containsExactly("1-1", "1-2");
    assertThat(client.xreadgroup("workers", "bob", XReadArgs.of().noAck(), StreamOffset.undelivered("jobs"))
        .get(0).entries()).extracting(StreamEntry::id).containsExactly("1-3");
    assertThat(client.xreadgroup("workers", "alice", XReadArgs.of(), StreamOffset.after("jobs", "0")).get(0).entries())
        .as("alice's own history").extracting(StreamEntry::id).containsExactly("1-1", "1-2");

    PendingSummary summary = client.xpending("jobs", "workers");
    assertThat(summary.count()).isEqualTo(2);
    assertThat(summary.lowestId()).isEqualTo("1-1");
    assertThat(summary.highestId()).isEqualTo("1-2");
    assertThat(summary.consumers()).containsExactly(Map.entry("alice", 2L));
    List<PendingEntry> pending = client.xpending("jobs", "workers", XPendingArgs.all(10).consumer("alice"));
    assertThat(pending).extracting(PendingEntry::id).containsExactly("1-1", "1-2");
    assertThat(pending.get(0).deliveries()).isEqualTo(2);
    assertThat(client.xpending("jobs", "workers", XPendingArgs.all(10).idle(Duration.ofHours(1)))).isEmpty();

    assertThat(client.xack("jobs", "workers", "1-1", "9-9")).isEqualTo(1);
    List<StreamEntry<String, String>> claimed = client.xclaim("jobs", "workers", "bob", Duration.ZERO,
        XClaimArgs.of().retryCount(5), "1-2");
    assertThat(claimed).extracting(StreamEntry::id).containsExactly("1-2");
    assertThat(client.xpending("jobs", "workers", XPendingArgs.all(10)).get(0))
        .satisfies(p -> {
          assertThat(p.consumer()).isEqualTo("bob");
          assertThat(p.deliveries()).isEqualTo(5);
        });
    assertThat(client.xclaimJustid("jobs", "workers", "alice", Duration.ZERO, XClaimArgs.of(), "1-2"))
        .containsExactly("1-2");

    client.xdel("jobs", "1-2");
    AutoClaim<StreamEntry<String, String>> auto = client.xautoclaim("jobs", "workers", "carol", Duration.ZERO, "0-0", 10);
    assertThat(auto.isComplete()).isTrue();
    assertThat(auto.claimed()).isEmpty();
    assertThat(auto.deleted()).as("7.0 reports pending IDs gone from the stream").containsExactly("1-2");
    assertThat(client.xautoclaimJustid("jobs", "workers", "carol", Duration.ZERO, "0-0", 10).claimed()).isEmpty();

    List<GroupInfo> groups = client.xinfoGroups("jobs");
    assertThat(groups).singleElement().satisfies(g -> {
      assertThat(g.name()).isEqualTo("workers");
      assertThat(g.pending()).isZero();
      assertThat(g.lastDeliveredId()).isEqualTo("1-3");
      assertThat(g.entriesRead()).isEqualTo(3L);
    });
    assertThat(client.xinfoConsumers("jobs", "workers")).as("XAUTOCLAIM that claims nothing makes no consumer")
        .extracting(c -> c.name()).containsExactlyInAnyOrder("alice", "bob");
    assertThat(client.xgroupCreateconsumer("jobs", "workers", "dave")).isTrue();
    assertThat(client.xgroupCreateconsumer("jobs", "workers", "dave")).isFalse();
    assertThat(client.xgroupDelconsumer("jobs", "workers", "dave")).isZero();
    assertThat(client.xgroupSetid("jobs", "workers", "0", 0)).isEqualTo("OK");
    assertThat(client.xgroupDestroy("jobs", "workers")).isTrue();
    assertThat(client.xgroupDestroy("jobs", "workers")).isFalse();
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void xinfoDescribesTheStream(Target target) {
    VigilClient client = target.client();
    if (target.lacks("xinfo", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.xinfoStream("s"));
      return;
    }
    client.xadd("s", XAddArgs.of().id("5-1"), fields("f", "1"));
    client.xadd("s", XAddArgs.of().id("5-2"), fields("f", "2"));
    client.xdel("s", "5-2");
    client.xgroupCreate("s", "g", "0");

    StreamInfo<String, String> info = client.xinfoStream("s");
    assertThat(info.length()).isEqualTo(1);
    assertThat(info.groups()).isEqualTo(1);
    assertThat(info.lastGeneratedId()).isEqualTo("5-2");
    assertThat(info.maxDeletedEntryId()).isEqualTo("5-2");
    assertThat(info.entriesAdded()).isEqualTo(2);
    assertThat(info.firstEntry().id()).isEqualTo("5-1");
    assertThat(info.lastEntry().fields()).containsExactly(Map.entry("f", "1"));
    Object full = client.xinfoStreamFull("s", 0);
    assertThat(full).as("a map in RESP3, name-value pairs in RESP2")
        .isInstanceOf(target.protocol() == io.vigil.resp.RespVersion.RESP3 ? Map.class : List.class);
    assertThat(client.xsetid("s", "9-9", 5, "5-2")).isEqualTo("OK");
    assertThat(client.xinfoStream("s").entriesAdded()).isEqualTo(5);
    assertThatThrownBy(() -> client.xinfoStream("none")).isInstanceOf(RedisServerException.class)
        .hasMessageContaining("no such key");
  }

  @Test
  void badArgumentsFailBeforeAnythingIsSent() {
    VigilClient client = Target.REAL_RESP3.client();
    assertThatThrownBy(() -> client.xadd("s", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XADD");
    assertThatThrownBy(() -> StreamTrim.maxlen(5).limit(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("approximate");
    assertThatThrownBy(() -> client.xread(XReadArgs.of().noAck(), StreamOffset.after("s", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOACK");
    assertThatThrownBy(() -> client.xread(XReadArgs.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream offset");
    assertThatThrownBy(() -> client.xreadgroup(null, "c", XReadArgs.of(), StreamOffset.undelivered("s")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group");
    assertThatThrownBy(() -> XClaimArgs.of().idle(Duration.ZERO).time(java.time.Instant.now()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IDLE or TIME");
    assertThatThrownBy(() -> client.xack("s", "g")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry ID");
    assertThat(client.exists("s")).as("nothing was sent").isZero();
  }

  private static Map<String, String> fields(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
