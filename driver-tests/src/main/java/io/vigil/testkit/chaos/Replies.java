package io.vigil.testkit.chaos;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespValue;
import io.vigil.testkit.process.RespSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading the replies of INFO and the SENTINEL family (RESP2 shapes, as both real and Java peers send them). */
final class Replies {

  private Replies() {}

  /** {@code INFO} text as a field map. */
  static Map<String, String> info(RespValue reply) {
    Map<String, String> fields = new HashMap<>();
    for (String line : RespSocket.text(reply).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return fields;
  }

  /** A flat key/value array ({@code SENTINEL MASTER}) as a map. */
  static Map<String, String> pairs(RespValue reply) {
    Map<String, String> map = new HashMap<>();
    if (reply instanceof RespArray array) {
      List<String> texts = RespSocket.texts(array);
      for (int i = 0; i + 1 < texts.size(); i += 2) {
        map.put(texts.get(i), texts.get(i + 1));
      }
    }
    return map;
  }

  /** An array of flat key/value arrays ({@code SENTINEL REPLICAS}) as maps. */
  static List<Map<String, String>> pairsList(RespValue reply) {
    List<Map<String, String>> list = new ArrayList<>();
    if (reply instanceof RespArray array) {
      for (RespValue v : array.elements()) {
        list.add(pairs(v));
      }
    }
    return list;
  }
}
