package io.vigil.driver.internal.command.replies;

import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.internal.command.Replies;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;

/** Shape checks shared by the family decoders. */
final class Shapes {

  private Shapes() {}

  /** The two parts of a {@code *SCAN} reply, {@code [cursor, [elements...]]}. */
  static List<RespValue> scan(RespValue r) {
    List<RespValue> parts = Replies.elements(r);
    if (parts.size() != 2) {
      throw unexpected("[cursor, elements]", r);
    }
    return parts;
  }

  /**
   * Pairs as RESP3 sends them ({@code [[a, b], [c, d]]}) or flat as RESP2 does ({@code [a, b, c,
   * d]}): the flat list either way.
   */
  static List<RespValue> flatPairs(RespValue r, String what) {
    List<RespValue> elements = Replies.elements(r);
    if (!elements.isEmpty() && isAggregate(elements.get(0))) {
      List<RespValue> flat = new ArrayList<>(elements.size() * 2);
      for (RespValue e : elements) {
        List<RespValue> pair = Replies.elements(e);
        if (pair.size() != 2) {
          throw unexpected(what, r);
        }
        flat.addAll(pair);
      }
      return flat;
    }
    if (elements.size() % 2 != 0) {
      throw unexpected(what, r);
    }
    return elements;
  }

  private static boolean isAggregate(RespValue r) {
    return r instanceof RespArray || r instanceof RespMap || r instanceof RespSet;
  }

  static UnexpectedReplyException unexpected(String expected, RespValue got) {
    String shown = String.valueOf(got);
    if (shown.length() > 120) {
      shown = shown.substring(0, 120) + "...";
    }
    return new UnexpectedReplyException("expected " + expected + " but the server replied " + shown, null);
  }
}
