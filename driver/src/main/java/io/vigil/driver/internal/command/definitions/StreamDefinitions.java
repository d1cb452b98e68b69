package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.StreamOffset;
import io.vigil.driver.args.StreamTrim;
import io.vigil.driver.args.XAddArgs;
import io.vigil.driver.args.XClaimArgs;
import io.vigil.driver.args.XPendingArgs;
import io.vigil.driver.args.XReadArgs;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.StreamReplies;
import io.vigil.driver.values.AutoClaim;
import io.vigil.driver.values.ConsumerInfo;
import io.vigil.driver.values.GroupInfo;
import io.vigil.driver.values.PendingEntry;
import io.vigil.driver.values.PendingSummary;
import io.vigil.driver.values.StreamEntry;
import io.vigil.driver.values.StreamInfo;
import io.vigil.driver.values.StreamRead;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Streams: append-only logs of entries, read by range, by (blocking) reads and by consumer groups
 * with acknowledgements, pending lists and claims. Entry IDs are strings ({@code
 * 1700000000000-0}); ranges accept {@code -}, {@code +} and {@code (} for an exclusive bound. A
 * blocking read ({@link XReadArgs#block}) runs on a connection of its own and rides out a failover
 * as {@code BLPOP} does.
 */
public interface StreamDefinitions<K, V> extends Definitions<K, V> {

  /** Appends an entry with {@code fields}, the ID chosen by the server; its ID. */
  default Spec<String> xadd(K key, Map<K, V> fields) {
    return command("XADD").key(key).add("*").entries(fields, "fields").spec(StreamReplies.ID);
  }

  /**
   * Appends an entry as {@code args} say (ID, {@code NOMKSTREAM}, trimming); its ID, or null when
   * {@code NOMKSTREAM} found no stream.
   */
  default Spec<String> xadd(K key, XAddArgs args, Map<K, V> fields) {
    Check.notNull("XADD", "the options", args);
    Args<K, V> a = command("XADD").key(key).addIf(args.isNoMkStream(), "NOMKSTREAM");
    if (args.trim() != null) {
      StreamArgs.trim(a, args.trim());
    }
    return a.add(args.id()).entries(fields, "fields").spec(StreamReplies.ID);
  }

  /** Trims the stream as {@code trim} says; how many entries were evicted. */
  default Spec<Long> xtrim(K key, StreamTrim trim) {
    return StreamArgs.trim(command("XTRIM").key(key), Check.notNull("XTRIM", "the trim", trim))
        .spec(Replies.INTEGER);
  }

  /** The number of entries. */
  default Spec<Long> xlen(K key) {
    return command("XLEN").key(key).spec(Replies.INTEGER);
  }

  /** Deletes the entries {@code ids}; how many existed. */
  default Spec<Long> xdel(K key, String... ids) {
    return StreamArgs.ids(command("XDEL").key(key), "XDEL", ids).spec(Replies.INTEGER);
  }

  /** The entries with IDs from {@code start} to {@code end} ({@code -} and {@code +} for all), oldest first. */
  default Spec<List<StreamEntry<K, V>>> xrange(K key, String start, String end) {
    return StreamArgs.range(command("XRANGE").key(key), "XRANGE", start, end).spec(StreamReplies.entries(codec()));
  }

  /** At most {@code count} entries from {@code start} to {@code end}, oldest first. */
  default Spec<List<StreamEntry<K, V>>> xrange(K key, String start, String end, long count) {
    return StreamArgs.range(command("XRANGE").key(key), "XRANGE", start, end).add("COUNT")
        .add(Check.positive("XRANGE", "the count", count)).spec(StreamReplies.entries(codec()));
  }

  /** The entries with IDs from {@code end} down to {@code start} ({@code +} and {@code -} for all), newest first. */
  default Spec<List<StreamEntry<K, V>>> xrevrange(K key, String end, String start) {
    return StreamArgs.range(command("XREVRANGE").key(key), "XREVRANGE", end, start)
        .spec(StreamReplies.entries(codec()));
  }

  /** At most {@code count} entries from {@code end} down to {@code start}, newest first. */
  default Spec<List<StreamEntry<K, V>>> xrevrange(K key, String end, String start, long count) {
    return StreamArgs.range(command("XREVRANGE").key(key), "XREVRANGE", end, start).add("COUNT")
        .add(Check.positive("XREVRANGE", "the count", count)).spec(StreamReplies.entries(codec()));
  }

  /**
   * Reads the entries after each offset; empty when there are none (or, blocking, when the timeout
   * passed). A read, routed by the view's read policy unless it blocks.
   */
  default Spec<List<StreamRead<K, V>>> xread(XReadArgs args, StreamOffset<K>... streams) {
    Check.notNull("XREAD", "the options", args);
    if (args.isNoAck()) {
      throw new IllegalArgumentException("XREAD: NOACK only applies to XREADGROUP");
    }
    return StreamArgs.read(command("XREAD"), "XREAD", args, streams, StreamReplies.reads(codec()));
  }

  /**
   * Reads as {@code consumer} of {@code group}: {@link StreamOffset#undelivered} for new entries,
   * an ID for the consumer's own pending history. A write (it moves the group and its pending
   * list): always on the master.
   */
  default Spec<List<StreamRead<K, V>>> xreadgroup(String group, String consumer, XReadArgs args,
      StreamOffset<K>... streams) {
    Check.notNull("XREADGROUP", "the options", args);
    Args<K, V> a = command("XREADGROUP").add("GROUP").add(StreamArgs.name("XREADGROUP", "group", group))
        .add(StreamArgs.name("XREADGROUP", "consumer", consumer));
    return StreamArgs.read(a, "XREADGROUP", args, streams, StreamReplies.reads(codec()));
  }

  /** Creates {@code group} reading after {@code id} ({@code $} for new entries only, {@code 0} for all); {@code OK}. */
  default Spec<String> xgroupCreate(K key, String group, String id) {
    return command("XGROUP CREATE").key(key).add(StreamArgs.name("XGROUP CREATE", "group", group))
        .add(StreamArgs.id("XGROUP CREATE", id)).spec(Replies.STATUS);
  }

  /**
   * Creates {@code group}, and the stream when {@code mkstream}; {@code entriesRead} (-1 for
   * unknown) sets how many entries the group counts as read, for its lag; {@code OK}.
   */
  default Spec<String> xgroupCreate(K key, String group, String id, boolean mkstream, long entriesRead) {
    Args<K, V> a = command("XGROUP CREATE").key(key).add(StreamArgs.name("XGROUP CREATE", "group", group))
        .add(StreamArgs.id("XGROUP CREATE", id)).addIf(mkstream, "MKSTREAM");
    if (entriesRead >= 0) {
      a.add("ENTRIESREAD").add(entriesRead);
    }
    return a.spec(Replies.STATUS);
  }

  /** Adds {@code consumer} to {@code group}; whether it was new. */
  default Spec<Boolean> xgroupCreateconsumer(K key, String group, String consumer) {
    return command("XGROUP CREATECONSUMER").key(key).add(StreamArgs.name("XGROUP CREATECONSUMER", "group", group))
        .add(StreamArgs.name("XGROUP CREATECONSUMER", "consumer", consumer)).spec(Replies.BOOLEAN);
  }

  /** Removes {@code consumer} from {@code group}; how many entries it had pending (now dropped). */
  default Spec<Long> xgroupDelconsumer(K key, String group, String consumer) {
    return command("XGROUP DELCONSUMER").key(key).add(StreamArgs.name("XGROUP DELCONSUMER", "group", group))
        .add(StreamArgs.name("XGROUP DELCONSUMER", "consumer", consumer)).spec(Replies.INTEGER);
  }

  /** Deletes {@code group}; whether it existed. Clients blocked reading it are unblocked with an error. */
  default Spec<Boolean> xgroupDestroy(K key, String group) {
    return command("XGROUP DESTROY").key(key).add(StreamArgs.name("XGROUP DESTROY", "group", group))
        .spec(Replies.BOOLEAN);
  }

  /** Moves {@code group}'s last delivered ID to {@code id} ({@code $} for the stream's last); {@code OK}. */
  default Spec<String> xgroupSetid(K key, String group, String id) {
    return command("XGROUP SETID").key(key).add(StreamArgs.name("XGROUP SETID", "group", group))
        .add(StreamArgs.id("XGROUP SETID", id)).spec(Replies.STATUS);
  }

  /** Moves {@code group}'s last delivered ID and sets its read count ({@code ENTRIESREAD}); {@code OK}. */
  default Spec<String> xgroupSetid(K key, String group, String id, long entriesRead) {
    return command("XGROUP SETID").key(key).add(StreamArgs.name("XGROUP SETID", "group", group))
        .add(StreamArgs.id("XGROUP SETID", id)).add("ENTRIESREAD")
        .add(Check.notNegative("XGROUP SETID", "entries read", entriesRead)).spec(Replies.STATUS);
  }

  /** Acknowledges {@code ids} for {@code group}; how many were pending. */
  default Spec<Long> xack(K key, String group, String... ids) {
    return StreamArgs.ids(command("XACK").key(key).add(StreamArgs.name("XACK", "group", group)), "XACK", ids)
        .spec(Replies.INTEGER);
  }

  /** How many entries {@code group} has pending, their ID range and the count per consumer. */
  default Spec<PendingSummary> xpending(K key, String group) {
    return command("XPENDING").key(key).add(StreamArgs.name("XPENDING", "group", group))
        .spec(StreamReplies.PENDING_SUMMARY);
  }

  /** The pending entries {@code args} select, with their consumer, idle time and delivery count. */
  default Spec<List<PendingEntry>> xpending(K key, String group, XPendingArgs args) {
    Check.notNull("XPENDING", "the range", args);
    Args<K, V> a = command("XPENDING").key(key).add(StreamArgs.name("XPENDING", "group", group));
    if (args.minIdle() != null) {
      a.add("IDLE").add(args.minIdle().toMillis());
    }
    a.add(args.start()).add(args.end()).add(args.count());
    if (args.consumer() != null) {
      a.add(args.consumer());
    }
    return a.spec(StreamReplies.PENDING_ENTRIES);
  }

  /**
   * Takes over the pending entries {@code ids} idle at least {@code minIdle} for {@code
   * consumer}; the entries claimed (deleted ones left out).
   */
  default Spec<List<StreamEntry<K, V>>> xclaim(K key, String group, String consumer, Duration minIdle,
      XClaimArgs args, String... ids) {
    return StreamArgs.claim(command("XCLAIM").key(key), group, consumer, minIdle, args, ids, false)
        .spec(StreamReplies.entries(codec()));
  }

  /** {@link #xclaim} answering only the IDs claimed ({@code JUSTID}: the delivery count is not raised). */
  default Spec<List<String>> xclaimJustid(K key, String group, String consumer, Duration minIdle, XClaimArgs args,
      String... ids) {
    return StreamArgs.claim(command("XCLAIM").key(key), group, consumer, minIdle, args, ids, true)
        .spec(StreamReplies.IDS);
  }

  /**
   * Claims for {@code consumer} up to {@code count} entries pending at least {@code minIdle},
   * scanning from {@code start} ({@code 0-0} to begin); the entries, the ID to continue from and
   * the pending IDs found deleted.
   */
  default Spec<AutoClaim<StreamEntry<K, V>>> xautoclaim(K key, String group, String consumer, Duration minIdle,
      String start, long count) {
    return StreamArgs.autoClaim(command("XAUTOCLAIM").key(key), group, consumer, minIdle, start, count)
        .spec(StreamReplies.autoClaim(codec()));
  }

  /** {@link #xautoclaim} answering only IDs ({@code JUSTID}). */
  default Spec<AutoClaim<String>> xautoclaimJustid(K key, String group, String consumer, Duration minIdle,
      String start, long count) {
    return StreamArgs.autoClaim(command("XAUTOCLAIM").key(key), group, consumer, minIdle, start, count)
        .add("JUSTID").spec(StreamReplies.AUTO_CLAIM_IDS);
  }

  /** The stream's length, IDs, group count and first and last entries. */
  default Spec<StreamInfo<K, V>> xinfoStream(K key) {
    return command("XINFO STREAM").key(key).spec(StreamReplies.info(codec()));
  }

  /**
   * {@code XINFO STREAM key FULL [COUNT n]}: everything about the stream, its entries, groups,
   * pending lists and consumers, as plain Java maps and lists ({@code count} 0 for every entry).
   */
  default Spec<Object> xinfoStreamFull(K key, long count) {
    return command("XINFO STREAM").key(key).add("FULL").add("COUNT")
        .add(Check.notNegative("XINFO STREAM", "the count", count)).spec(object());
  }

  /** The stream's consumer groups. */
  default Spec<List<GroupInfo>> xinfoGroups(K key) {
    return command("XINFO GROUPS").key(key).spec(StreamReplies.GROUPS);
  }

  /** The consumers of {@code group}. */
  default Spec<List<ConsumerInfo>> xinfoConsumers(K key, String group) {
    return command("XINFO CONSUMERS").key(key).add(StreamArgs.name("XINFO CONSUMERS", "group", group))
        .spec(StreamReplies.CONSUMERS);
  }

  /** Sets the stream's last ID (a replica or restore tool's command); {@code OK}. */
  default Spec<String> xsetid(K key, String lastId) {
    return command("XSETID").key(key).add(StreamArgs.id("XSETID", lastId)).spec(Replies.STATUS);
  }

  /**
   * Sets the stream's last ID, the count of entries ever added and the highest deleted ID; {@code
   * OK}.
   */
  default Spec<String> xsetid(K key, String lastId, long entriesAdded, String maxDeletedId) {
    return command("XSETID").key(key).add(StreamArgs.id("XSETID", lastId)).add("ENTRIESADDED")
        .add(Check.notNegative("XSETID", "entries added", entriesAdded)).add("MAXDELETEDID")
        .add(StreamArgs.id("XSETID", maxDeletedId)).spec(Replies.STATUS);
  }
}
