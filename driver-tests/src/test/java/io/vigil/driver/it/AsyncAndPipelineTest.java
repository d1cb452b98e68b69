package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.Pipeline;
import io.vigil.driver.WrongTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class AsyncAndPipelineTest extends SharedServerTest {


  @Test
  void asyncCommandsCompleteInOrderWithTheirOwnResults() {
    List<CompletableFuture<Long>> increments = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      increments.add(client.async().incr("n").toCompletableFuture());
    }

    for (int i = 0; i < 1000; i++) {
      assertThat(increments.get(i).join()).isEqualTo(i + 1);
    }
  }

  @Test
  void asyncErrorsFailTheStageWithTheTypedException() {
    client.lpush("list", "x");

    CompletableFuture<String> get = client.async().get("list").toCompletableFuture();

    assertThatThrownBy(get::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WrongTypeException.class);
  }

  @Test
  void blockingCallInsideAnAsyncCallbackIsRefusedInsteadOfDeadlocking() {
    // The server sleeps so that the callback is attached before the reply: it then runs on the I/O thread.
    String refusal = client.async().execute("DEBUG", "SLEEP", "0.1").thenApply(ok -> {
      try {
        client.get("k");
        return "not refused";
      } catch (IllegalStateException e) {
        return e.getMessage();
      }
    }).toCompletableFuture().join();

    assertThat(refusal).contains("I/O thread").contains("async()");
  }

  @Test
  void pipelineSendsNothingUntilSyncThenCompletesEveryStage() {
    Pipeline<String, String> pipeline = client.pipeline();
    CompletionStage<String> set = pipeline.set("a", "1");
    CompletionStage<Long> incr = pipeline.incr("a");
    CompletionStage<String> get = pipeline.get("a");
    assertThat(pipeline.size()).isEqualTo(3);
    assertThat(client.exists("a")).isZero();

    pipeline.sync();

    assertThat(set.toCompletableFuture().join()).isEqualTo("OK");
    assertThat(incr.toCompletableFuture().join()).isEqualTo(2L);
    assertThat(get.toCompletableFuture().join()).isEqualTo("2");
    assertThat(pipeline.size()).isZero();
  }

  @Test
  void failingCommandInAPipelineFailsOnlyItsStage() {
    client.lpush("list", "x");
    Pipeline<String, String> pipeline = client.pipeline();
    CompletionStage<Long> bad = pipeline.incr("list");
    CompletionStage<Long> good = pipeline.incr("n");

    pipeline.sync();

    assertThat(bad.toCompletableFuture()).isCompletedExceptionally();
    assertThat(good.toCompletableFuture().join()).isEqualTo(1L);
  }

  @Test
  void binaryPipelineWorksLikeTheTextOne() {
    Pipeline<byte[], byte[]> pipeline = client.binary().pipeline();
    CompletionStage<byte[]> get = pipeline.get(new byte[] {1});
    pipeline.set(new byte[] {1}, new byte[] {2});
    CompletionStage<byte[]> after = pipeline.get(new byte[] {1});

    pipeline.sync();

    assertThat(get.toCompletableFuture().join()).isNull();
    assertThat(after.toCompletableFuture().join()).containsExactly(2);
  }
}
