package io.vigil.testkit.server.pubsub;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespPush;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.network.Connection;
import io.vigil.testkit.server.network.ConnectionKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Channels, patterns and their subscribers; delivers PUBLISH messages as Redis does (channel
 * subscribers first, then pattern subscribers, each in subscription order).
 *
 * <p>Messages are written as RESP3 push frames, which RESP2 clients receive as plain arrays.
 * Server thread only. Shared by the data server and a Sentinel.
 */
public final class PubSubHub {

  private static final RespBulkString MESSAGE = RespBulkString.of("message");
  private static final RespBulkString PMESSAGE = RespBulkString.of("pmessage");

  private final Map<Bytes, LinkedHashSet<Connection>> channels = new LinkedHashMap<>();
  private final Map<Bytes, LinkedHashSet<Connection>> patterns = new LinkedHashMap<>();
  private final Map<Connection, Subscriptions> byConnection = new HashMap<>();
  /** Hard output limit for subscribers, bytes; 0 = none ({@code client-output-buffer-limit pubsub}). */
  private long outputLimit;

  /** Sets the hard limit above which a subscriber that does not read is disconnected. */
  public void outputLimit(long bytes) {
    this.outputLimit = bytes;
  }

  private void deliver(Connection c, RespValue message) {
    c.write(message);
    if (outputLimit > 0 && c.outputBytes() > outputLimit) {
      c.close(); // Redis: "scheduled to be closed ASAP for overcoming of output buffer limits"
    }
  }

  /** A connection's channels and patterns, in subscription order. */
  public static final class Subscriptions {
    final LinkedHashSet<Bytes> channels = new LinkedHashSet<>();
    final LinkedHashSet<Bytes> patterns = new LinkedHashSet<>();

    /** The subscribed channels. */
    public Set<Bytes> channels() {
      return channels;
    }

    /** The subscribed patterns. */
    public Set<Bytes> patterns() {
      return patterns;
    }

    /** Channels plus patterns. */
    public int count() {
      return channels.size() + patterns.size();
    }
  }

  /** The subscriptions of {@code c} (empty when none). */
  public Subscriptions of(Connection c) {
    Subscriptions s = byConnection.get(c);
    return s == null ? new Subscriptions() : s;
  }

  /** Channels plus patterns {@code c} is subscribed to. */
  public int count(Connection c) {
    Subscriptions s = byConnection.get(c);
    return s == null ? 0 : s.count();
  }

  /** SUBSCRIBE: subscribes and writes the confirmation for each channel. */
  public void subscribe(Connection c, List<Bytes> names) {
    for (Bytes name : names) {
      Subscriptions s = byConnection.computeIfAbsent(c, k -> new Subscriptions());
      if (s.channels.add(name)) {
        channels.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(c);
      }
      c.write(reply("subscribe", name, s.count()));
    }
    updateKind(c);
  }

  /** PSUBSCRIBE. */
  public void psubscribe(Connection c, List<Bytes> names) {
    for (Bytes name : names) {
      Subscriptions s = byConnection.computeIfAbsent(c, k -> new Subscriptions());
      if (s.patterns.add(name)) {
        patterns.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(c);
      }
      c.write(reply("psubscribe", name, s.count()));
    }
    updateKind(c);
  }

  /** UNSUBSCRIBE (all channels when {@code names} is empty). */
  public void unsubscribe(Connection c, List<Bytes> names, boolean notify) {
    Subscriptions s = byConnection.get(c);
    List<Bytes> targets = names.isEmpty() && s != null ? new ArrayList<>(s.channels) : names;
    if (targets.isEmpty()) {
      if (notify) {
        c.write(reply("unsubscribe", null, count(c)));
      }
      return;
    }
    for (Bytes name : targets) {
      if (s != null && s.channels.remove(name)) {
        remove(channels, name, c);
      }
      if (notify) {
        c.write(reply("unsubscribe", name, count(c)));
      }
    }
    cleanup(c);
  }

