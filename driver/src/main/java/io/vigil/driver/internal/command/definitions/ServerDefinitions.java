package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.values.Role;
import java.time.Duration;

/** Server and connection: health, {@code INFO}, replication role and {@code WAIT}. */
public interface ServerDefinitions<K, V> extends Definitions<K, V> {

  /** {@code PONG}, when the node answers. */
  default Spec<String> ping() {
    return command("PING").spec(Replies.STATUS);
  }

  /** The default sections of {@code INFO}, as the text the server sends. */
  default Spec<String> info() {
    return command("INFO").spec(Replies.TEXT);
  }

  /** One section of {@code INFO} ({@code replication}, {@code server}…), as text. */
  default Spec<String> info(String section) {
    return command("INFO").add(section).spec(Replies.TEXT);
  }

  /** The node's replication role ({@code ROLE}). */
  default Spec<Role> role() {
    return command("ROLE").spec(Replies.ROLE);
  }

  /**
   * Waits until {@code replicas} replicas acknowledged this connection's writes, or {@code
   * timeout} passed ({@link Duration#ZERO}: forever); how many did. It covers the writes sent
   * before it on the same connection: in a {@link io.vigil.driver.Transaction} exactly its
   * own, on the shared connection everything sent there; other commands on that connection
   * wait meanwhile.
   */
  default Spec<Long> waitReplicas(int replicas, Duration timeout) {
    return command("WAIT").add(Check.notNegative("WAIT", "the replica count", replicas)).add(Check.blockMillis("WAIT", timeout)).timed(Replies.INTEGER, timeout);
  }
}
