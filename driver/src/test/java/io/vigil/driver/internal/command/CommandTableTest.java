package io.vigil.driver.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTableTest {

  private final CommandTable table = new CommandTable();

  private static RespValue entry(String name, String... flags) {
    List<RespValue> flagValues = java.util.Arrays.stream(flags).<RespValue>map(RespSimpleString::new).toList();
    return RespArray.of(RespBulkString.of(name), RespInteger.of(-2), new RespSet(flagValues),
        RespInteger.of(1), RespInteger.of(1), RespInteger.of(1));
  }

  @Test
  void builtInTableKnowsReadsWritesAndBlockingCommands() {
    assertThat(table.lookup("GET").isReadOnly()).isTrue();
    assertThat(table.lookup("set").isWrite()).isTrue();
    assertThat(table.lookup("BLPOP").isBlocking()).isTrue();
    assertThat(table.lookup("multi").changesConnectionState()).isTrue();
  }

  @Test
  void unknownCommandIsTreatedAsANonBlockingWrite() {
    assertThat(table.knows("json.get")).isFalse();
    assertThat(table.lookup("JSON.GET").isWrite()).isTrue();
    assertThat(table.lookup("JSON.GET").isBlocking()).isFalse();
  }

  @Test
  void serverFlagsClassifyCommandsTheTableDidNotKnow() {
    int n = table.refresh(RespArray.of(entry("json.get", "readonly"), entry("bf.reserve", "write", "denyoom"),
        entry("xreadgroup", "write", "blocking")));

    assertThat(n).isEqualTo(3);
    assertThat(table.lookup("JSON.GET").isReadOnly()).isTrue();
    assertThat(table.lookup("bf.reserve").isWrite()).isTrue();
    assertThat(table.lookup("XREADGROUP").isBlocking()).isTrue();
  }

  @Test
  void refreshKeepsTheClientsOwnConnectionStateRule() {
    table.refresh(RespArray.of(entry("subscribe", "pubsub", "noscript", "loading", "stale")));

    assertThat(table.lookup("subscribe").changesConnectionState()).isTrue();
  }

  @Test
  void nullEntriesOfCommandInfoAreSkipped() {
    assertThat(table.refresh(RespArray.of(io.vigil.resp.RespNull.ARRAY))).isZero();
  }
}
