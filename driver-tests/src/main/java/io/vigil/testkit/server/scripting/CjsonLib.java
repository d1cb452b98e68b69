package io.vigil.testkit.server.scripting;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code cjson} library (lua-cjson 2.1.0) Redis bundles: {@code encode} and {@code decode}
 * with its number precision, escapes ({@code /} included), sparse-array and nesting rules and
 * error texts; {@code cjson.null} is a sentinel userdata.
 *
 * <p>Object keys come out in Lua's table order, which is a hash order; LuaJ's differs from
 * Lua 5.1's, so objects with several keys may list them in another order than Redis does.
 */
final class CjsonLib {

  /** {@code cjson.null}, what {@code decode} gives for JSON null. */
  static final LuaValue NULL = new LuaUserdata(new Object());

  private int encodeMaxDepth = 1000;
  private int decodeMaxDepth = 1000;
  private int precision = 14;
  private boolean encodeInvalidNumbers;
  private boolean decodeInvalidNumbers = true;
  private boolean sparseConvert;
  private int sparseRatio = 2;
  private int sparseSafe = 10;

  private CjsonLib() {}

  static ReadOnlyTable create() {
    CjsonLib lib = new CjsonLib();
    ReadOnlyTable t = new ReadOnlyTable();
    t.define("_NAME", LuaValue.valueOf("cjson"));
    t.define("_VERSION", LuaValue.valueOf("2.1.0"));
    t.define("null", NULL);
    t.define("encode", RedisApi.fn(args -> {
      if (args.narg() != 1) {
        throw ScriptError.message("bad argument #1 to 'encode' (expected 1 argument)");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      lib.encode(args.arg1(), out, 0);
      return LuaValue.valueOf(out.toByteArray());
    }));
    t.define("decode", RedisApi.fn(args -> {
      if (args.narg() != 1) {
        throw ScriptError.message("bad argument #1 to 'decode' (expected 1 argument)");
      }
      return new Decoder(LibArgs.string(args, 1, "decode"), lib.decodeMaxDepth).document();
    }));
    t.define("encode_max_depth", RedisApi.fn(args -> {
      lib.encodeMaxDepth = (int) LibArgs.optNumber(args, 1, "encode_max_depth", lib.encodeMaxDepth);
      return LuaValue.valueOf(lib.encodeMaxDepth);
    }));
    t.define("decode_max_depth", RedisApi.fn(args -> {
      lib.decodeMaxDepth = (int) LibArgs.optNumber(args, 1, "decode_max_depth", lib.decodeMaxDepth);
      return LuaValue.valueOf(lib.decodeMaxDepth);
    }));
    t.define("encode_number_precision", RedisApi.fn(args -> {
      int p = (int) LibArgs.optNumber(args, 1, "encode_number_precision", lib.precision);
      if (p < 1 || p > 14) {
        throw LibArgs.argError(1, "encode_number_precision", "expected integer between 1 and 14");
      }
      lib.precision = p;
      return LuaValue.valueOf(p);
    }));
    t.define("encode_keep_buffer", RedisApi.fn(args -> LuaValue.TRUE));
    t.define("encode_invalid_numbers", RedisApi.fn(args -> {
      if (!args.isnoneornil(1)) {
        lib.encodeInvalidNumbers = args.arg1().toboolean();
      }
      return LuaValue.valueOf(lib.encodeInvalidNumbers);
    }));
    t.define("decode_invalid_numbers", RedisApi.fn(args -> {
      if (!args.isnoneornil(1)) {
        lib.decodeInvalidNumbers = args.arg1().toboolean();
      }
      return LuaValue.valueOf(lib.decodeInvalidNumbers);
    }));
    t.define("encode_sparse_array", RedisApi.fn(args -> {
      if (!args.isnoneornil(1)) {
        lib.sparseConvert = args.arg1().toboolean();
      }
      lib.sparseRatio = (int) LibArgs.optNumber(args, 2, "encode_sparse_array", lib.sparseRatio);
      lib.sparseSafe = (int) LibArgs.optNumber(args, 3, "encode_sparse_array", lib.sparseSafe);
      return LuaValue.varargsOf(new LuaValue[] {LuaValue.valueOf(lib.sparseConvert),
          LuaValue.valueOf(lib.sparseRatio), LuaValue.valueOf(lib.sparseSafe)});
    }));
    t.define("new", RedisApi.fn(args -> create()));
    return t;
  }

  private static ScriptError cannot(String type, String why) {
    return ScriptError.message("Cannot serialise " + type + ": " + why);
  }

  private void encode(LuaValue v, ByteArrayOutputStream out, int depth) {
    switch (v.type()) {
      case LuaValue.TSTRING:
        string(LuaValues.bytes(v), out);
        return;
      case LuaValue.TNUMBER:
        number(v.todouble(), out);
        return;
      case LuaValue.TBOOLEAN:
        write(out, v.toboolean() ? "true" : "false");
        return;
      case LuaValue.TNIL:
        write(out, "null");
        return;
      case LuaValue.TTABLE:
        table((LuaTable) v, out, depth + 1);
        return;
      case LuaValue.TUSERDATA:
      case LuaValue.TLIGHTUSERDATA:
        if (v == NULL) {
          write(out, "null");
          return;
        }
        throw cannot("userdata", "type not supported");
      default:
        throw cannot(v.typename(), "type not supported");
    }
  }

  private void number(double d, ByteArrayOutputStream out) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      if (!encodeInvalidNumbers) {
        throw cannot("number", "must not be NaN or Inf");
      }
      write(out, Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
      return;
    }
    write(out, LuaNumbers.formatG(d, precision));
  }

