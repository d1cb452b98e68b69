package io.vigil.driver.internal.command.replies;

import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.values.FunctionInfo;
import io.vigil.driver.values.FunctionStats;
import io.vigil.driver.values.LibraryInfo;
import io.vigil.resp.RespValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decoders of the scripting, function and pub/sub introspection replies, for RESP2 (flat arrays of
 * names and values) and RESP3 (maps).
 */
public final class ScriptReplies {

  private ScriptReplies() {}

  /** {@code SCRIPT EXISTS}: one boolean per SHA-1 asked about. */
  public static final ReplyDecoder<List<Boolean>> BOOLEANS = r -> {
    List<Boolean> out = new ArrayList<>();
    for (RespValue e : Replies.elements(r)) {
      out.add(Replies.BOOLEAN.decode(e));
    }
    return out;
  };

  /** A bulk string as raw bytes ({@code FUNCTION DUMP}); null stays null. */
  public static final ReplyDecoder<byte[]> BYTES = r -> r.isNull() ? null : Replies.bytes(r);

  /** {@code FUNCTION LIST}. */
  public static final ReplyDecoder<List<LibraryInfo>> LIBRARIES = r -> {
    List<LibraryInfo> out = new ArrayList<>();
    for (RespValue lib : Replies.elements(r)) {
      Map<String, RespValue> f = fields(lib);
      List<FunctionInfo> functions = new ArrayList<>();
      for (RespValue fn : Replies.elements(required(f, "functions", lib))) {
        Map<String, RespValue> g = fields(fn);
        RespValue description = g.get("description");
        functions.add(new FunctionInfo(Replies.text(required(g, "name", fn)),
            description == null || description.isNull() ? null : Replies.text(description),
            texts(g.get("flags"))));
      }
      RespValue code = f.get("library_code");
      out.add(new LibraryInfo(Replies.text(required(f, "library_name", lib)), Replies.text(required(f, "engine", lib)),
          functions, code == null || code.isNull() ? null : Replies.text(code)));
    }
    return out;
  };

  /** {@code FUNCTION STATS}. */
  public static final ReplyDecoder<FunctionStats> STATS = r -> {
    Map<String, RespValue> f = fields(r);
    FunctionStats.Running running = null;
    RespValue script = f.get("running_script");
    if (script != null && !script.isNull()) {
      Map<String, RespValue> s = fields(script);
      List<String> command = new ArrayList<>();
      for (RespValue part : Replies.elements(required(s, "command", script))) {
        command.add(Replies.text(part));
      }
      running = new FunctionStats.Running(Replies.text(required(s, "name", script)), command,
          Duration.ofMillis(Replies.integer(required(s, "duration_ms", script))));
    }
    Map<String, FunctionStats.Engine> engines = new LinkedHashMap<>();
    RespValue all = f.get("engines");
    if (all != null && !all.isNull()) {
      List<RespValue> flat = Replies.elements(all);
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        Map<String, RespValue> e = fields(flat.get(i + 1));
        engines.put(Replies.text(flat.get(i)), new FunctionStats.Engine(
            Replies.integer(required(e, "libraries_count", flat.get(i + 1))),
            Replies.integer(required(e, "functions_count", flat.get(i + 1)))));
      }
    }
    return new FunctionStats(running, engines);
  };

  /** {@code PUBSUB NUMSUB} / {@code SHARDNUMSUB}: channel to subscriber count, in reply order. */
  public static <K> ReplyDecoder<Map<K, Long>> counts(RedisCodec<K, ?> codec) {
    return r -> {
      List<RespValue> flat = Replies.elements(r);
      Map<K, Long> out = new LinkedHashMap<>();
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        out.put(codec.decodeKey(Replies.bytes(flat.get(i))), Replies.integer(flat.get(i + 1)));
      }
      return out;
    };
  }

  /** Name-value pairs of a RESP3 map or a flat RESP2 array, by name. */
  static Map<String, RespValue> fields(RespValue r) {
    List<RespValue> flat = Replies.elements(r);
    if (flat.size() % 2 != 0) {
      throw new UnexpectedReplyException("expected name-value pairs but the server replied " + r, null);
    }
    Map<String, RespValue> out = new LinkedHashMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      out.put(Replies.text(flat.get(i)), flat.get(i + 1));
    }
    return out;
  }

  private static RespValue required(Map<String, RespValue> fields, String name, RespValue whole) {
    RespValue v = fields.get(name);
    if (v == null) {
      throw new UnexpectedReplyException("expected a '" + name + "' field but the server replied " + whole, null);
    }
    return v;
  }

  private static Set<String> texts(RespValue r) {
    Set<String> out = new LinkedHashSet<>();
    if (r != null && !r.isNull()) {
      for (RespValue e : Replies.elements(r)) {
        out.add(Replies.text(e));
      }
    }
    return out;
  }
}
