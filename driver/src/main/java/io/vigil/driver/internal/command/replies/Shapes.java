package io.vigil.driver.internal.command.replies;

import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.internal.command.Replies;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shape checks shared by the family decoders: each failure says what was expected. */
final class Shapes {

  private Shapes() {}

  /** The elements of an array reply holding exactly {@code size} of them. */
  static List<RespValue> tuple(RespValue r, int size, String what) {
    List<RespValue> elements = Replies.elements(r);
    if (elements.size() != size) {
      throw unexpected(what, r);
    }
    return elements;
  }

  /** A RESP3 map or RESP2 flat array of names and values, by name as text. */
  static Map<String, RespValue> fields(RespValue r, String what) {
    List<RespValue> flat = r instanceof RespMap m ? m.keysAndValues() : Replies.elements(r);
    if (flat.size() % 2 != 0) {
      throw unexpected(what, r);
    }
    Map<String, RespValue> out = new LinkedHashMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      out.put(Replies.text(flat.get(i)), flat.get(i + 1));
    }
    return out;
  }

  /** The two parts of a {@code *SCAN} reply, {@code [cursor, [elements...]]}. */
  static List<RespValue> scan(RespValue r) {
    return tuple(r, 2, "[cursor, elements]");
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