  private void table(LuaTable t, ByteArrayOutputStream out, int depth) {
    if (depth > encodeMaxDepth) {
      throw ScriptError.message("Cannot serialise, excessive nesting (" + depth + ")");
    }
    int length = arrayLength(t);
    if (length > 0) {
      out.write('[');
      for (int i = 1; i <= length; i++) {
        if (i > 1) {
          out.write(',');
        }
        encode(t.rawget(i), out, depth);
      }
      out.write(']');
      return;
    }
    out.write('{');
    boolean first = true;
    LuaValue k = LuaValue.NIL;
    while (true) {
      Varargs n = t.next(k);
      if ((k = n.arg1()).isnil()) {
        break;
      }
      if (!first) {
        out.write(',');
      }
      first = false;
      if (k.type() == LuaValue.TSTRING) {
        string(LuaValues.bytes(k), out);
      } else if (k.type() == LuaValue.TNUMBER) {
        out.write('"');
        number(k.todouble(), out);
        out.write('"');
      } else {
        throw cannot(k.typename(), "table key must be a number or string");
      }
      out.write(':');
      encode(n.arg(2), out, depth);
    }
    out.write('}');
  }

  /**
   * lua-cjson's {@code lua_array_length}: the array size when every key is a positive integer
   * (holes allowed unless excessively sparse), -1 for an object, 0 for an empty table.
   */
  private int arrayLength(LuaTable t) {
    double max = 0;
    int items = 0;
    LuaValue k = LuaValue.NIL;
    while (true) {
      Varargs n = t.next(k);
      if ((k = n.arg1()).isnil()) {
        break;
      }
      if (k.type() == LuaValue.TNUMBER) {
        double d = k.todouble();
        if (Math.floor(d) == d && d >= 1) {
          if (d > max) {
            max = d;
          }
          items++;
          continue;
        }
      }
      return -1;
    }
    if (sparseRatio > 0 && max > items * sparseRatio && max > sparseSafe) {
      if (!sparseConvert) {
        throw cannot("table", "excessively sparse array");
      }
      return -1;
    }
    return (int) max;
  }

