package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_LIST;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.HashValue;
import io.vigil.testkit.server.keyspace.ListValue;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.SetValue;
import io.vigil.testkit.server.keyspace.StringValue;
import io.vigil.testkit.server.keyspace.ZSetValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SORT and SORT_RO: numeric or ALPHA, ASC/DESC, LIMIT, BY and GET patterns, STORE. */
final class SortCommand {

  private SortCommand() {}

  static void install(CommandTable t) {
    t.add("sort", c -> sort(c, true));
    t.add("sort_ro", c -> sort(c, false));
  }

  /** One element with what it is compared by. */
  private static final class Item {
    final Bytes element;
    double score;
    byte[] by;

    Item(Bytes element) {
      this.element = element;
    }
  }

  private static RespValue sort(Call c, boolean storeAllowed) {
    boolean desc = false;
    boolean alpha = false;
    long offset = 0;
    long count = -1;
    boolean limited = false;
    Bytes store = null;
    byte[] by = null;
    boolean dontSort = false;
    List<byte[]> gets = new ArrayList<>();
    for (int i = 2; i < c.argc(); i++) {
      int left = c.argc() - i - 1;
      if (c.is(i, "ASC")) {
        desc = false;
      } else if (c.is(i, "DESC")) {
        desc = true;
      } else if (c.is(i, "ALPHA")) {
        alpha = true;
      } else if (c.is(i, "LIMIT") && left >= 2) {
        offset = c.longArg(i + 1);
        count = c.longArg(i + 2);
        limited = true;
        i += 2;
      } else if (storeAllowed && c.is(i, "STORE") && left >= 1) {
        store = c.key(i + 1);
        i++;
      } else if (c.is(i, "BY") && left >= 1) {
        by = c.arg(i + 1);
        if (indexOf(by, (byte) '*', 0) < 0) {
          dontSort = true;
        }
        i++;
      } else if (c.is(i, "GET") && left >= 1) {
        gets.add(c.arg(i + 1));
        i++;
      } else {
        throw RedisError.syntax();
      }
    }
    RedisValue value = store != null ? c.lookupWrite(c.key(1), RedisValue.class) : c.read(c.key(1));
    List<Item> items = new ArrayList<>();
    if (value instanceof ListValue l) {
      for (int i = 0; i < l.size(); i++) {
        items.add(new Item(Bytes.wrap(l.get(i))));
      }
    } else if (value instanceof SetValue s) {
      List<Bytes> members = s.ordered();
      if (dontSort && store != null) {
        members.sort(Bytes::compareTo); // deterministic for replication, as Redis
        dontSort = false;
        alpha = true;
        by = null;
      }
      members.forEach(m -> items.add(new Item(m)));
    } else if (value instanceof ZSetValue z) {
      z.convertToSkiplist(); // as Redis's sortCommandGeneric, visible in OBJECT ENCODING
      z.entries().forEach(e -> items.add(new Item(e.member())));
      if (dontSort && desc) {
        java.util.Collections.reverse(items);
      }
    } else if (value != null) {
      throw RedisError.wrongType();
    }
    if (!dontSort) {
      for (Item item : items) {
        byte[] source = item.element.bytes();
        if (by != null) {
          source = lookup(c, by, item.element);
          if (source == null) {
            continue; // missing: score 0, null comparison object
          }
        }
        if (alpha) {
          item.by = source;
        } else {
          Double d = strtod(source);
          if (d == null) {
            throw new RedisError("ERR One or more scores can't be converted into double");
          }
          item.score = d;
        }
      }
      final boolean byPattern = by != null;
      final boolean alphaSort = alpha;
      final boolean descending = desc;
      items.sort((a, b) -> {
        int cmp;
        if (!alphaSort) {
          cmp = Double.compare(a.score, b.score);
          if (a.score == b.score) {
            cmp = a.element.compareTo(b.element);
          }
        } else if (byPattern) {
          if (a.by == null || b.by == null) {
            cmp = a.by == b.by ? 0 : (a.by == null ? -1 : 1);
          } else {
            cmp = collate(a.by, b.by);
          }
        } else {
          cmp = collate(a.element.bytes(), b.element.bytes());
        }
        return descending ? -cmp : cmp;
      });
    }
    int start = 0;
    int end = items.size() - 1;
    if (limited) {
      long s = Math.max(0, offset);
      long n = count < 0 ? items.size() : count;
      if (s >= items.size()) {
        start = 0;
        end = -1;
      } else {
        start = (int) s;
        end = (int) Math.min(items.size() - 1, s + n - 1);
      }
    }
    List<byte[]> out = new ArrayList<>();
    List<RespValue> reply = new ArrayList<>();
    for (int i = start; i <= end; i++) {
      Item item = items.get(i);
      if (gets.isEmpty()) {
        out.add(item.element.bytes());
        reply.add(RespBulkString.of(item.element.bytes()));
      } else {
        for (byte[] pattern : gets) {
          byte[] v = lookup(c, pattern, item.element);
          out.add(v == null ? new byte[0] : v);
          reply.add(v == null ? RespNull.BULK : RespBulkString.of(v));
        }
      }
    }
    if (store == null) {
      return new RespArray(reply);
    }
    if (out.isEmpty()) {
      if (c.db().delete(store)) {
        c.notify(NOTIFY_GENERIC, "del", store);
      }
    } else {
      ListValue list = new ListValue();
      out.forEach(list::addLast);
      c.db().put(store, list, false);
      c.notify(NOTIFY_LIST, "sortstore", store);
    }
    return Replies.integer(out.size());
  }

