package io.vigil.driver.internal.connection;

import io.vigil.driver.AuthenticationException;
import io.vigil.driver.BusyException;
import io.vigil.driver.LoadingException;
import io.vigil.driver.MasterDownException;
import io.vigil.driver.NoScriptException;
import io.vigil.driver.ReadOnlyException;
import io.vigil.driver.RedisServerException;
import io.vigil.driver.WrongTypeException;
import io.vigil.resp.RespError;

/** Maps an error reply to the typed exception for its prefix, keeping the server's text. */
public final class RedisErrors {

  private RedisErrors() {}

  /** The exception for {@code error}, raised by {@code command} on {@code node}. */
  public static RedisServerException toException(RespError error, String command, String node) {
    return toException(error, command, node, null);
  }

  /**
   * The exception for {@code error}, raised by {@code command} on {@code node} for {@code key}
   * (its bytes, or null when unknown), which {@code WRONGTYPE} names.
   */
  public static RedisServerException toException(RespError error, String command, String node, byte[] key) {
    String code = error.prefix();
    String text = error.message();
    switch (code) {
      case "WRONGTYPE":
        return new WrongTypeException(code, text, command, node, key == null ? null : printable(key));
      case "READONLY":
        return new ReadOnlyException(code, text, command, node);
      case "NOAUTH":
      case "WRONGPASS":
      case "NOPERM":
        return new AuthenticationException(code, text, command, node);
      case "LOADING":
        return new LoadingException(code, text, command, node);
      case "MASTERDOWN":
        return new MasterDownException(code, text, command, node);
      case "BUSY":
        return new BusyException(code, text, command, node);
      case "NOSCRIPT":
        return new NoScriptException(code, text, command, node);
      default:
        return new RedisServerException(code, text, command, node);
    }
  }

  /** {@code key} as text, bytes that are not printable UTF-8 escaped as {@code \\xNN}, cut at 100 characters. */
  static String printable(byte[] key) {
    StringBuilder b = new StringBuilder();
    String text = new String(key, java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < text.length() && b.length() < 100; i++) {
      char c = text.charAt(i);
      if (c == '\uFFFD' || Character.isISOControl(c)) {
        b.append(String.format("\\x%02x", (int) c & 0xff));
      } else {
        b.append(c);
      }
    }
    return b.length() >= 100 ? b + "..." : b.toString();
  }
}
