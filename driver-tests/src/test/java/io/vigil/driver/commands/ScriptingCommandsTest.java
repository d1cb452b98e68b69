package io.vigil.driver.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.NoScriptException;
import io.vigil.driver.Pipeline;
import io.vigil.driver.RedisServerException;
import io.vigil.driver.Script;
import io.vigil.driver.Transaction;
import io.vigil.driver.TransactionResult;
import io.vigil.driver.VigilClient;
import io.vigil.driver.args.FlushMode;
import io.vigil.driver.codec.ReplyConverter;
import io.vigil.resp.RespVersion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lua scripts: EVAL and EVALSHA, their read-only forms, {@link Script}'s cache fallback, SCRIPT *. */
class ScriptingCommandsTest {

  /** What the Java server does not answer yet. */
  private static final Set<String> GAPS = Set.of();

  private static final Script INCR_BY = Script.of("return redis.call('INCRBY', KEYS[1], ARGV[1])");

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void evalReturnsPlainJavaValues(Target target) throws Exception {
    VigilClient client = target.client();
    String script = "redis.call('SET', KEYS[1], ARGV[1]); return {KEYS[1], tonumber(ARGV[2]), redis.call('GET', KEYS[1])}";
    if (target.lacks("eval", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.eval(script, List.of("k"), List.of("v", "42")));
      return;
    }

    assertThat(client.eval(script, List.of("k"), List.of("v", "42"))).isEqualTo(List.of("k", 42L, "v"));
    assertThat(client.async().eval("return nil", List.of(), List.of()).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isNull();
    assertThat(client.eval("return redis.status_reply('FINE')", List.of(), List.of())).isEqualTo("FINE");
    assertThat(client.eval("return 3.99", List.of(), List.of())).as("Lua numbers become integers").isEqualTo(3L);
    assertThat(client.eval("return {1, {'a', false}}", List.of(), List.of()))
        .as("false is a nil reply").isEqualTo(List.of(1L, java.util.Arrays.asList("a", null)));
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void evalWithAConverterDecodesWithTheViewsCodec(Target target) {
    VigilClient client = target.client();
    if (target.lacks("eval", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.eval("return 1", ReplyConverter.integer(), List.of(), List.of()));
      return;
    }
    long n = client.eval("return tonumber(ARGV[1]) * 2", ReplyConverter.integer(), List.of(), List.of("21"));
    List<byte[]> raw = client.binary().eval("return {ARGV[1], ARGV[2]}", ReplyConverter.values(), List.of(),
        List.of(new byte[] {1, 2}, new byte[] {(byte) 0xff}));

    assertThat(n).isEqualTo(42);
    assertThat(raw).containsExactly(new byte[] {1, 2}, new byte[] {(byte) 0xff});
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void scriptFallsBackToItsSourceOnceWhenTheCacheIsEmpty(Target target) throws Exception {
    VigilClient client = target.client();
    if (target.lacks("script", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.eval(INCR_BY, List.of("n"), List.of("1")));
      return;
    }
    client.scriptFlush(FlushMode.SYNC);
    assertThat(client.scriptExists(INCR_BY.sha1())).containsExactly(false);

    assertThat(client.eval(INCR_BY, List.of("n"), List.of("5"))).isEqualTo(5L);
    assertThat(client.scriptExists(INCR_BY.sha1())).as("EVAL cached it").containsExactly(true);
    assertThat(client.eval(INCR_BY, List.of("n"), List.of("5"))).isEqualTo(10L);

    client.scriptFlush();
    CompletionStage<Object> async = client.async().eval(INCR_BY, List.of("n"), List.of("1"));
    assertThat(async.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(11L);
    assertThat(client.info("commandstats")).contains("cmdstat_evalsha:").contains("cmdstat_eval:");
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void scriptsInPipelinesAndTransactionsAreSentWithTheirSource(Target target) {
    VigilClient client = target.client();
    if (target.lacks("script", GAPS)) {
      return; // the Java server's gap is asserted by the other tests; EVAL here would fail the same way
    }
    client.scriptFlush(FlushMode.SYNC);

    Pipeline<String, String> p = client.pipeline();
    CompletionStage<Object> first = p.eval(INCR_BY, List.of("n"), List.of("2"));
    CompletionStage<Long> after = p.incr("n");
    p.sync();
    assertThat(first.toCompletableFuture().join()).isEqualTo(2L);
    assertThat(after.toCompletableFuture().join()).as("order kept").isEqualTo(3L);

    client.scriptFlush(FlushMode.SYNC);
    try (Transaction<String, String> tx = client.transaction()) {
      TransactionResult r = tx.exec(q -> {
        q.eval(INCR_BY, List.of("n"), List.of("10"));
        q.incr("n");
      });
      assertThat(r.committed()).isTrue();
      assertThat(r.results()).containsExactly(13L, 14L);
    }
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void evalshaOfAnUnknownScriptIsNoScriptAndTheCacheCommandsWork(Target target) {
    VigilClient client = target.client();
    if (target.lacks("script", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.scriptLoad("return 1"));
      return;
    }
    String sha = client.scriptLoad("return redis.call('INCRBY', KEYS[1], ARGV[1])");

    assertThat(sha).isEqualTo(INCR_BY.sha1()).isEqualTo(client.scriptLoad(INCR_BY));
    assertThat(client.evalsha(sha, List.of("n"), List.of("5"))).isEqualTo(5L);
    assertThat(client.scriptExists(sha, "0000000000000000000000000000000000000000")).containsExactly(true, false);
    assertThatThrownBy(() -> client.evalsha("0000000000000000000000000000000000000000", List.of(), List.of()))
        .isInstanceOf(NoScriptException.class).hasMessageContaining("NOSCRIPT");
    assertThatThrownBy(client::scriptKill).isInstanceOfSatisfying(RedisServerException.class,
        e -> assertThat(e.errorCode()).isEqualTo("NOTBUSY"));
    assertThat(client.scriptFlush(FlushMode.ASYNC)).isEqualTo("OK");
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void readOnlyScriptsRunAndRefuseWrites(Target target) {
    VigilClient client = target.client();
    if (target.lacks("eval_ro", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.evalReadOnly("return 1", List.of(), List.of()));
      return;
    }
    client.set("k", "v");
    Script get = Script.of("return redis.call('GET', KEYS[1])");

    assertThat(client.evalReadOnly("return redis.call('GET', KEYS[1])", List.of("k"), List.of())).isEqualTo("v");
    assertThat(client.evalReadOnly(get, List.of("k"), List.of())).isEqualTo("v");
    assertThat(client.evalshaReadOnly(get.sha1(), List.of("k"), List.of())).isEqualTo("v");
    assertThat(client.evalReadOnly(get, ReplyConverter.text(), List.of("k"), List.of())).isEqualTo("v");
    assertThatThrownBy(() -> client.evalReadOnly("return redis.call('SET', KEYS[1], 'x')", List.of("k"), List.of()))
        .isInstanceOf(RedisServerException.class).hasMessageContaining("Write commands are not allowed from read-only scripts");
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void resp3RepliesOfScriptsKeepTheirShapes(Target target) {
    VigilClient client = target.client();
    if (target.lacks("eval", GAPS) || target.protocol() != RespVersion.RESP3) {
      return;
    }
    Object map = client.eval("redis.setresp(3); return redis.call('HGETALL', KEYS[1])", List.of("h"), List.of());
    client.hset("h", "f", "1");
    Object filled = client.eval("redis.setresp(3); return redis.call('HGETALL', KEYS[1])", List.of("h"), List.of());

    assertThat(map).isEqualTo(Map.of());
    assertThat(filled).isEqualTo(Map.of("f", "1"));
    assertThat(client.eval("return {double=3.5}", List.of(), List.of())).isEqualTo(3.5);
  }

  @Test
  void badArgumentsFailBeforeAnythingIsSent() {
    VigilClient client = Target.REAL_RESP3.client();
    assertThatThrownBy(() -> client.eval((String) null, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EVAL").hasMessageContaining("script");
    assertThatThrownBy(() -> client.eval("return 1", null, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key list");
    assertThatThrownBy(() -> client.evalsha("abc", List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40 hex digits");
    assertThatThrownBy(() -> client.scriptExists())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SCRIPT EXISTS");
    assertThatThrownBy(() -> Script.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Script.of("return 1").sha1()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
  }
}