  /** Redis parses SORT weights with {@code strtod}: leading spaces allowed, "" is 0, NaN refused. */
  private static Double strtod(byte[] b) {
    int i = 0;
    while (i < b.length && (b[i] == ' ' || (b[i] >= '\t' && b[i] <= '\r'))) {
      i++;
    }
    if (i == b.length) {
      return b.length == 0 ? 0.0 : null;
    }
    return Numbers.parseDouble(Arrays.copyOfRange(b, i, b.length));
  }

  /** {@code strcoll} in the C locale stops at the first NUL byte. */
  private static int collate(byte[] a, byte[] b) {
    int na = indexOf(a, (byte) 0, 0);
    int nb = indexOf(b, (byte) 0, 0);
    return Arrays.compareUnsigned(a, 0, na < 0 ? a.length : na, b, 0, nb < 0 ? b.length : nb);
  }

  /** Redis's {@code lookupKeyByPattern}: "#", "prefix*suffix" or "prefix*suffix->field". */
  private static byte[] lookup(Call c, byte[] pattern, Bytes element) {
    if (pattern.length == 1 && pattern[0] == '#') {
      return element.bytes();
    }
    int star = indexOf(pattern, (byte) '*', 0);
    if (star < 0) {
      return null;
    }
    int arrow = indexOfArrow(pattern, star + 1);
    int keyEnd = arrow >= 0 && arrow + 2 < pattern.length ? arrow : pattern.length;
    byte[] name = new byte[keyEnd - 1 + element.length()];
    System.arraycopy(pattern, 0, name, 0, star);
    System.arraycopy(element.bytes(), 0, name, star, element.length());
    System.arraycopy(pattern, star + 1, name, star + element.length(), keyEnd - star - 1);
    RedisValue v = c.db().get(Bytes.wrap(name));
    if (v == null) {
      return null;
    }
    if (keyEnd < pattern.length) {
      if (!(v instanceof HashValue h)) {
        return null;
      }
      return h.fields().get(Bytes.wrap(Arrays.copyOfRange(pattern, keyEnd + 2, pattern.length)));
    }
    return v instanceof StringValue s ? s.bytes() : null;
  }

  private static int indexOf(byte[] b, byte x, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfArrow(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '-' && b[i + 1] == '>') {
        return i;
      }
    }
    return -1;
  }

}
