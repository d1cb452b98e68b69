package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespDouble;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Shorthands for building replies. */
final class Replies {

  private Replies() {}

  static RespValue bulk(byte[] b) {
    return b == null ? RespNull.BULK : RespBulkString.of(b);
  }

  static RespValue bulk(Bytes b) {
    return b == null ? RespNull.BULK : RespBulkString.of(b.bytes());
  }

  static RespValue bulk(String s) {
    return s == null ? RespNull.BULK : RespBulkString.of(s.getBytes(StandardCharsets.UTF_8));
  }

  static RespInteger integer(long n) {
    return RespInteger.of(n);
  }

  static RespValue bool(boolean b) {
    return b ? RespInteger.ONE : RespInteger.ZERO;
  }

  static RespArray array(Collection<Bytes> items) {
    List<RespValue> out = new ArrayList<>(items.size());
    for (Bytes b : items) {
      out.add(RespBulkString.of(b.bytes()));
    }
    return new RespArray(out);
  }

  static RespArray arrayOfBytes(Collection<byte[]> items) {
    List<RespValue> out = new ArrayList<>(items.size());
    for (byte[] b : items) {
      out.add(RespBulkString.of(b));
    }
    return new RespArray(out);
  }

  static RespArray strings(String... items) {
    List<RespValue> out = new ArrayList<>(items.length);
    for (String s : items) {
      out.add(bulk(s));
    }
    return new RespArray(out);
  }

  static RespValue dbl(double d) {
    return new RespDouble(d);
  }
}
