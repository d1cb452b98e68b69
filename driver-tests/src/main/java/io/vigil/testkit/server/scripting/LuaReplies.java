package io.vigil.testkit.server.scripting;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespAttribute;
import io.vigil.resp.RespBigNumber;
import io.vigil.resp.RespBoolean;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespDouble;
import io.vigil.resp.RespDoubles;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespPush;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVerbatimString;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Redis 7.0's conversion rules between replies and Lua values, both ways.
 *
 * <p>A reply becomes Lua as the script's protocol ({@code redis.setresp}) has it: in RESP2 nulls
 * are {@code false}, status and error replies are {@code {ok=...}} and {@code {err=...}} tables;
 * RESP3 adds {@code nil}, booleans, {@code {double=n}}, {@code {map=t}}, {@code {set=t}},
 * {@code {big_number=s}} and {@code {verbatim_string={format=f, string=s}}}. A script's return
 * value becomes a reply by the reverse rules: numbers are truncated to integers, tables stop at
 * the first nil, {@code false} is a null (or a RESP3 boolean). Stateless.
 */
final class LuaReplies {

  private static final LuaValue OK = LuaValue.valueOf("ok");
  private static final LuaValue ERR = LuaValue.valueOf("err");
  private static final LuaValue DOUBLE = LuaValue.valueOf("double");
  private static final LuaValue MAP = LuaValue.valueOf("map");
  private static final LuaValue SET = LuaValue.valueOf("set");
  private static final LuaValue BIG_NUMBER = LuaValue.valueOf("big_number");
  private static final LuaValue VERBATIM = LuaValue.valueOf("verbatim_string");
  private static final LuaValue FORMAT = LuaValue.valueOf("format");
  private static final LuaValue STRING = LuaValue.valueOf("string");
  /** Deeper replies than this are cut, as Lua's stack limit cuts them in Redis. */
  private static final int MAX_DEPTH = 1000;

  private LuaReplies() {}

  /** {@code reply} as a Lua value for a script speaking {@code resp3} or RESP2. */
  static LuaValue toLua(RespValue reply, boolean resp3) {
    if (reply instanceof RespBulkString b) {
      return LuaValues.string(b.bytes());
    }
    if (reply instanceof RespInteger i) {
      return LuaValues.number(i.value());
    }
    if (reply instanceof RespSimpleString s) {
      LuaTable t = new LuaTable();
      t.rawset(OK, LuaValue.valueOf(s.value()));
      return t;
    }
    if (reply instanceof RespError e) {
      return LuaErrors.fromReply(e);
    }
    if (reply instanceof RespNull || reply == null) {
      return resp3 ? LuaValue.NIL : LuaValue.FALSE;
    }
    if (reply instanceof RespArray a) {
      return array(a.elements(), resp3);
    }
    if (reply instanceof RespPush p) {
      return array(p.elements(), resp3);
    }
    if (reply instanceof RespMap m) {
      if (!resp3) {
        return array(m.keysAndValues(), false);
      }
      LuaTable inner = new LuaTable();
      for (int i = 0; i < m.size(); i++) {
        LuaValue k = toLua(m.key(i), true);
        if (!k.isnil()) {
          inner.rawset(k, toLua(m.value(i), true));
        }
      }
      return wrap(MAP, inner);
    }
    if (reply instanceof RespSet s) {
      if (!resp3) {
        return array(s.elements(), false);
      }
      LuaTable inner = new LuaTable();
      for (RespValue e : s.elements()) {
        LuaValue k = toLua(e, true);
        if (!k.isnil()) {
          inner.rawset(k, LuaValue.TRUE);
        }
      }
      return wrap(SET, inner);
    }
    if (reply instanceof RespDouble d) {
      return resp3 ? wrap(DOUBLE, LuaValue.valueOf(d.value()))
          : LuaValue.valueOf(RespDoubles.format(d.value()));
    }
    if (reply instanceof RespBoolean b) {
      return resp3 ? LuaValue.valueOf(b.value()) : LuaValue.valueOf(b.value() ? 1 : 0);
    }
    if (reply instanceof RespBigNumber n) {
      return resp3 ? wrap(BIG_NUMBER, LuaValue.valueOf(n.value().toString()))
          : LuaValue.valueOf(n.value().toString());
    }
    if (reply instanceof RespVerbatimString v) {
      if (!resp3) {
        return LuaValues.string(v.bytes());
      }
      LuaTable inner = new LuaTable();
      inner.rawset(FORMAT, LuaValue.valueOf(v.format()));
      inner.rawset(STRING, LuaValues.string(v.bytes()));
      return wrap(VERBATIM, inner);
    }
    if (reply instanceof RespAttribute a) {
      return toLua(a.value(), resp3);
    }
    throw new IllegalArgumentException("no Lua form for reply " + reply);
  }

