package io.vigil.driver.internal.command;

import io.vigil.driver.values.KeyValue;
import io.vigil.driver.values.Role;
import io.vigil.driver.values.ScanPage;
import io.vigil.driver.values.ScoredValue;
import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.codec.RedisCodec;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBigNumber;
import io.vigil.resp.RespBoolean;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespDouble;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespPush;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVerbatimString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decoders from raw replies to Java results, tolerant of both protocol versions: RESP3 maps,
 * sets, doubles and booleans, and their RESP2 spellings (flat arrays, bulk strings, integers).
 */
public final class Replies {

  private Replies() {}

  /** A status reply ({@code +OK}) or bulk text, as a string. */
  public static final ReplyDecoder<String> STATUS = Replies::text;

  /** An integer. */
  public static final ReplyDecoder<Long> INTEGER = Replies::integer;

  /** An integer that may be null ({@code ZRANK} of a missing member). */
  public static final ReplyDecoder<Long> NULLABLE_INTEGER = r -> r.isNull() ? null : integer(r);

  /** An integer or RESP3 boolean read as a boolean (1 is true). */
  public static final ReplyDecoder<Boolean> BOOLEAN = r -> {
    if (r instanceof RespBoolean b) {
      return b.value();
    }
    return integer(r) == 1;
  };

  /** {@code +OK} is true, a null (a condition not met, as {@code SET NX}) false. */
  public static final ReplyDecoder<Boolean> OK_OR_NULL = r -> !r.isNull();

  /** A double from a RESP3 double or a bulk string; null stays null. */
  public static final ReplyDecoder<Double> DOUBLE = Replies::nullableDouble;

  /** Text from a bulk, verbatim or simple string (INFO is verbatim under RESP3). */
  public static final ReplyDecoder<String> TEXT = r -> r.isNull() ? null : text(r);

  /** The raw reply. */
  public static final ReplyDecoder<RespValue> RAW = r -> r;

  /** {@code ROLE}. */
  public static final ReplyDecoder<Role> ROLE = Replies::role;

  /** A bulk string as a value, null for a null. */
  public static <V> ReplyDecoder<V> value(RedisCodec<?, V> codec) {
    return r -> r.isNull() ? null : codec.decodeValue(bytes(r));
  }

  /** Values of an array or set, nulls kept. */
  public static <V> ReplyDecoder<List<V>> values(RedisCodec<?, V> codec) {
    return r -> {
      List<RespValue> elements = elements(r);
      List<V> out = new ArrayList<>(elements.size());
      for (RespValue e : elements) {
        out.add(e.isNull() ? null : codec.decodeValue(bytes(e)));
      }
      return out;
    };
  }

  /** Keys of an array or set. */
  public static <K> ReplyDecoder<List<K>> keys(RedisCodec<K, ?> codec) {
    return r -> {
      List<RespValue> elements = elements(r);
      List<K> out = new ArrayList<>(elements.size());
      for (RespValue e : elements) {
        out.add(codec.decodeKey(bytes(e)));
      }
      return out;
    };
  }

  /** Members of a set (RESP3) or array (RESP2), in reply order. */
  public static <V> ReplyDecoder<Set<V>> valueSet(RedisCodec<?, V> codec) {
    return r -> {
      List<RespValue> elements = elements(r);
      Set<V> out = new LinkedHashSet<>(elements.size() * 2);
      for (RespValue e : elements) {
        out.add(codec.decodeValue(bytes(e)));
      }
      return out;
    };
  }

  /** A map (RESP3) or flat array of fields and values (RESP2), in reply order. */
  public static <K, V> ReplyDecoder<Map<K, V>> map(RedisCodec<K, V> codec) {
    return r -> {
      List<RespValue> flat = r instanceof RespMap m ? m.keysAndValues() : elements(r);
      if (flat.size() % 2 != 0) {
        throw unexpected("an even number of elements", r);
      }
      Map<K, V> out = new LinkedHashMap<>(flat.size());
      for (int i = 0; i < flat.size(); i += 2) {
        out.put(codec.decodeKey(bytes(flat.get(i))), codec.decodeValue(bytes(flat.get(i + 1))));
      }
      return out;
    };
  }

  /** {@code WITHSCORES}: pairs (RESP3) or a flat array of member, score (RESP2). */
  public static <V> ReplyDecoder<List<ScoredValue<V>>> scoredValues(RedisCodec<?, V> codec) {
    return r -> {
      List<RespValue> elements = elements(r);
      List<ScoredValue<V>> out = new ArrayList<>();
      if (!elements.isEmpty() && elements.get(0) instanceof RespArray) {
        for (RespValue e : elements) {
          List<RespValue> pair = elements(e);
          out.add(new ScoredValue<>(nullableDouble(pair.get(1)), codec.decodeValue(bytes(pair.get(0)))));
        }
        return out;
      }
      for (int i = 0; i + 1 < elements.size(); i += 2) {
        out.add(new ScoredValue<>(nullableDouble(elements.get(i + 1)), codec.decodeValue(bytes(elements.get(i)))));
      }
      return out;
    };
  }

  /** A blocking pop: {@code [key, value]}, or null when it timed out. */
  public static <K, V> ReplyDecoder<KeyValue<K, V>> keyValue(RedisCodec<K, V> codec) {
    return r -> {
      if (r.isNull()) {
        return null;
      }
      List<RespValue> pair = elements(r);
      if (pair.size() != 2) {
        throw unexpected("a [key, value] pair", r);
      }
      return new KeyValue<>(codec.decodeKey(bytes(pair.get(0))), codec.decodeValue(bytes(pair.get(1))));
    };
  }

