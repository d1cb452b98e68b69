package io.vigil.driver.internal.command.replies;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.values.GeoCoordinates;
import io.vigil.driver.values.GeoSearchResult;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decoders of the geo commands' replies, RESP2 and RESP3 shapes (coordinates are bulk strings
 * under RESP2 and doubles under RESP3; a missing member is a null).
 */
public final class GeoReplies {

  private GeoReplies() {}

  /** {@code GEOPOS}: one {@code [longitude, latitude]} or null per member. */
  public static final ReplyDecoder<List<GeoCoordinates>> POSITIONS = r -> {
    List<RespValue> elements = Replies.elements(r);
    List<GeoCoordinates> out = new ArrayList<>(elements.size());
    for (RespValue e : elements) {
      out.add(e.isNull() ? null : coordinates(e));
    }
    return Collections.unmodifiableList(out);
  };

  /** {@code GEOHASH}: one 11-character geohash or null per member. */
  public static final ReplyDecoder<List<String>> HASHES = r -> {
    List<RespValue> elements = Replies.elements(r);
    List<String> out = new ArrayList<>(elements.size());
    for (RespValue e : elements) {
      out.add(e.isNull() ? null : Replies.text(e));
    }
    return Collections.unmodifiableList(out);
  };

  /**
   * {@code GEOSEARCH … WITHDIST WITHHASH WITHCOORD}: per member {@code [member, distance, hash,
   * [longitude, latitude]]}, in Redis's fixed order.
   */
  public static <V> ReplyDecoder<List<GeoSearchResult<V>>> searchResults(RedisCodec<?, V> codec) {
    return r -> {
      List<RespValue> elements = Replies.elements(r);
      List<GeoSearchResult<V>> out = new ArrayList<>(elements.size());
      for (RespValue e : elements) {
        List<RespValue> parts = Shapes.tuple(e, 4, "[member, distance, hash, [longitude, latitude]]");
        out.add(new GeoSearchResult<>(codec.decodeValue(Replies.bytes(parts.get(0))),
            Replies.nullableDouble(parts.get(1)), Replies.integer(parts.get(2)), coordinates(parts.get(3))));
      }
      return Collections.unmodifiableList(out);
    };
  }

  private static GeoCoordinates coordinates(RespValue r) {
    List<RespValue> pair = Shapes.tuple(r, 2, "[longitude, latitude]");
    return new GeoCoordinates(Replies.nullableDouble(pair.get(0)), Replies.nullableDouble(pair.get(1)));
  }
}