  private static LuaTable wrap(LuaValue key, LuaValue value) {
    LuaTable t = new LuaTable();
    t.rawset(key, value);
    return t;
  }

  private static LuaTable array(List<RespValue> elements, boolean resp3) {
    LuaTable t = new LuaTable(elements.size(), 0);
    int i = 1;
    for (RespValue e : elements) {
      LuaValue v = toLua(e, resp3);
      if (!v.isnil()) {
        t.rawset(i, v);
      }
      i++;
    }
    return t;
  }

  /**
   * A script's return value as a reply; {@code scriptResp3} is the protocol the script chose
   * with {@code redis.setresp}, which decides how booleans come back.
   */
  static RespValue fromLua(LuaValue v, boolean scriptResp3) {
    return fromLua(v, scriptResp3, 0);
  }

  /** The first value of a script's results. */
  static RespValue fromLua(Varargs results, boolean scriptResp3) {
    return fromLua(results.arg1(), scriptResp3, 0);
  }

  private static RespValue fromLua(LuaValue v, boolean resp3, int depth) {
    if (depth > MAX_DEPTH) {
      return RespError.of("ERR reached lua stack limit");
    }
    switch (v.type()) {
      case LuaValue.TSTRING:
        return RespBulkString.of(LuaValues.bytes(v));
      case LuaValue.TBOOLEAN:
        if (resp3) {
          return v.toboolean() ? RespBoolean.TRUE : RespBoolean.FALSE;
        }
        return v.toboolean() ? RespInteger.of(1) : RespNull.BULK;
      case LuaValue.TNUMBER:
        return RespInteger.of(toLong(v.todouble()));
      case LuaValue.TTABLE:
        return table((LuaTable) v, resp3, depth);
      default:
        return RespNull.BULK;
    }
  }

  /** C's {@code (long long)} cast as x86 does it: truncation, and LLONG_MIN when out of range. */
  static long toLong(double d) {
    if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
      return Long.MIN_VALUE;
    }
    return (long) d;
  }

  private static RespValue table(LuaTable t, boolean resp3, int depth) {
    LuaValue err = t.rawget(ERR);
    if (err.type() == LuaValue.TSTRING) {
      return RespError.of(oneLine(LuaErrors.trimLineBreaks(err.tojstring())));
    }
    LuaValue ok = t.rawget(OK);
    if (ok.type() == LuaValue.TSTRING) {
      return RespSimpleString.of(oneLine(new String(LuaValues.bytes(ok), StandardCharsets.UTF_8)));
    }
    LuaValue dbl = t.rawget(DOUBLE);
    if (dbl.type() == LuaValue.TNUMBER) {
      return new RespDouble(dbl.todouble());
    }
    LuaValue big = t.rawget(BIG_NUMBER);
    if (big.type() == LuaValue.TSTRING) {
      String text = oneLine(big.tojstring());
      try {
        return new RespBigNumber(new BigInteger(text));
      } catch (NumberFormatException e) {
        return RespSimpleString.of(text);
      }
    }
    LuaValue verbatim = t.rawget(VERBATIM);
    if (verbatim.istable()) {
      LuaValue format = verbatim.rawget(FORMAT);
      LuaValue string = verbatim.rawget(STRING);
      if (format.type() == LuaValue.TSTRING && string.type() == LuaValue.TSTRING) {
        return RespVerbatimString.of(format.tojstring(), LuaValues.bytes(string));
      }
    }
    LuaValue map = t.rawget(MAP);
    if (map.istable()) {
      List<RespValue> kv = new ArrayList<>();
      LuaValue k = LuaValue.NIL;
      while (true) {
        Varargs n = map.next(k);
        if ((k = n.arg1()).isnil()) {
          break;
        }
        kv.add(fromLua(k, resp3, depth + 1));
        kv.add(fromLua(n.arg(2), resp3, depth + 1));
      }
      return new RespMap(kv);
    }
    LuaValue set = t.rawget(SET);
    if (set.istable()) {
      List<RespValue> members = new ArrayList<>();
      LuaValue k = LuaValue.NIL;
      while (true) {
        Varargs n = set.next(k);
        if ((k = n.arg1()).isnil()) {
          break;
        }
        members.add(fromLua(k, resp3, depth + 1));
      }
      return new RespSet(members);
    }
    List<RespValue> items = new ArrayList<>();
    for (int i = 1; ; i++) {
      LuaValue e = t.rawget(i);
      if (e.isnil()) {
        break;
      }
      items.add(fromLua(e, resp3, depth + 1));
    }
    return new RespArray(items);
  }

  private static String oneLine(String s) {
    return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : s.replace('\r', ' ').replace('\n', ' ');
  }
}
