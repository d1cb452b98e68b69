package io.vigil.driver.internal.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.vigil.driver.UnexpectedReplyException;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespAttribute;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespPush;
import io.vigil.resp.RespValue;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches replies to the commands in flight, first in first out, and routes push frames to the
 * connection's {@link PushListener}.
 *
 * <p>Pipeline position: last inbound handler, after the {@link io.vigil.resp.RespDecoder}. Every
 * method runs on the channel's event loop; the in-flight queue is confined to it. When the
 * channel closes, commands in flight fail with {@link io.vigil.driver.OutcomeUnknownException};
 * when the decoder reports garbage, the channel is closed with that cause.
 */
final class CommandHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
  private static final Set<String> PUBSUB_KINDS = Set.of(
      "message", "pmessage", "smessage", "subscribe", "unsubscribe", "psubscribe",
      "punsubscribe", "ssubscribe", "sunsubscribe");

  private final String node;
  /** Commands written and waiting for their reply. Event loop only. */
  private final ArrayDeque<Command> inFlight = new ArrayDeque<>();
  private volatile PushListener pushListener;
  /** Under RESP2, whether pub/sub arrays are pushes (the connection subscribed). Event loop only. */
  private boolean resp2Subscriber;
  /** Why the channel is closing, when it is our decision or a decoder error. Event loop only. */
  private Throwable closeCause;
  private boolean inactive;
  private Runnable onInactive = () -> {};

  CommandHandler(String node) {
    this.node = node;
  }

  /** Runs on the event loop once the channel is inactive and in-flight commands have failed. */
  void onInactive(Runnable callback) {
    this.onInactive = callback;
  }

  void pushListener(PushListener listener) {
    this.pushListener = listener;
  }

  /** Records a command just written. Event loop only. */
  void written(Command command) {
    command.markWritten();
    if (command.expectsReply()) {
      inFlight.add(command);
    }
  }

  /** Treat pub/sub arrays as pushes from now on (RESP2 subscriber mode). Event loop only. */
  void enterResp2Subscriber() {
    resp2Subscriber = true;
  }

  boolean isInactive() {
    return inactive;
  }

  /** The number of commands awaiting a reply. Event loop only. */
  int inFlightCount() {
    return inFlight.size();
  }

  /** Times out commands whose deadline passed; their replies, when they come, are discarded. */
  void expire(long now) {
    for (Command command : inFlight) {
      if (command.deadlineNanos() != Command.NO_DEADLINE && now - command.deadlineNanos() >= 0 && !command.isDone()) {
        command.completeExceptionally(Failures.timeout(command, node));
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    RespValue value = (RespValue) msg;
    if (value instanceof RespAttribute attribute) {
      value = attribute.value(); // attributes are hints; no command of ours asks for them
    }
    if (value instanceof RespPush push) {
      deliverPush(push.elements());
      return;
    }
    if (resp2Subscriber && value instanceof RespArray array && isPubSubArray(array)) {
      deliverPush(array.elements());
      return;
    }
    Command command = inFlight.poll();
    if (command == null) {
      closeCause = new UnexpectedReplyException(node + " sent a reply while no command was waiting: "
          + abbreviate(value), null);
      log.warn("Closing the connection to {}: {}", node, closeCause.getMessage());
      ctx.close();
      return;
    }
    command.complete(value); // false when it already timed out: the late reply is dropped
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (closeCause == null) {
      closeCause = cause;
    }
    if (cause instanceof DecoderException && cause.getCause() instanceof SSLHandshakeException) {
      // The connection factory reports a failed handshake with its fix; a warning here would
      // repeat it on every retry.
      log.debug("Closing the connection to {}: {}", node, cause.toString());
    } else {
      log.warn("Closing the connection to {}: {}", node, cause.toString());
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    inactive = true;
    Command command;
    while ((command = inFlight.poll()) != null) {
      command.completeExceptionally(Failures.outcomeUnknown(command, node, closeCause));
    }
    onInactive.run();
    PushListener listener = pushListener;
    if (listener != null) {
      listener.onClose(closeCause);
    }
    super.channelInactive(ctx);
  }

  Throwable closeCause() {
    return closeCause;
  }

  private void deliverPush(List<RespValue> frame) {
    PushListener listener = pushListener;
    if (listener == null) {
      log.debug("Dropping a push frame from {}: no listener", node);
      return;
    }
    try {
      listener.onPush(frame);
    } catch (RuntimeException e) {
      log.warn("A push listener on {} threw; the frame is dropped", node, e);
    }
  }

  private static boolean isPubSubArray(RespArray array) {
    return array.size() >= 3
        && array.get(0) instanceof RespBulkString kind
        && PUBSUB_KINDS.contains(kind.asString());
  }

  private static String abbreviate(RespValue value) {
    String s = value.toString();
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }
}
