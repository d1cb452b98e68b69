package io.vigil.driver.internal.command.replies;

import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.internal.command.Replies;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespValue;
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

  static UnexpectedReplyException unexpected(String expected, RespValue got) {
    String shown = String.valueOf(got);
    if (shown.length() > 120) {
      shown = shown.substring(0, 120) + "...";
    }
    return new UnexpectedReplyException("expected " + expected + " but the server replied " + shown, null);
  }
}
