package io.vigil.driver.internal.command.replies;

import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.values.LcsMatch;
import io.vigil.driver.values.LcsResult;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decoders of the string commands' structured replies, RESP2 and RESP3 shapes. */
public final class StringReplies {

  private StringReplies() {}

  /**
   * {@code LCS IDX}: a map (RESP3) or flat array (RESP2) of {@code matches} and {@code len}; each
   * match {@code [[start1, end1], [start2, end2]]}, with its length third under {@code
   * WITHMATCHLEN} (computed from the range when absent).
   */
  public static final ReplyDecoder<LcsResult> LCS_IDX = r -> {
    Map<String, RespValue> fields = Shapes.fields(r, "an LCS IDX reply (matches, len)");
    RespValue matches = fields.get("matches");
    RespValue len = fields.get("len");
    if (matches == null || len == null) {
      throw Shapes.unexpected("an LCS IDX reply with matches and len", r);
    }
    List<LcsMatch> out = new ArrayList<>();
    for (RespValue m : Replies.elements(matches)) {
      List<RespValue> parts = Replies.elements(m);
      if (parts.size() < 2) {
        throw Shapes.unexpected("an LCS match [[start, end], [start, end], length]", m);
      }
      LcsMatch.Range first = range(parts.get(0));
      LcsMatch.Range second = range(parts.get(1));
      long length = parts.size() > 2 ? Replies.integer(parts.get(2)) : first.end() - first.start() + 1;
      out.add(new LcsMatch(first, second, length));
    }
    return new LcsResult(out, Replies.integer(len));
  };

  private static LcsMatch.Range range(RespValue r) {
    List<RespValue> ends = Shapes.tuple(r, 2, "an LCS range [start, end]");
    return new LcsMatch.Range(Replies.integer(ends.get(0)), Replies.integer(ends.get(1)));
  }
}
