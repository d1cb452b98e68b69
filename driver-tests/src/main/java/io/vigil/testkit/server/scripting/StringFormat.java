package io.vigil.testkit.server.scripting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's {@code string.format}: C {@code printf} conversions ({@code d i u c o x X e E f g G
 * q s %}) with flags, width and precision. LuaJ's own ignores widths and float precisions.
 */
final class StringFormat extends VarArgFunction {

  @Override
  public Varargs invoke(Varargs args) {
    byte[] fmt = LuaValues.bytes(args.checkstring(1));
    StringBuilder out = new StringBuilder();
    int arg = 1;
    int i = 0;
    while (i < fmt.length) {
      char ch = (char) (fmt[i++] & 0xff);
      if (ch != '%') {
        out.append(ch);
        continue;
      }
      if (i < fmt.length && fmt[i] == '%') {
        out.append('%');
        i++;
        continue;
      }
      int start = i;
      StringBuilder flags = new StringBuilder();
      while (i < fmt.length && "-+ #0".indexOf(fmt[i]) >= 0) {
        flags.append((char) fmt[i++]);
      }
      if (flags.length() > 5) {
        throw new LuaError("invalid format (repeated flags)");
      }
      int width = 0;
      int digits = 0;
      while (i < fmt.length && Character.isDigit(fmt[i])) {
        width = width * 10 + (fmt[i++] - '0');
        digits++;
      }
      int precision = -1;
      if (i < fmt.length && fmt[i] == '.') {
        i++;
        precision = 0;
        int pd = 0;
        while (i < fmt.length && Character.isDigit(fmt[i])) {
          precision = precision * 10 + (fmt[i++] - '0');
          pd++;
        }
        if (pd > 2) {
          throw new LuaError("invalid format (width or precision too long)");
        }
      }
      if (digits > 2) {
        throw new LuaError("invalid format (width or precision too long)");
      }
      if (i >= fmt.length) {
        throw new LuaError("invalid option '%" + new String(fmt, start, i - start, java.nio.charset.StandardCharsets.ISO_8859_1)
            + "' to 'format'");
      }
      char conv = (char) fmt[i++];
      arg++;
      String f = flags.toString();
      switch (conv) {
        case 'c':
          out.append(pad(String.valueOf((char) (args.checkint(arg) & 0xff)), width, f, false));
          break;
        case 'd':
        case 'i':
          out.append(integer(LuaReplies.toLong(args.checkdouble(arg)), width, precision, f, 10, false, true));
          break;
        case 'u':
          out.append(integer(LuaReplies.toLong(args.checkdouble(arg)), width, precision, f, 10, false, false));
          break;
        case 'o':
          out.append(integer(LuaReplies.toLong(args.checkdouble(arg)), width, precision, f, 8, false, false));
          break;
        case 'x':
        case 'X':
          out.append(integer(LuaReplies.toLong(args.checkdouble(arg)), width, precision, f, 16, conv == 'X', false));
          break;
        case 'e':
        case 'E':
        case 'f':
        case 'g':
        case 'G':
          out.append(floating(args.checkdouble(arg), width, precision, f, conv));
          break;
        case 'q':
          quote(out, LuaValues.bytes(stringArg(args, arg)));
          break;
        case 's': {
          String s = latin1(LuaValues.bytes(stringArg(args, arg)));
          if (precision >= 0 && s.length() > precision) {
            s = s.substring(0, precision);
          }
          out.append(pad(s, width, f, false));
          break;
        }
        default:
          throw new LuaError("invalid option '%" + conv + "' to 'format'");
      }
    }
    return LuaValue.valueOf(latin1Bytes(out));
  }

  /** A string argument; numbers are spelled as Lua 5.1 spells them. */
  private static LuaValue stringArg(Varargs args, int i) {
    LuaValue v = args.arg(i);
    return v.type() == LuaValue.TNUMBER ? v : args.checkstring(i);
  }

