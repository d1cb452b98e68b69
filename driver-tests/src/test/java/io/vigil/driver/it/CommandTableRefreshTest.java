package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.Endpoint;
import io.vigil.driver.internal.client.ClientOptions;
import io.vigil.driver.internal.client.ClientRuntime;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.testkit.process.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The built-in command table learns the server's flags for commands it did not know. */
class CommandTableRefreshTest {

  @Test
  void commandsUnknownToTheBuiltInTableAreClassifiedByTheServersFlags() {
    try (RedisServerProcess redis = RedisFixture.start();
        ClientRuntime runtime = new ClientRuntime(ClientOptions.standalone(Endpoint.of(redis.host(), redis.port())))) {
      assertThat(new CommandTable().knows("xpending")).as("not built in").isFalse();
      CommandTable table = runtime.table();

      Poll.until(Duration.ofSeconds(5), "the table was refreshed from COMMAND", () -> table.knows("xpending"));

      assertThat(table.lookup("XPENDING").isReadOnly()).isTrue();
      assertThat(table.lookup("XAUTOCLAIM").isWrite()).isTrue();
      assertThat(table.lookup("XREAD").isBlocking()).isTrue();
      assertThat(table.lookup("GET").isReadOnly()).isTrue();
      assertThat(table.lookup("SUBSCRIBE").changesConnectionState()).isTrue();
    }
  }
}
