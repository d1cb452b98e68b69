package io.vigil.driver.internal.command.replies;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.values.KeyValue;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;

/** Decoders of the list commands' replies, RESP2 and RESP3 shapes alike. */
public final class ListReplies {

  private ListReplies() {}

  /** Positions ({@code LPOS … COUNT}): an array of integers, empty when nothing matched. */
  public static final ReplyDecoder<List<Long>> POSITIONS = r -> {
    List<RespValue> elements = Replies.elements(r);
    List<Long> out = new ArrayList<>(elements.size());
    for (RespValue e : elements) {
      out.add(Replies.integer(e));
    }
    return out;
  };

  /**
   * The key popped from and its elements ({@code LMPOP}, {@code BLMPOP}): {@code [key,
   * [elements...]]}, or null when every list was empty (or the wait timed out).
   */
  public static <K, V> ReplyDecoder<KeyValue<K, List<V>>> keyElements(RedisCodec<K, V> codec) {
    ReplyDecoder<List<V>> values = Replies.values(codec);
    return r -> {
      if (r.isNull()) {
        return null;
      }
      List<RespValue> parts = Replies.elements(r);
      if (parts.size() != 2) {
        throw Shapes.unexpected("[key, elements]", r);
      }
      return new KeyValue<>(codec.decodeKey(Replies.bytes(parts.get(0))), values.decode(parts.get(1)));
    };
  }
}