  private static void string(byte[] s, ByteArrayOutputStream out) {
    out.write('"');
    for (byte b : s) {
      int c = b & 0xff;
      switch (c) {
        case '"' -> write(out, "\\\"");
        case '\\' -> write(out, "\\\\");
        case '/' -> write(out, "\\/");
        case '\b' -> write(out, "\\b");
        case '\f' -> write(out, "\\f");
        case '\n' -> write(out, "\\n");
        case '\r' -> write(out, "\\r");
        case '\t' -> write(out, "\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            write(out, String.format("\\u%04x", c));
          } else {
            out.write(c);
          }
        }
      }
    }
    out.write('"');
  }

  private static void write(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    out.write(b, 0, b.length);
  }

  /** A recursive-descent JSON reader reporting errors as lua-cjson words them. */
  private static final class Decoder {
    private final byte[] s;
    private final int maxDepth;
    private int pos;
    private int depth;

    Decoder(byte[] s, int maxDepth) {
      this.s = s;
      this.maxDepth = maxDepth;
    }

    LuaValue document() {
      LuaValue v = value("value");
      skip();
      if (pos < s.length) {
        throw expected("the end", found());
      }
      return v;
    }

    private void skip() {
      while (pos < s.length && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) {
        pos++;
      }
    }

    private ScriptError expected(String what, String found) {
      return ScriptError.message("Expected " + what + " but found " + found + " at character " + (pos + 1));
    }

    /** The name lua-cjson gives the token at {@code pos}. */
    private String found() {
      if (pos >= s.length) {
        return "T_END";
      }
      switch (s[pos]) {
        case '{': return "T_OBJ_BEGIN";
        case '}': return "T_OBJ_END";
        case '[': return "T_ARR_BEGIN";
        case ']': return "T_ARR_END";
        case ':': return "T_COLON";
        case ',': return "T_COMMA";
        case '"': return "T_STRING";
        default:
          if (s[pos] == '-' || (s[pos] >= '0' && s[pos] <= '9')) {
            return "T_NUMBER";
          }
          if (startsWith("true") || startsWith("false")) {
            return "T_BOOLEAN";
          }
          if (startsWith("null")) {
            return "T_NULL";
          }
          return "invalid token";
      }
    }

    private boolean startsWith(String word) {
      if (pos + word.length() > s.length) {
        return false;
      }
      for (int i = 0; i < word.length(); i++) {
        if (s[pos + i] != word.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private LuaValue value(String what) {
      skip();
      if (pos >= s.length) {
        throw expected(what, "T_END");
      }
      byte c = s[pos];
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return LuaValue.valueOf(string());
        case 't':
          if (startsWith("true")) {
            pos += 4;
            return LuaValue.TRUE;
          }
          break;
        case 'f':
          if (startsWith("false")) {
            pos += 5;
            return LuaValue.FALSE;
          }
          break;
        case 'n':
          if (startsWith("null")) {
            pos += 4;
            return NULL;
          }
          break;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number(what);
          }
      }
      throw expected(what, found());
    }

    private LuaValue number(String what) {
      int start = pos;
      if (s[pos] == '-') {
        pos++;
      }
      while (pos < s.length && ((s[pos] >= '0' && s[pos] <= '9') || s[pos] == '.' || s[pos] == 'e'
          || s[pos] == 'E' || s[pos] == '+' || s[pos] == '-')) {
        pos++;
      }
      String text = new String(s, start, pos - start, StandardCharsets.US_ASCII);
      try {
        return LuaValue.valueOf(Double.parseDouble(text));
      } catch (NumberFormatException e) {
        pos = start;
        throw expected(what, "invalid number");
      }
    }

    private void enter() {
      depth++;
      if (depth > maxDepth) {
        throw ScriptError.message("Found too many nested data structures (" + depth + ") at character " + (pos + 1));
      }
    }

    private LuaValue object() {
      enter();
      pos++;
      LuaTable t = new LuaTable();
      skip();
      if (pos < s.length && s[pos] == '}') {
        pos++;
        depth--;
        return t;
      }
      while (true) {
        skip();
        if (pos >= s.length || s[pos] != '"') {
          throw expected("object key string", found());
        }
        LuaValue key = LuaValue.valueOf(string());
        skip();
        if (pos >= s.length || s[pos] != ':') {
          throw expected("colon", found());
        }
        pos++;
        t.rawset(key, value("value"));
        skip();
        if (pos < s.length && s[pos] == ',') {
          pos++;
          continue;
        }
        if (pos < s.length && s[pos] == '}') {
          pos++;
          depth--;
          return t;
        }
        throw expected("comma or object end", found());
      }
    }

    private LuaValue array() {
      enter();
      pos++;
      LuaTable t = new LuaTable();
      skip();
      if (pos < s.length && s[pos] == ']') {
        pos++;
        depth--;
        return t;
      }
      for (int i = 1; ; i++) {
        t.rawset(i, value("value"));
        skip();
        if (pos < s.length && s[pos] == ',') {
          pos++;
          continue;
        }
        if (pos < s.length && s[pos] == ']') {
          pos++;
          depth--;
          return t;
        }
        throw expected("comma or array end", found());
      }
    }

    private byte[] string() {
      pos++;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        if (pos >= s.length) {
          throw expected("value", "unexpected end of string");
        }
        int c = s[pos] & 0xff;
        if (c == '"') {
          pos++;
          return out.toByteArray();
        }
        if (c != '\\') {
          out.write(c);
          pos++;
          continue;
        }
        if (pos + 1 >= s.length) {
          throw expected("value", "invalid escape code");
        }
        int e = s[pos + 1];
        switch (e) {
          case '"', '\\', '/' -> out.write(e);
          case 'b' -> out.write('\b');
          case 'f' -> out.write('\f');
          case 'n' -> out.write('\n');
          case 'r' -> out.write('\r');
          case 't' -> out.write('\t');
          case 'u' -> {
            int cp = hex4(pos + 2);
            int used = 6;
            if (cp >= 0xD800 && cp <= 0xDBFF && pos + 11 < s.length + 0 && s[pos + 6] == '\\' && s[pos + 7] == 'u') {
              int lo = hex4(pos + 8);
              if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                used = 12;
              }
            }
            if (cp < 0) {
              throw expected("value", "invalid unicode escape code");
            }
            byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            out.write(utf8, 0, utf8.length);
            pos += used;
            continue;
          }
          default -> throw expected("value", "invalid escape code");
        }
        pos += 2;
      }
    }

    private int hex4(int at) {
      if (at + 4 > s.length) {
        return -1;
      }
      int v = 0;
      for (int i = 0; i < 4; i++) {
        int d = Character.digit(s[at + i], 16);
        if (d < 0) {
          return -1;
        }
        v = v * 16 + d;
      }
      return v;
    }
  }
}
