package io.vigil.driver.internal.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.Endpoint;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.ConnectionFactory;
import io.vigil.driver.internal.connection.ConnectionSettings;
import io.vigil.driver.internal.connection.Transport;
import io.vigil.driver.internal.pool.Backoff;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.driver.internal.pool.PoolSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MasterGateTest {

  private final Transport transport = Transport.create(1);
  private final AtomicLong now = new AtomicLong();
  private final NodePool pool = new NodePool(Endpoint.of("127.0.0.1", 6379),
      new ConnectionFactory(transport, ConnectionSettings.defaults()), transport.group(), PoolSettings.defaults(),
      new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1)), c -> {});

  @AfterEach
  void stop() {
    transport.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private MasterGate gate(int capacity) {
    return new MasterGate(capacity, transport.group(), now::get, () -> "master 'm' at 10.0.0.1:6379 was lost");
  }

  @Test
  void openGateHandsOutThePoolAtOnce() {
    MasterGate gate = gate(10);
    gate.open(pool);
    assertThat(gate.await(Command.NO_DEADLINE, "GET").getNow(null)).isSameAs(pool);
    assertThat(gate.whyClosed()).isEmpty();
  }

  @Test
  void waitersAreReleasedWhenTheGateOpens() {
    MasterGate gate = gate(10);
    CompletableFuture<NodePool> first = gate.await(Command.NO_DEADLINE, "SET");
    CompletableFuture<NodePool> second = gate.await(Command.NO_DEADLINE, "GET");
    assertThat(gate.waiting()).isEqualTo(2);
    assertThat(first).isNotDone();
    gate.open(pool);
    assertThat(first.getNow(null)).isSameAs(pool);
    assertThat(second.getNow(null)).isSameAs(pool);
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void fullWaitingRoomRefusesAtOnceNamingTheSetting() {
    MasterGate gate = gate(1);
    gate.await(Command.NO_DEADLINE, "SET");
    CompletableFuture<NodePool> refused = gate.await(Command.NO_DEADLINE, "GET");
    assertThat(refused).isCompletedExceptionally();
    assertThat(cause(refused)).isInstanceOf(CommandNotSentException.class)
        .hasMessageContaining("failoverQueueSize").hasMessageContaining("was lost");
  }

  @Test
  void deadlineFailsTheWaiterWithTheReason() {
    MasterGate gate = gate(10);
    CompletableFuture<NodePool> waiting = gate.await(now.get() + 1, "SET"); // due at once
    assertThat(cause(waiting)).isInstanceOf(CommandNotSentException.class)
        .hasMessageContaining("SET was not sent within its deadline: master 'm' at 10.0.0.1:6379 was lost");
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void shutdownFailsEveryWaiter() {
    MasterGate gate = gate(10);
    CompletableFuture<NodePool> waiting = gate.await(Command.NO_DEADLINE, "SET");
    gate.shutdown();
    assertThat(cause(waiting)).isInstanceOf(CommandNotSentException.class).hasMessageContaining("closed");
  }

  private static Throwable cause(CompletableFuture<?> f) {
    try {
      f.get(5, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