  /** {@code SCAN}: {@code [cursor, [keys...]]}. */
  public static <K> ReplyDecoder<ScanPage<K>> scanPage(RedisCodec<K, ?> codec) {
    return r -> {
      List<RespValue> parts = elements(r);
      if (parts.size() != 2) {
        throw unexpected("[cursor, keys]", r);
      }
      return new ScanPage<>(text(parts.get(0)), keys(codec).decode(parts.get(1)));
    };
  }

  /**
   * A script's result as plain Java: bulk strings as values, integers as {@code Long}, status
   * as {@code String}, arrays as {@code List}, nulls as null, errors inside arrays as the
   * {@link RespError} itself.
   */
  public static <V> ReplyDecoder<Object> object(RedisCodec<?, V> codec) {
    return new ReplyDecoder<>() {
      @Override
      public Object decode(RespValue r) {
        if (r.isNull()) {
          return null;
        }
        if (r instanceof RespBulkString b) {
          return codec.decodeValue(b.bytes());
        }
        if (r instanceof RespInteger i) {
          return i.value();
        }
        if (r instanceof RespSimpleString s) {
          return s.value();
        }
        if (r instanceof RespDouble d) {
          return d.value();
        }
        if (r instanceof RespBoolean b) {
          return b.value();
        }
        if (r instanceof RespVerbatimString v) {
          return v.asString();
        }
        if (r instanceof RespBigNumber n) {
          return n.value();
        }
        if (r instanceof RespMap m) {
          Map<Object, Object> out = new LinkedHashMap<>();
          for (int i = 0; i < m.size(); i++) {
            out.put(decode(m.key(i)), decode(m.value(i)));
          }
          return out;
        }
        if (r instanceof RespError) {
          return r;
        }
        List<RespValue> elements = elements(r);
        List<Object> out = new ArrayList<>(elements.size());
        for (RespValue e : elements) {
          out.add(decode(e));
        }
        return Collections.unmodifiableList(out);
      }
    };
  }

  // --- primitives -----------------------------------------------------------------------------

  public static long integer(RespValue r) {
    if (r instanceof RespInteger i) {
      return i.value();
    }
    if (r instanceof RespBulkString || r instanceof RespSimpleString) {
      try {
        return Long.parseLong(text(r));
      } catch (NumberFormatException e) {
        throw unexpected("an integer", r);
      }
    }
    throw unexpected("an integer", r);
  }

  public static Double nullableDouble(RespValue r) {
    if (r.isNull()) {
      return null;
    }
    if (r instanceof RespDouble d) {
      return d.value();
    }
    if (r instanceof RespInteger i) {
      return (double) i.value();
    }
    String s = text(r);
    switch (s) {
      case "inf":
      case "+inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw unexpected("a number", r);
        }
    }
  }

  /** The text of a string-like reply (simple, bulk, verbatim, number). */
  public static String text(RespValue r) {
    if (r instanceof RespSimpleString s) {
      return s.value();
    }
    if (r instanceof RespBulkString b) {
      return b.asString();
    }
    if (r instanceof RespVerbatimString v) {
      return v.asString();
    }
    if (r instanceof RespInteger i) {
      return Long.toString(i.value());
    }
    if (r instanceof RespDouble d) {
      return Double.toString(d.value());
    }
    throw unexpected("a string", r);
  }

  /** The bytes of a string-like reply. */
  public static byte[] bytes(RespValue r) {
    if (r instanceof RespBulkString b) {
      return b.bytes();
    }
    if (r instanceof RespSimpleString s) {
      return s.value().getBytes(StandardCharsets.UTF_8);
    }
    if (r instanceof RespVerbatimString v) {
      return v.bytes();
    }
    if (r instanceof RespInteger i) {
      return Long.toString(i.value()).getBytes(StandardCharsets.US_ASCII);
    }
    throw unexpected("a bulk string", r);
  }

  /** The elements of an array, set or push reply. */
  public static List<RespValue> elements(RespValue r) {
    if (r instanceof RespArray a) {
      return a.elements();
    }
    if (r instanceof RespSet s) {
      return s.elements();
    }
    if (r instanceof RespPush p) {
      return p.elements();
    }
    if (r instanceof RespMap m) {
      return m.keysAndValues();
    }
    if (r.isNull()) {
      return List.of();
    }
    throw unexpected("an array", r);
  }

  private static Role role(RespValue r) {
    List<RespValue> parts = elements(r);
    if (parts.isEmpty()) {
      throw unexpected("a ROLE reply", r);
    }
    String kind = text(parts.get(0));
    switch (kind) {
      case "master": {
        List<Role.Replica> replicas = new ArrayList<>();
        for (RespValue e : elements(parts.get(2))) {
          List<RespValue> rep = elements(e);
          replicas.add(new Role.Replica(text(rep.get(0)), (int) integer(rep.get(1)), integer(rep.get(2))));
        }
        return new Role(kind, integer(parts.get(1)), null, 0, null, replicas, List.of());
      }
      case "slave":
        return new Role(kind, integer(parts.get(4)), text(parts.get(1)), (int) integer(parts.get(2)),
            text(parts.get(3)), List.of(), List.of());
      case "sentinel": {
        List<String> names = new ArrayList<>();
        for (RespValue e : elements(parts.get(1))) {
          names.add(text(e));
        }
        return new Role(kind, -1, null, 0, null, List.of(), names);
      }
      default:
        throw unexpected("master, slave or sentinel", r);
    }
  }

  static UnexpectedReplyException unexpected(String expected, RespValue got) {
    String shown = String.valueOf(got);
    if (shown.length() > 120) {
      shown = shown.substring(0, 120) + "...";
    }
    return new UnexpectedReplyException("expected " + expected + " but the server replied " + shown, null);
  }
}
