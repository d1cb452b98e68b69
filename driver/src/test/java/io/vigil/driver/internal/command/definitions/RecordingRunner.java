package io.vigil.driver.internal.command.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisAsyncCommands;
import io.vigil.driver.RedisCommands;
import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.codec.StringCodec;
import io.vigil.driver.internal.client.AsyncCommands;
import io.vigil.driver.internal.client.CommandRunner;
import io.vigil.driver.internal.client.SyncCommands;
import io.vigil.driver.internal.command.CommandBuilder;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A command runner that records what the typed views send and answers every command with one
 * reply: so a test sees a command's exact wire form, or that bad input sent nothing at all.
 */
final class RecordingRunner implements CommandRunner {

  private final List<List<String>> sent = new ArrayList<>();
  private RespValue reply;

  /** Answers every command with {@code reply}. */
  RecordingRunner(RespValue reply) {
    this.reply = reply;
  }

  @Override
  public synchronized CompletableFuture<RespValue> send(byte[][] args, long timeoutNanos, boolean blocking) {
    sent.add(Arrays.stream(args).map(a -> new String(a, StandardCharsets.UTF_8)).toList());
    return CompletableFuture.completedFuture(reply);
  }

  @Override
  public String node() {
    return "127.0.0.1:0";
  }

  synchronized void answer(RespValue next) {
    reply = next;
  }

  synchronized List<List<String>> sent() {
    return List.copyOf(sent);
  }

  /** The blocking view over this runner. */
  RedisCommands<String, String> sync() {
    return new SyncCommands<>(this, builder(), 1_000_000_000L);
  }

  /** The async view over this runner. */
  RedisAsyncCommands<String, String> async() {
    return new AsyncCommands<>(this, builder(), 1_000_000_000L);
  }

  /** The words of the one command {@code call} sent through the blocking view. */
  List<String> wire(Consumer<RedisCommands<String, String>> call) {
    int before = sent().size();
    try {
      call.accept(sync());
    } catch (UnexpectedReplyException e) {
      // the canned reply need not fit the command: only what was sent matters here
    }
    List<List<String>> all = sent();
    assertThat(all).hasSize(before + 1);
    return all.get(before);
  }

  /**
   * Asserts that {@code call}, through the blocking and the async view, throws {@link
   * IllegalArgumentException} with every one of {@code fragments} in its message, and sends
   * nothing.
   */
  void assertRejected(Consumer<RedisCommands<String, String>> blocking,
      Consumer<RedisAsyncCommands<String, String>> async, String... fragments) {
    int before = sent().size();
    assertThatThrownBy(() -> blocking.accept(sync())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(fragments);
    assertThatThrownBy(() -> async.accept(async())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(fragments);
    assertThat(sent()).as("commands sent").hasSize(before);
  }

  private static CommandBuilder<String, String> builder() {
    return new CommandBuilder<>(StringCodec.UTF8, new CommandTable());
  }
}
