package io.vigil.driver.internal.command.replies;

import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Decoders of the bitmap commands' structured replies, RESP2 and RESP3 shapes. */
public final class BitmapReplies {

  private BitmapReplies() {}

  /** {@code BITFIELD}: an array of integers, null for an operation that failed ({@code OVERFLOW FAIL}). */
  public static final ReplyDecoder<List<Long>> BITFIELD = r -> {
    List<RespValue> elements = Replies.elements(r);
    List<Long> out = new ArrayList<>(elements.size());
    for (RespValue e : elements) {
      out.add(e.isNull() ? null : Replies.integer(e));
    }
    return Collections.unmodifiableList(out);
  };
}