  private static String latin1(byte[] b) {
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static byte[] latin1Bytes(StringBuilder sb) {
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static void quote(StringBuilder out, byte[] s) {
    out.append('"');
    for (byte b : s) {
      char c = (char) (b & 0xff);
      switch (c) {
        case '"':
        case '\\':
          out.append('\\').append(c);
          break;
        case '\n':
          out.append("\\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\0':
          out.append("\\000");
          break;
        default:
          out.append(c);
      }
    }
    out.append('"');
  }

  private static String pad(String body, int width, String flags, boolean zeroAllowed) {
    if (body.length() >= width) {
      return body;
    }
    int n = width - body.length();
    if (flags.indexOf('-') >= 0) {
      return body + " ".repeat(n);
    }
    if (zeroAllowed && flags.indexOf('0') >= 0) {
      int signEnd = 0;
      if (!body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0) {
        signEnd = 1;
      }
      if (body.startsWith("0x", signEnd) || body.startsWith("0X", signEnd)) {
        signEnd += 2;
      }
      return body.substring(0, signEnd) + "0".repeat(n) + body.substring(signEnd);
    }
    return " ".repeat(n) + body;
  }

  private static String integer(long v, int width, int precision, String flags, int radix, boolean upper,
      boolean signed) {
    boolean negative = signed && v < 0;
    String digits;
    if (signed) {
      digits = negative ? (v == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(-v)) : Long.toString(v);
    } else {
      digits = Long.toUnsignedString(v, radix);
    }
    if (upper) {
      digits = digits.toUpperCase(java.util.Locale.ROOT);
    }
    if (precision >= 0) {
      if (precision == 0 && v == 0) {
        digits = "";
      }
      while (digits.length() < precision) {
        digits = "0" + digits;
      }
    }
    if (flags.indexOf('#') >= 0 && v != 0) {
      if (radix == 16) {
        digits = (upper ? "0X" : "0x") + digits;
      } else if (radix == 8 && !digits.startsWith("0")) {
        digits = "0" + digits;
      }
    }
    String sign = negative ? "-" : signed && flags.indexOf('+') >= 0 ? "+" : signed && flags.indexOf(' ') >= 0 ? " " : "";
    return pad(sign + digits, width, flags, precision < 0);
  }

  private static String floating(double v, int width, int precision, String flags, char conv) {
    boolean upper = Character.isUpperCase(conv);
    String body;
    boolean negative = v < 0 || (v == 0 && 1 / v < 0);
    double a = Math.abs(v);
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      body = Double.isNaN(v) ? "nan" : "inf";
      negative = Double.isNaN(v) || v < 0;
      if (upper) {
        body = body.toUpperCase(java.util.Locale.ROOT);
      }
      String sign = negative ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
      return pad(sign + body, width, flags, false);
    }
    int p = precision < 0 ? 6 : precision;
    boolean alt = flags.indexOf('#') >= 0;
    switch (Character.toLowerCase(conv)) {
      case 'f':
        body = new BigDecimal(a).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
        if (alt && p == 0) {
          body += ".";
        }
        break;
      case 'e':
        body = exponential(a, p, alt);
        break;
      default: {
        int gp = p == 0 ? 1 : p;
        if (a == 0) {
          body = alt ? "0." + "0".repeat(gp - 1) : "0";
          break;
        }
        BigDecimal r = new BigDecimal(a).round(new MathContext(gp, RoundingMode.HALF_EVEN));
        int x = r.precision() - r.scale() - 1;
        if (x < -4 || x >= gp) {
          body = exponential(a, gp - 1, alt);
          if (!alt) {
            int e = body.indexOf('e');
            String mant = body.substring(0, e);
            if (mant.indexOf('.') >= 0) {
              mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            body = mant + body.substring(e);
          }
        } else {
          body = new BigDecimal(a).setScale(Math.max(0, gp - 1 - x), RoundingMode.HALF_EVEN).toPlainString();
          if (!alt && body.indexOf('.') >= 0) {
            body = body.replaceAll("0+$", "").replaceAll("\\.$", "");
          }
        }
      }
    }
    if (upper) {
      body = body.toUpperCase(java.util.Locale.ROOT);
    }
    String sign = negative ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
    return pad(sign + body, width, flags, true);
  }

  private static String exponential(double a, int p, boolean alt) {
    if (a == 0) {
      return "0" + (p > 0 ? "." + "0".repeat(p) : alt ? "." : "") + "e+00";
    }
    BigDecimal r = new BigDecimal(a).round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
    int x = r.precision() - r.scale() - 1;
    String digits = r.unscaledValue().toString();
    while (digits.length() < p + 1) {
      digits += "0";
    }
    digits = digits.substring(0, p + 1);
    StringBuilder sb = new StringBuilder().append(digits.charAt(0));
    if (p > 0) {
      sb.append('.').append(digits, 1, p + 1);
    } else if (alt) {
      sb.append('.');
    }
    sb.append('e').append(x < 0 ? '-' : '+');
    int ax = Math.abs(x);
    if (ax < 10) {
      sb.append('0');
    }
    return sb.append(ax).toString();
  }
}