  /** PUNSUBSCRIBE (all patterns when {@code names} is empty). */
  public void punsubscribe(Connection c, List<Bytes> names, boolean notify) {
    Subscriptions s = byConnection.get(c);
    List<Bytes> targets = names.isEmpty() && s != null ? new ArrayList<>(s.patterns) : names;
    if (targets.isEmpty()) {
      if (notify) {
        c.write(reply("punsubscribe", null, count(c)));
      }
      return;
    }
    for (Bytes name : targets) {
      if (s != null && s.patterns.remove(name)) {
        remove(patterns, name, c);
      }
      if (notify) {
        c.write(reply("punsubscribe", name, count(c)));
      }
    }
    cleanup(c);
  }

  /** Drops every subscription of {@code c} silently (disconnect, RESET). */
  public void removeAll(Connection c) {
    unsubscribe(c, List.of(), false);
    punsubscribe(c, List.of(), false);
    byConnection.remove(c);
    updateKind(c);
  }

  /** PUBLISH: delivers and returns the number of receivers. */
  public long publish(Bytes channel, byte[] message) {
    long receivers = 0;
    RespBulkString ch = RespBulkString.of(channel.bytes());
    RespBulkString msg = RespBulkString.of(message);
    LinkedHashSet<Connection> direct = channels.get(channel);
    if (direct != null) {
      RespPush push = new RespPush(List.of(MESSAGE, ch, msg));
      for (Connection c : new ArrayList<>(direct)) {
        deliver(c, push);
        receivers++;
      }
    }
    for (Map.Entry<Bytes, LinkedHashSet<Connection>> e : new ArrayList<>(patterns.entrySet())) {
      if (GlobMatcher.matches(e.getKey().bytes(), channel.bytes(), false)) {
        RespPush push = new RespPush(List.of(PMESSAGE, RespBulkString.of(e.getKey().bytes()), ch, msg));
        for (Connection c : new ArrayList<>(e.getValue())) {
          deliver(c, push);
          receivers++;
        }
      }
    }
    return receivers;
  }

  /** Active channels, optionally matching a glob (PUBSUB CHANNELS). */
  public List<Bytes> channels(byte[] pattern) {
    List<Bytes> out = new ArrayList<>();
    for (Bytes ch : channels.keySet()) {
      if (pattern == null || GlobMatcher.matches(pattern, ch.bytes(), false)) {
        out.add(ch);
      }
    }
    return out;
  }

  /** Subscribers of one channel (PUBSUB NUMSUB). */
  public int numsub(Bytes channel) {
    LinkedHashSet<Connection> s = channels.get(channel);
    return s == null ? 0 : s.size();
  }

  /** Number of patterns with subscribers (PUBSUB NUMPAT). */
  public int numpat() {
    return patterns.size();
  }

  /** Number of channels with subscribers. */
  public int channelCount() {
    return channels.size();
  }

  private static void remove(Map<Bytes, LinkedHashSet<Connection>> map, Bytes name, Connection c) {
    LinkedHashSet<Connection> set = map.get(name);
    if (set != null) {
      set.remove(c);
      if (set.isEmpty()) {
        map.remove(name);
      }
    }
  }

  private void cleanup(Connection c) {
    Subscriptions s = byConnection.get(c);
    if (s != null && s.count() == 0) {
      byConnection.remove(c);
    }
    updateKind(c);
  }

  private void updateKind(Connection c) {
    if (c.kind() == ConnectionKind.NORMAL || c.kind() == ConnectionKind.PUBSUB) {
      c.kind(count(c) > 0 ? ConnectionKind.PUBSUB : ConnectionKind.NORMAL);
    }
  }

  private static RespValue reply(String kind, Bytes name, int count) {
    return new RespPush(List.of(RespBulkString.of(kind),
        name == null ? io.vigil.resp.RespNull.BULK : RespBulkString.of(name.bytes()),
        RespInteger.of(count)));
  }
}
