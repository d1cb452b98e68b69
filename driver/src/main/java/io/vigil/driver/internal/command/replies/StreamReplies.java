package io.vigil.driver.internal.command.replies;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.values.AutoClaim;
import io.vigil.driver.values.ConsumerInfo;
import io.vigil.driver.values.GroupInfo;
import io.vigil.driver.values.PendingEntry;
import io.vigil.driver.values.PendingSummary;
import io.vigil.driver.values.StreamEntry;
import io.vigil.driver.values.StreamInfo;
import io.vigil.driver.values.StreamRead;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decoders of the stream replies, RESP2 (arrays) and RESP3 (maps where Redis sends them). */
public final class StreamReplies {

  private StreamReplies() {}

  /** An entry ID, or null ({@code XADD … NOMKSTREAM} on a missing stream). */
  public static final ReplyDecoder<String> ID = Replies.TEXT;

  /** IDs ({@code JUSTID}). */
  public static final ReplyDecoder<List<String>> IDS = StreamReplies::texts;

  /** {@code XPENDING key group}. */
  public static final ReplyDecoder<PendingSummary> PENDING_SUMMARY = r -> {
    List<RespValue> p = Replies.elements(r);
    Map<String, Long> consumers = new LinkedHashMap<>();
    if (p.size() > 3 && !p.get(3).isNull()) {
      for (RespValue c : Replies.elements(p.get(3))) {
        List<RespValue> pair = Replies.elements(c);
        consumers.put(Replies.text(pair.get(0)), Replies.integer(pair.get(1)));
      }
    }
    return new PendingSummary(Replies.integer(p.get(0)), nullableText(p.get(1)), nullableText(p.get(2)), consumers);
  };

  /** {@code XPENDING key group start end count}. */
  public static final ReplyDecoder<List<PendingEntry>> PENDING_ENTRIES = r -> {
    List<PendingEntry> out = new ArrayList<>();
    for (RespValue e : Replies.elements(r)) {
      List<RespValue> p = Replies.elements(e);
      out.add(new PendingEntry(Replies.text(p.get(0)), Replies.text(p.get(1)),
          Duration.ofMillis(Replies.integer(p.get(2))), Replies.integer(p.get(3))));
    }
    return out;
  };

  /** {@code XINFO GROUPS}. */
  public static final ReplyDecoder<List<GroupInfo>> GROUPS = r -> {
    List<GroupInfo> out = new ArrayList<>();
    for (RespValue g : Replies.elements(r)) {
      Map<String, RespValue> f = ScriptReplies.fields(g);
      out.add(new GroupInfo(Replies.text(f.get("name")), Replies.integer(f.get("consumers")),
          Replies.integer(f.get("pending")), Replies.text(f.get("last-delivered-id")),
          nullableInteger(f.get("entries-read")), nullableInteger(f.get("lag"))));
    }
    return out;
  };

  /** {@code XINFO CONSUMERS}. */
  public static final ReplyDecoder<List<ConsumerInfo>> CONSUMERS = r -> {
    List<ConsumerInfo> out = new ArrayList<>();
    for (RespValue c : Replies.elements(r)) {
      Map<String, RespValue> f = ScriptReplies.fields(c);
      out.add(new ConsumerInfo(Replies.text(f.get("name")), Replies.integer(f.get("pending")),
          Duration.ofMillis(Replies.integer(f.get("idle")))));
    }
    return out;
  };

