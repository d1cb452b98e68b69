package io.vigil.driver.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisServerException;
import io.vigil.driver.VigilClient;
import io.vigil.driver.args.FlushMode;
import io.vigil.driver.args.FunctionRestorePolicy;
import io.vigil.driver.codec.ReplyConverter;
import io.vigil.driver.values.FunctionStats;
import io.vigil.driver.values.LibraryInfo;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Functions: FUNCTION LOAD/LIST/DELETE/FLUSH/DUMP/RESTORE/STATS/KILL, FCALL and FCALL_RO. */
class FunctionCommandsTest {

  private static final Set<String> GAPS = Set.of();

  private static final String LIBRARY = String.join("\n",
      "#!lua name=counters",
      "redis.register_function('bump', function(keys, args) return redis.call('INCRBY', keys[1], args[1]) end)",
      "redis.register_function{function_name='peek', callback=function(keys) return redis.call('GET', keys[1]) end,",
      "  flags={'no-writes'}, description='reads a counter'}");

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void aLoadedLibraryIsListedAndItsFunctionsCalled(Target target) throws Exception {
    VigilClient client = target.client();
    if (target.lacks("function", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.functionLoad(LIBRARY));
      return;
    }
    client.functionFlush(FlushMode.SYNC);

    assertThat(client.functionLoad(LIBRARY)).isEqualTo("counters");
    assertThat(client.fcall("bump", List.of("c"), List.of("5"))).isEqualTo(5L);
    assertThat(client.async().fcall("bump", ReplyConverter.integer(), List.of("c"), List.of("2"))
        .toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(7L);
    assertThat(client.fcallReadOnly("peek", List.of("c"), List.of())).isEqualTo("7");
    assertThat(client.fcallReadOnly("peek", ReplyConverter.text(), List.of("c"), List.of())).isEqualTo("7");
    assertThatThrownBy(() -> client.fcallReadOnly("bump", List.of("c"), List.of("1")))
        .isInstanceOf(RedisServerException.class).hasMessageContaining("Can not execute a script with write flag using *_ro command");

    List<LibraryInfo> libraries = client.functionList();
    assertThat(libraries).hasSize(1);
    LibraryInfo lib = libraries.get(0);
    assertThat(lib.name()).isEqualTo("counters");
    assertThat(lib.engine()).isEqualTo("LUA");
    assertThat(lib.code()).isNull();
    assertThat(lib.functions()).extracting(f -> f.name()).containsExactlyInAnyOrder("bump", "peek");
    assertThat(lib.functions()).filteredOn(f -> f.name().equals("peek")).singleElement().satisfies(f -> {
      assertThat(f.description()).isEqualTo("reads a counter");
      assertThat(f.flags()).containsExactly("no-writes");
    });
    assertThat(client.functionList("count*", true)).singleElement().satisfies(l -> assertThat(l.code()).isEqualTo(LIBRARY));
    assertThat(client.functionList("nothing*", false)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void libraryLifecycleDumpRestoreAndStats(Target target) {
    VigilClient client = target.client();
    if (target.lacks("function", GAPS)) {
      Gaps.assertUnknownCommand(client::functionStats);
      return;
    }
    client.functionFlush(FlushMode.SYNC);
    client.functionLoad(LIBRARY);
    assertThatThrownBy(() -> client.functionLoad(LIBRARY)).isInstanceOf(RedisServerException.class)
        .hasMessageContaining("already exists");
    assertThat(client.functionLoad(LIBRARY, true)).isEqualTo("counters");

    byte[] dump = client.functionDump();
    assertThat(client.functionDelete("counters")).isEqualTo("OK");
    assertThat(client.functionList()).isEmpty();
    assertThat(client.functionRestore(dump)).isEqualTo("OK");
    assertThatThrownBy(() -> client.functionRestore(dump, FunctionRestorePolicy.APPEND))
        .isInstanceOf(RedisServerException.class);
    assertThat(client.functionRestore(dump, FunctionRestorePolicy.REPLACE)).isEqualTo("OK");
    assertThat(client.functionList()).extracting(LibraryInfo::name).containsExactly("counters");

    FunctionStats stats = client.functionStats();
    assertThat(stats.running()).isNull();
    assertThat(stats.engines()).containsKey("LUA");
    assertThat(stats.engines().get("LUA").libraries()).isEqualTo(1);
    assertThat(stats.engines().get("LUA").functions()).isEqualTo(2);
    assertThatThrownBy(client::functionKill).isInstanceOfSatisfying(RedisServerException.class,
        e -> assertThat(e.errorCode()).isEqualTo("NOTBUSY"));
    assertThat(client.functionFlush()).isEqualTo("OK");
    assertThatThrownBy(() -> client.fcall("bump", List.of("c"), List.of("1"))).isInstanceOf(RedisServerException.class)
        .hasMessageContaining("Function not found");
  }

  @Test
  void badArgumentsFailBeforeAnythingIsSent() {
    VigilClient client = Target.REAL_RESP3.client();
    assertThatThrownBy(() -> client.functionLoad(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FUNCTION LOAD");
    assertThatThrownBy(() -> client.fcall(null, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FCALL").hasMessageContaining("function name");
    assertThatThrownBy(() -> client.functionRestore(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload");
  }
}
