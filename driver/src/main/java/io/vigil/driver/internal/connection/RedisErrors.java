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
    String code = error.prefix();
    String text = error.message();
    switch (code) {
      case "WRONGTYPE":
        return new WrongTypeException(code, text, command, node);
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
}
