package io.vigil.driver.internal.command.replies;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.values.KeyValue;
import io.vigil.driver.values.ScoredValue;
import io.vigil.driver.values.SortedSetScanPage;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoders of the sorted-set commands' replies, RESP2 and RESP3 shapes alike: scores come as bulk
 * strings under RESP2 and as doubles under RESP3, member-score pairs flat under RESP2 and nested
 * under RESP3.
 */
public final class SortedSetReplies {

  private SortedSetReplies() {}

  /** Scores, null for each missing member ({@code ZMSCORE}). */
  public static final ReplyDecoder<List<Double>> SCORES = r -> {
    List<RespValue> elements = Replies.elements(r);
    List<Double> out = new ArrayList<>(elements.size());
    for (RespValue e : elements) {
      out.add(Replies.nullableDouble(e));
    }
    return out;
  };

  /**
   * One member with its score ({@code ZPOPMIN} without a count): {@code [member, score]}, or null
   * when the reply is empty.
   */
  public static <V> ReplyDecoder<ScoredValue<V>> scoredValue(RedisCodec<?, V> codec) {
    ReplyDecoder<List<ScoredValue<V>>> scored = Replies.scoredValues(codec);
    return r -> {
      List<ScoredValue<V>> all = scored.decode(r);
      if (all.size() > 1) {
        throw Shapes.unexpected("one member and its score", r);
      }
      return all.isEmpty() ? null : all.get(0);
    };
  }

  /**
   * The key popped from with its member and score ({@code BZPOPMIN}, {@code BZPOPMAX}): {@code
   * [key, member, score]}, or null when the wait timed out.
   */
  public static <K, V> ReplyDecoder<KeyValue<K, ScoredValue<V>>> keyScoredValue(RedisCodec<K, V> codec) {
    return r -> {
      if (r.isNull()) {
        return null;
      }
      List<RespValue> parts = Replies.elements(r);
      if (parts.size() != 3) {
        throw Shapes.unexpected("[key, member, score]", r);
      }
      return new KeyValue<>(codec.decodeKey(Replies.bytes(parts.get(0))),
          new ScoredValue<>(Replies.nullableDouble(parts.get(2)), codec.decodeValue(Replies.bytes(parts.get(1)))));
    };
  }

  /**
   * The key popped from with its members and scores ({@code ZMPOP}, {@code BZMPOP}): {@code [key,
   * [[member, score], ...]]}, or null when every sorted set was empty (or the wait timed out).
   */
  public static <K, V> ReplyDecoder<KeyValue<K, List<ScoredValue<V>>>> keyScoredValues(RedisCodec<K, V> codec) {
    ReplyDecoder<List<ScoredValue<V>>> scored = Replies.scoredValues(codec);
    return r -> {
      if (r.isNull()) {
        return null;
      }
      List<RespValue> parts = Replies.elements(r);
      if (parts.size() != 2) {
        throw Shapes.unexpected("[key, members with scores]", r);
      }
      return new KeyValue<>(codec.decodeKey(Replies.bytes(parts.get(0))), scored.decode(parts.get(1)));
    };
  }

  /** {@code ZSCAN}: {@code [cursor, [member, score, ...]]} under both protocols. */
  public static <V> ReplyDecoder<SortedSetScanPage<V>> scanPage(RedisCodec<?, V> codec) {
    ReplyDecoder<List<ScoredValue<V>>> scored = Replies.scoredValues(codec);
    return r -> {
      List<RespValue> parts = Shapes.scan(r);
      return new SortedSetScanPage<>(Replies.text(parts.get(0)), scored.decode(parts.get(1)));
    };
  }
}
