package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisServerException;
import io.vigil.driver.Transaction;
import io.vigil.driver.TransactionAbortedException;
import io.vigil.driver.TransactionResult;
import io.vigil.driver.WrongTypeException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TransactionTest extends SharedServerTest {


  @Test
  void execAppliesQueuedCommandsAndCompletesTheirStages() {
    AtomicReference<CompletionStage<Long>> incr = new AtomicReference<>();
    TransactionResult result;
    try (Transaction<String, String> tx = client.transaction()) {
      result = tx.exec(q -> {
        q.set("a", "1");
        incr.set(q.incr("a"));
        q.get("a");
      });
    }

    assertThat(result.committed()).isTrue();
    assertThat(result.results()).containsExactly("OK", 2L, "2");
    assertThat(incr.get().toCompletableFuture().join()).isEqualTo(2L);
  }

  @Test
  void watchedKeyChangedByAnotherClientAbortsTheTransaction() {
    client.set("balance", "100");
    AtomicReference<CompletionStage<String>> set = new AtomicReference<>();
    try (Transaction<String, String> tx = client.transaction()) {
      tx.watch("balance");
      long balance = Long.parseLong(tx.commands().get("balance"));
      client.set("balance", "0"); // a concurrent writer

      TransactionResult result = tx.exec(q -> set.set(q.set("balance", Long.toString(balance - 10))));

      assertThat(result.committed()).isFalse();
    }
    assertThat(client.get("balance")).isEqualTo("0");
    assertThatThrownBy(() -> set.get().toCompletableFuture().join())
        .hasCauseInstanceOf(TransactionAbortedException.class);
  }

  @Test
  void watchedKeyLeftAloneCommits() {
    client.set("balance", "100");
    try (Transaction<String, String> tx = client.transaction()) {
      tx.watch("balance");
      long balance = Long.parseLong(tx.commands().get("balance"));

      TransactionResult result = tx.exec(q -> q.set("balance", Long.toString(balance - 10)));

      assertThat(result.committed()).isTrue();
    }
    assertThat(client.get("balance")).isEqualTo("90");
  }

  @Test
  void runtimeErrorFailsOnlyItsOwnCommand() {
    client.lpush("list", "x");
    TransactionResult result;
    try (Transaction<String, String> tx = client.transaction()) {
      result = tx.exec(q -> {
        q.set("ok", "1");
        q.incr("list");
      });
    }

    assertThat(result.committed()).isTrue();
    assertThat(result.get(0)).isEqualTo("OK");
    assertThat(result.get(1)).isInstanceOf(WrongTypeException.class);
    assertThat(client.get("ok")).isEqualTo("1");
  }

  @Test
  void commandRefusedWhileQueueingAbortsEverything() {
    try (Transaction<String, String> tx = client.transaction()) {
      assertThatThrownBy(() -> tx.exec(q -> {
        q.set("a", "1");
        q.execute("NOSUCHCOMMAND");
      })).isInstanceOf(RedisServerException.class).hasMessageContaining("EXECABORT");
    }
    assertThat(client.exists("a")).isZero();
  }

  @Test
  void unwatchForgetsWatchedKeys() {
    client.set("k", "1");
    try (Transaction<String, String> tx = client.transaction()) {
      tx.watch("k");
      tx.unwatch();
      client.set("k", "2");

      assertThat(tx.exec(q -> q.set("k", "3")).committed()).isTrue();
    }
    assertThat(client.get("k")).isEqualTo("3");
  }

  @Test
  void multiOnTheSharedConnectionIsRefusedWithAPointerToTransactions() {
    assertThatThrownBy(() -> client.execute("MULTI"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transaction()");
  }
}
