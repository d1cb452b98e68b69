package io.vigil.driver.internal.topology;

import io.vigil.driver.Endpoint;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Connection;
import io.vigil.driver.internal.connection.ConnectionFactory;
import io.vigil.driver.internal.connection.PushListener;
import io.vigil.driver.internal.pool.Backoff;
import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one subscription per sentinel to the events that matter for failover, and hands each
 * event to a callback. A subscription whose link drops is opened again with backoff.
 *
 * <p>Thread-safe; nothing blocks. Events arrive on I/O threads.
 */
public final class SentinelWatcher implements AutoCloseable {

  /** The channels subscribed on every sentinel. */
  static final List<String> CHANNELS = List.of("+switch-master", "+sdown", "-sdown", "+odown", "-odown",
      "+slave", "+convert-to-slave", "+reboot", "+failover-end", "+sentinel", "-failover-abort-not-elected",
      "-failover-abort-no-good-slave", "-failover-abort-slave-timeout", "-failover-abort-master-timeout");

  /** Receives events: the sentinel, the channel, the payload. */
  @FunctionalInterface
  public interface EventSink {
    void event(Endpoint sentinel, String type, String payload);
  }

  private static final Logger log = LoggerFactory.getLogger(SentinelWatcher.class);

  private final ConnectionFactory factory;
  private final ScheduledExecutorService timers;
  private final Backoff backoff;
  private final EventSink sink;
  private final Map<Endpoint, Watch> watches = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public SentinelWatcher(ConnectionFactory factory, ScheduledExecutorService timers, Backoff backoff, EventSink sink) {
    this.factory = factory;
    this.timers = timers;
    this.backoff = backoff;
    this.sink = sink;
  }

  /** Starts watching {@code sentinel} unless it is watched already. */
  public void watch(Endpoint sentinel) {
    if (closed) {
      return;
    }
    watches.computeIfAbsent(sentinel, s -> {
      Watch w = new Watch(s);
      w.connect(0);
      return w;
    });
  }

  /** How many sentinels have a live subscription. */
  public int subscribed() {
    return (int) watches.values().stream().filter(w -> w.connection != null && w.connection.isActive()).count();
  }

  @Override
  public void close() {
    closed = true;
    watches.values().forEach(Watch::close);
  }

  private final class Watch implements PushListener {
    private final Endpoint sentinel;
    private volatile Connection connection;

    Watch(Endpoint sentinel) {
      this.sentinel = sentinel;
    }

    void connect(int attempt) {
      if (closed) {
        return;
      }
      factory.connect(sentinel).whenComplete((c, error) -> {
        if (error != null) {
          if (attempt == 0 || attempt % 20 == 0) {
            log.warn("Cannot subscribe to sentinel {} (attempt {}): {}", sentinel, attempt + 1,
                error.getCause() != null ? error.getCause().getMessage() : error.getMessage());
          }
          retry(attempt + 1);
          return;
        }
        if (closed) {
          c.close();
          return;
        }
        connection = c;
        c.pushListener(this);
        c.enterSubscriberMode();
        byte[][] args = new byte[CHANNELS.size() + 1][];
        args[0] = "SUBSCRIBE".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < CHANNELS.size(); i++) {
          args[i + 1] = CHANNELS.get(i).getBytes(StandardCharsets.US_ASCII);
        }
        c.submit(Command.withoutReply(args));
        log.debug("Subscribed to the events of sentinel {}", sentinel);
      });
    }

    private void retry(int attempt) {
      try {
        timers.schedule(() -> connect(attempt), backoff.delay(attempt - 1).toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        log.debug("Not resubscribing to sentinel {}: the client is closed", sentinel);
      }
    }

    @Override
    public void onPush(List<RespValue> frame) {
      if (frame.size() >= 3 && "message".equals(Replies.text(frame.get(0)))) {
        String channel = new String(Replies.bytes(frame.get(1)), StandardCharsets.UTF_8);
        String payload = new String(Replies.bytes(frame.get(2)), StandardCharsets.UTF_8);
        sink.event(sentinel, channel, payload);
      }
    }

    @Override
    public void onClose(Throwable cause) {
      connection = null;
      if (!closed) {
        log.warn("Lost the event subscription to sentinel {}; subscribing again", sentinel);
        retry(1);
      }
    }

    void close() {
      Connection c = connection;
      if (c != null) {
        c.close();
      }
    }
  }
}
