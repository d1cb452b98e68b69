package io.vigil.driver.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.CommandTimeoutException;
import io.vigil.driver.OutcomeUnknownException;
import io.vigil.driver.UnexpectedReplyException;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespProtocolException;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTest {

  private final EmbeddedConnection c = new EmbeddedConnection();

  @AfterEach
  void close() {
    c.channel.finishAndReleaseAll();
  }

  @Test
  void commandsQueuedInOneTurnAreWrittenWithOneFlush() {
    c.send(0, "SET", "a", "1");
    c.send(0, "GET", "a");
    c.send(0, "INCR", "n");

    List<String> writes = c.written();

    assertThat(writes).containsExactly(
        "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n");
  }

  @Test
  void repliesAreMatchedToCommandsInOrder() {
    Command set = c.send(0, "SET", "a", "1");
    Command get = c.send(0, "GET", "a");
    Command incr = c.send(0, "INCR", "n");
    c.written();

    c.reply("+OK\r\n$1\r\n1\r\n:7\r\n");

    assertThat(set.join()).isEqualTo(RespSimpleString.OK);
    assertThat(get.join()).isEqualTo(RespBulkString.of("1"));
    assertThat(incr.join()).isEqualTo(RespInteger.of(7));
  }

  @Test
  void aReplySplitAcrossReadsCompletesOnlyWhenWhole() {
    Command get = c.send(0, "GET", "a");
    c.written();

    c.reply("$5\r\nhel");
    assertThat(get).isNotDone();
    c.reply("lo\r\n");

    assertThat(get.join()).isEqualTo(RespBulkString.of("hello"));
  }

  @Test
  void commandInFlightWhenTheConnectionDiesHasAnUnknownOutcome() {
    Command written = c.send(0, "INCR", "n");
    c.written();

    c.channel.close();
    c.channel.runPendingTasks();

    assertThatThrownBy(written::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("INCR was written to 127.0.0.1:6379")
        .hasMessageContaining("may or may not have applied it");
    assertThat(c.connection.closeFuture()).isDone();
  }

  @Test
  void commandQueuedButNotWrittenWhenTheConnectionDiesWasNotSent() {
    Command queued = c.send(0, "INCR", "n");

    c.channel.unsafe().close(c.channel.voidPromise()); // before the drain task runs
    c.channel.runPendingTasks();

    assertThatThrownBy(queued::join).cause().isInstanceOf(CommandNotSentException.class)
        .hasMessageContaining("INCR was not sent to 127.0.0.1:6379");
  }

  @Test
  void commandSubmittedAfterCloseFailsAtOnceAsNotSent() {
    c.channel.close();
    c.channel.runPendingTasks();

    Command late = c.send(0, "GET", "a");

    assertThat(late).isCompletedExceptionally();
    assertThatThrownBy(late::join).cause().isInstanceOf(CommandNotSentException.class);
  }

  @Test
  void commandPastItsDeadlineTimesOutAndItsLateReplyIsDiscarded() {
    long timeout = TimeUnit.MILLISECONDS.toNanos(100);
    Command slow = c.send(timeout, "DEBUG", "SLEEP", "1");
    c.written();

    c.now.addAndGet(timeout - 1);
    c.handler.expire(c.now.get());
    assertThat(slow).isNotDone();
    c.now.addAndGet(1);
    c.handler.expire(c.now.get());

    assertThatThrownBy(slow::join).cause().isInstanceOf(CommandTimeoutException.class)
        .hasMessageContaining("DEBUG on 127.0.0.1:6379 got no reply within 100 ms")
        .satisfies(e -> assertThat(((CommandTimeoutException) e).written()).isTrue());

    Command next = c.send(timeout, "GET", "a");
    c.written();
    c.reply("+OK\r\n$1\r\nx\r\n"); // the late reply to DEBUG, then GET's
    assertThat(next.join()).isEqualTo(RespBulkString.of("x"));
  }

  @Test
  void commandTimedOutBeforeItWasWrittenIsNeverWritten() {
    Command queued = c.send(0, "GET", "a");
    queued.completeExceptionally(new CommandTimeoutException("gave up", false));

    assertThat(c.written()).isEmpty();
  }

  @Test
  void pushFramesGoToTheListenerAndDoNotConsumeAReply() {
    List<List<RespValue>> pushes = new ArrayList<>();
    c.connection.pushListener(pushes::add);
    Command get = c.send(0, "GET", "a");
    c.written();

    c.reply(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n$1\r\nv\r\n");

    assertThat(pushes).hasSize(1);
    assertThat(pushes.get(0).get(2)).isEqualTo(RespBulkString.of("hi"));
    assertThat(get.join()).isEqualTo(RespBulkString.of("v"));
  }

  @Test
  void resp2PubSubArraysArePushesOnlyInSubscriberMode() {
    List<List<RespValue>> pushes = new ArrayList<>();
    c.connection.pushListener(pushes::add);
    c.connection.enterSubscriberMode();
    c.written();

    c.reply("*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n");

    assertThat(pushes).hasSize(1);
    assertThat(c.channel.isActive()).isTrue();
  }

  @Test
  void invalidBytesCloseTheConnectionAndFailCommandsInFlightWithTheReason() {
    Command get = c.send(0, "GET", "a");
    c.written();

    c.reply("?what\r\n");
    c.channel.runPendingTasks();

    assertThat(c.channel.isActive()).isFalse();
    assertThatThrownBy(get::join).cause().isInstanceOf(OutcomeUnknownException.class)
        .hasRootCauseInstanceOf(RespProtocolException.class)
        .hasMessageContaining("unknown RESP type byte");
  }

  @Test
  void aReplyWithNoCommandWaitingClosesTheConnection() {
    c.reply("+OK\r\n");
    c.channel.runPendingTasks();

    assertThat(c.channel.isActive()).isFalse();
    assertThat(c.handler.closeCause()).isInstanceOf(UnexpectedReplyException.class)
        .hasMessageContaining("sent a reply while no command was waiting");
  }

  @Test
  void commandsWithoutReplyCompleteOnceWritten() {
    Command subscribe = c.connection.submit(Command.withoutReply(new byte[][] {"SUBSCRIBE".getBytes(), "ch".getBytes()}));
    Command get = c.send(0, "GET", "a");
    c.written();

    assertThat(subscribe).isCompleted();
    c.reply("$1\r\nv\r\n");
    assertThat(get.join()).isEqualTo(RespBulkString.of("v"));
  }

  @Test
  void nullArgumentIsRejectedBeforeItCanCorruptABatch() {
    assertThatThrownBy(() -> Command.of(new byte[][] {"GET".getBytes(), null}, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 1");
  }
}
