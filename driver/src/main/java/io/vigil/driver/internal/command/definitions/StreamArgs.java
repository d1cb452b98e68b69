package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.StreamOffset;
import io.vigil.driver.args.StreamTrim;
import io.vigil.driver.args.XClaimArgs;
import io.vigil.driver.args.XReadArgs;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.internal.command.Spec;
import java.time.Duration;

/** The wire forms the stream commands share: trims, ID lists, ranges, reads and claims. */
final class StreamArgs {

  private StreamArgs() {}

  static <K, V> Args<K, V> trim(Args<K, V> a, StreamTrim trim) {
    a.add(trim.byLength() ? "MAXLEN" : "MINID").add(trim.isApproximate() ? "~" : "=");
    if (trim.byLength()) {
      a.add(trim.maxlen());
    } else {
      a.add(trim.minid());
    }
    if (trim.limit() >= 0) {
      a.add("LIMIT").add(trim.limit());
    }
    return a;
  }

  static <K, V> Args<K, V> ids(Args<K, V> a, String command, String[] ids) {
    if (ids == null || ids.length == 0) {
      throw new IllegalArgumentException(command + " needs at least one entry ID");
    }
    for (String id : ids) {
      a.add(id(command, id));
    }
    return a;
  }

  static <K, V> Args<K, V> range(Args<K, V> a, String command, String from, String to) {
    return a.add(id(command, from)).add(id(command, to));
  }

  static <K, V, T> Spec<T> read(Args<K, V> a, String command, XReadArgs args, StreamOffset<K>[] streams,
      ReplyDecoder<T> decoder) {
    if (streams == null || streams.length == 0) {
      throw new IllegalArgumentException(command + " needs at least one stream offset");
    }
    if (args.count() > 0) {
      a.add("COUNT").add(args.count());
    }
    if (args.block() != null) {
      a.add("BLOCK").add(args.block().toMillis());
    }
    a.addIf(args.isNoAck(), "NOACK").add("STREAMS");
    for (StreamOffset<K> s : streams) {
      a.key(Check.notNull(command, "a stream offset", s).stream(), "stream");
    }
    for (StreamOffset<K> s : streams) {
      a.add(s.id());
    }
    return args.block() != null ? a.blocking(decoder, args.block()) : a.spec(decoder);
  }

  static <K, V> Args<K, V> claim(Args<K, V> a, String group, String consumer, Duration minIdle, XClaimArgs args,
      String[] ids, boolean justId) {
    a.add(name("XCLAIM", "group", group)).add(name("XCLAIM", "consumer", consumer))
        .add(idle("XCLAIM", minIdle));
    ids(a, "XCLAIM", ids);
    XClaimArgs o = Check.notNull("XCLAIM", "the options", args);
    if (o.idle() != null) {
      a.add("IDLE").add(o.idle().toMillis());
    }
    if (o.time() != null) {
      a.add("TIME").add(o.time().toEpochMilli());
    }
    if (o.retryCount() >= 0) {
      a.add("RETRYCOUNT").add(o.retryCount());
    }
    a.addIf(o.isForce(), "FORCE").addIf(justId, "JUSTID");
    if (o.lastId() != null) {
      a.add("LASTID").add(o.lastId());
    }
    return a;
  }

  static <K, V> Args<K, V> autoClaim(Args<K, V> a, String group, String consumer, Duration minIdle, String start,
      long count) {
    return a.add(name("XAUTOCLAIM", "group", group)).add(name("XAUTOCLAIM", "consumer", consumer))
        .add(idle("XAUTOCLAIM", minIdle)).add(id("XAUTOCLAIM", start)).add("COUNT")
        .add(Check.positive("XAUTOCLAIM", "the count", count));
  }

  static String name(String command, String what, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(command + ": the " + what + " name must not be " + (name == null ? "null" : "empty"));
    }
    return name;
  }

  static String id(String command, String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(command + ": an entry ID must not be " + (id == null ? "null" : "empty"));
    }
    return id;
  }

  private static long idle(String command, Duration minIdle) {
    if (minIdle == null || minIdle.isNegative()) {
      throw new IllegalArgumentException(command + ": the minimum idle time must be zero or more, got " + minIdle);
    }
    return minIdle.toMillis();
  }
}
