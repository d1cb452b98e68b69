package io.vigil.driver.internal.command.replies;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.values.SetScanPage;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;

/** Decoders of the set commands' replies, RESP2 and RESP3 shapes alike. */
public final class SetReplies {

  private SetReplies() {}

  /** One flag per asked element ({@code SMISMEMBER}): integers 1 and 0, or RESP3 booleans. */
  public static final ReplyDecoder<List<Boolean>> FLAGS = r -> {
    List<RespValue> elements = Replies.elements(r);
    List<Boolean> out = new ArrayList<>(elements.size());
    for (RespValue e : elements) {
      out.add(Replies.BOOLEAN.decode(e));
    }
    return out;
  };

  /** {@code SSCAN}: {@code [cursor, [member, ...]]} under both protocols. */
  public static <V> ReplyDecoder<SetScanPage<V>> scanPage(RedisCodec<?, V> codec) {
    ReplyDecoder<List<V>> values = Replies.values(codec);
    return r -> {
      List<RespValue> parts = Shapes.scan(r);
      return new SetScanPage<>(Replies.text(parts.get(0)), values.decode(parts.get(1)));
    };
  }
}
