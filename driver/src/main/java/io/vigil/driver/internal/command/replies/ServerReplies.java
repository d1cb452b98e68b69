package io.vigil.driver.internal.command.replies;

import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.values.ClientInfo;
import io.vigil.driver.values.LatencyEvent;
import io.vigil.driver.values.LatencySample;
import io.vigil.driver.values.SlowLogEntry;
import io.vigil.resp.RespValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoders of the server and connection commands' replies, RESP2 and RESP3 shapes ({@code CLIENT
 * LIST} is a bulk string under RESP2 and a verbatim string under RESP3, {@code CONFIG GET} a flat
 * array or a map).
 */
public final class ServerReplies {

  private ServerReplies() {}

  /** {@code CLIENT LIST}: one line of {@code name=value} fields per connection. */
  public static final ReplyDecoder<List<ClientInfo>> CLIENT_LIST = r -> {
    List<ClientInfo> out = new ArrayList<>();
    for (String line : Replies.text(r).split("\n")) {
      if (!line.isBlank()) {
        out.add(clientInfo(line.strip()));
      }
    }
    return Collections.unmodifiableList(out);
  };

  /** {@code CLIENT INFO}: one line of {@code name=value} fields. */
  public static final ReplyDecoder<ClientInfo> CLIENT_INFO = r -> clientInfo(Replies.text(r).strip());

  /** {@code CONFIG GET}: parameter names and values, in reply order. */
  public static final ReplyDecoder<Map<String, String>> CONFIG = r -> {
    Map<String, String> out = new LinkedHashMap<>();
    Shapes.fields(r, "CONFIG GET's names and values").forEach((k, v) -> out.put(k, Replies.text(v)));
    return Collections.unmodifiableMap(out);
  };

  /** {@code TIME}: {@code [seconds, microseconds]} as an instant. */
  public static final ReplyDecoder<Instant> TIME = r -> {
    List<RespValue> parts = Shapes.tuple(r, 2, "TIME's [seconds, microseconds]");
    return Instant.ofEpochSecond(Replies.integer(parts.get(0)), Replies.integer(parts.get(1)) * 1000);
  };

  /** An integer of Unix seconds as an instant ({@code LASTSAVE}). */
  public static final ReplyDecoder<Instant> UNIX_SECONDS = r -> Instant.ofEpochSecond(Replies.integer(r));

  /** {@code SLOWLOG GET}: {@code [id, unix time, microseconds, [args], client address, client name]}. */
  public static final ReplyDecoder<List<SlowLogEntry>> SLOWLOG = r -> {
    List<SlowLogEntry> out = new ArrayList<>();
    for (RespValue e : Replies.elements(r)) {
      List<RespValue> parts = Replies.elements(e);
      if (parts.size() < 4) {
        throw Shapes.unexpected("a slow log entry [id, time, duration, args, address, name]", e);
      }
      List<String> args = new ArrayList<>();
      for (RespValue a : Replies.elements(parts.get(3))) {
        args.add(Replies.text(a));
      }
      // Entries written before Redis 4.0 had no client fields.
      String address = parts.size() > 4 ? Replies.text(parts.get(4)) : "";
      String name = parts.size() > 5 ? Replies.text(parts.get(5)) : "";
      out.add(new SlowLogEntry(Replies.integer(parts.get(0)), Instant.ofEpochSecond(Replies.integer(parts.get(1))),
          Duration.ofNanos(Replies.integer(parts.get(2)) * 1000), args, address, name));
    }
    return Collections.unmodifiableList(out);
  };

  /** {@code LATENCY LATEST}: {@code [event, unix time, latest ms, max ms]} per event. */
  public static final ReplyDecoder<List<LatencyEvent>> LATENCY_LATEST = r -> {
    List<LatencyEvent> out = new ArrayList<>();
    for (RespValue e : Replies.elements(r)) {
      List<RespValue> parts = Shapes.tuple(e, 4, "a latency event [event, time, latest, max]");
      out.add(new LatencyEvent(Replies.text(parts.get(0)), Instant.ofEpochSecond(Replies.integer(parts.get(1))),
          Duration.ofMillis(Replies.integer(parts.get(2))), Duration.ofMillis(Replies.integer(parts.get(3)))));
    }
    return Collections.unmodifiableList(out);
  };

  /** {@code LATENCY HISTORY}: {@code [unix time, ms]} per spike, oldest first. */
  public static final ReplyDecoder<List<LatencySample>> LATENCY_HISTORY = r -> {
    List<LatencySample> out = new ArrayList<>();
    for (RespValue e : Replies.elements(r)) {
      List<RespValue> parts = Shapes.tuple(e, 2, "a latency sample [time, latency]");
      out.add(new LatencySample(Instant.ofEpochSecond(Replies.integer(parts.get(0))),
          Duration.ofMillis(Replies.integer(parts.get(1)))));
    }
    return Collections.unmodifiableList(out);
  };

  /**
   * One line of {@code CLIENT LIST}: space-separated {@code name=value} fields. Values hold no
   * spaces (Redis refuses names with them); a field the server does not write gets a neutral value.
   */
  static ClientInfo clientInfo(String line) {
    Map<String, String> f = new LinkedHashMap<>();
    for (String field : line.split(" ")) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        f.put(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    return new ClientInfo(number(f, "id", -1), f.getOrDefault("addr", ""), f.get("laddr"), f.getOrDefault("name", ""),
        Duration.ofSeconds(number(f, "age", 0)), Duration.ofSeconds(number(f, "idle", 0)), f.getOrDefault("flags", ""),
        (int) number(f, "db", 0), f.getOrDefault("cmd", ""), f.get("user"), (int) number(f, "resp", 0), f);
  }

  private static long number(Map<String, String> fields, String name, long absent) {
    String v = fields.get(name);
    if (v == null) {
      return absent;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UnexpectedReplyException("expected a number in CLIENT LIST's field " + name
          + " but got " + v, e);
    }
  }
}
