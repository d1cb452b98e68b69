package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.StreamEntry;
import io.vigil.testkit.server.keyspace.StreamId;
import io.vigil.testkit.server.keyspace.StreamValue;
import java.util.ArrayList;
import java.util.List;

/** Replies shared by the stream commands: IDs and entries as Redis writes them. Stateless. */
final class StreamReplies {

  private StreamReplies() {}

  /** An ID as a bulk string. */
  static RespBulkString id(StreamId id) {
    return RespBulkString.of(id.bytes());
  }

  /** {@code [id, [field, value, ...]]}. */
  static RespArray entry(StreamEntry e) {
    int n = e.size();
    List<RespValue> fv = new ArrayList<>(n * 2);
    for (int i = 0; i < n; i++) {
      fv.add(RespBulkString.of(e.field(i)));
      fv.add(RespBulkString.of(e.value(i)));
    }
    return RespArray.of(id(e.id()), new RespArray(fv));
  }

  /** Up to {@code count} entries (0: all) from {@code start} to {@code end}, in order. */
  static List<RespValue> range(StreamValue s, StreamId start, StreamId end, long count, boolean reverse) {
    List<RespValue> out = new ArrayList<>();
    StreamValue.Cursor cursor = s.cursor(start, end, reverse);
    for (StreamEntry e = cursor.next(); e != null; e = cursor.next()) {
      out.add(entry(e));
      if (count != 0 && out.size() == count) {
        break;
      }
    }
    return out;
  }
}
