package io.vigil.driver.internal.command.replies;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.values.HashScanPage;
import io.vigil.driver.values.KeyValue;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decoders of the hash commands' replies, RESP2 and RESP3 shapes alike. */
public final class HashReplies {

  private HashReplies() {}

  /** One field ({@code HRANDFIELD} without a count), null kept. */
  public static <K> ReplyDecoder<K> field(RedisCodec<K, ?> codec) {
    return r -> r.isNull() ? null : codec.decodeKey(Replies.bytes(r));
  }

  /**
   * Fields with values that may repeat ({@code HRANDFIELD … WITHVALUES}): pairs under RESP3, a
   * flat array under RESP2; empty for a missing key.
   */
  public static <K, V> ReplyDecoder<List<KeyValue<K, V>>> fieldValues(RedisCodec<K, V> codec) {
    return r -> {
      List<RespValue> flat = Shapes.flatPairs(r, "field and value pairs");
      List<KeyValue<K, V>> out = new ArrayList<>(flat.size() / 2);
      for (int i = 0; i < flat.size(); i += 2) {
        out.add(new KeyValue<>(codec.decodeKey(Replies.bytes(flat.get(i))),
            codec.decodeValue(Replies.bytes(flat.get(i + 1)))));
      }
      return out;
    };
  }

  /** {@code HSCAN}: {@code [cursor, [field, value, ...]]} under both protocols. */
  public static <K, V> ReplyDecoder<HashScanPage<K, V>> scanPage(RedisCodec<K, V> codec) {
    return r -> {
      List<RespValue> parts = Shapes.scan(r);
      List<RespValue> flat = Shapes.flatPairs(parts.get(1), "HSCAN fields and values");
      Map<K, V> entries = new LinkedHashMap<>(flat.size());
      for (int i = 0; i < flat.size(); i += 2) {
        entries.put(codec.decodeKey(Replies.bytes(flat.get(i))), codec.decodeValue(Replies.bytes(flat.get(i + 1))));
      }
      return new HashScanPage<>(Replies.text(parts.get(0)), entries);
    };
  }
}