  /** One entry {@code [id, [field, value…]]}; a deleted one ({@code [id, nil]}) has no fields. */
  public static <K, V> StreamEntry<K, V> entry(RespValue r, RedisCodec<K, V> codec) {
    List<RespValue> p = Replies.elements(r);
    Map<K, V> fields = new LinkedHashMap<>();
    if (p.size() > 1 && !p.get(1).isNull()) {
      List<RespValue> flat = Replies.elements(p.get(1));
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        fields.put(codec.decodeKey(Replies.bytes(flat.get(i))), codec.decodeValue(Replies.bytes(flat.get(i + 1))));
      }
    }
    return new StreamEntry<>(Replies.text(p.get(0)), fields);
  }

  /** Entries, oldest first ({@code XRANGE}, {@code XCLAIM}). */
  public static <K, V> ReplyDecoder<List<StreamEntry<K, V>>> entries(RedisCodec<K, V> codec) {
    return r -> {
      List<StreamEntry<K, V>> out = new ArrayList<>();
      for (RespValue e : Replies.elements(r)) {
        out.add(entry(e, codec));
      }
      return out;
    };
  }

  /** {@code XREAD}/{@code XREADGROUP}: per stream its entries; empty when the read timed out. */
  public static <K, V> ReplyDecoder<List<StreamRead<K, V>>> reads(RedisCodec<K, V> codec) {
    ReplyDecoder<List<StreamEntry<K, V>>> entries = entries(codec);
    return r -> {
      List<StreamRead<K, V>> out = new ArrayList<>();
      if (r.isNull()) {
        return out;
      }
      if (r instanceof RespMap m) {
        for (int i = 0; i < m.size(); i++) {
          out.add(new StreamRead<>(codec.decodeKey(Replies.bytes(m.key(i))), entries.decode(m.value(i))));
        }
        return out;
      }
      for (RespValue s : Replies.elements(r)) {
        List<RespValue> pair = Replies.elements(s);
        out.add(new StreamRead<>(codec.decodeKey(Replies.bytes(pair.get(0))), entries.decode(pair.get(1))));
      }
      return out;
    };
  }

  /** {@code XAUTOCLAIM} with entries. */
  public static <K, V> ReplyDecoder<AutoClaim<StreamEntry<K, V>>> autoClaim(RedisCodec<K, V> codec) {
    ReplyDecoder<List<StreamEntry<K, V>>> entries = entries(codec);
    return r -> {
      List<RespValue> p = Replies.elements(r);
      return new AutoClaim<>(Replies.text(p.get(0)), entries.decode(p.get(1)),
          p.size() > 2 ? texts(p.get(2)) : List.of());
    };
  }

  /** {@code XAUTOCLAIM … JUSTID}. */
  public static final ReplyDecoder<AutoClaim<String>> AUTO_CLAIM_IDS = r -> {
    List<RespValue> p = Replies.elements(r);
    return new AutoClaim<>(Replies.text(p.get(0)), texts(p.get(1)), p.size() > 2 ? texts(p.get(2)) : List.of());
  };

  /** {@code XINFO STREAM}. */
  public static <K, V> ReplyDecoder<StreamInfo<K, V>> info(RedisCodec<K, V> codec) {
    return r -> {
      Map<String, RespValue> f = ScriptReplies.fields(r);
      RespValue first = f.get("first-entry");
      RespValue last = f.get("last-entry");
      return new StreamInfo<>(Replies.integer(f.get("length")), Replies.integer(f.get("radix-tree-keys")),
          Replies.integer(f.get("radix-tree-nodes")), Replies.integer(f.get("groups")),
          Replies.text(f.get("last-generated-id")), nullableText(f.get("max-deleted-entry-id")),
          f.containsKey("entries-added") ? Replies.integer(f.get("entries-added")) : -1,
          nullableText(f.get("recorded-first-entry-id")),
          first == null || first.isNull() ? null : entry(first, codec),
          last == null || last.isNull() ? null : entry(last, codec));
    };
  }

  private static List<String> texts(RespValue r) {
    List<String> out = new ArrayList<>();
    for (RespValue e : Replies.elements(r)) {
      out.add(Replies.text(e));
    }
    return out;
  }

  private static String nullableText(RespValue r) {
    return r == null || r.isNull() ? null : Replies.text(r);
  }

  private static Long nullableInteger(RespValue r) {
    return r == null || r.isNull() ? null : Replies.integer(r);
  }
}
