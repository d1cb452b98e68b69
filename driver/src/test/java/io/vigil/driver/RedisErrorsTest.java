package io.vigil.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.internal.connection.RedisErrors;
import io.vigil.resp.RespError;
import org.junit.jupiter.api.Test;

class RedisErrorsTest {

  @Test
  void wellKnownPrefixesGetTheirOwnTypeAndKeepTheServerText() {
    RedisServerException e = RedisErrors.toException(
        RespError.of("READONLY You can't write against a read only replica."), "SET", "10.0.0.2:6379");

    assertThat(e).isInstanceOf(ReadOnlyException.class);
    assertThat(e.errorCode()).isEqualTo("READONLY");
    assertThat(e.serverMessage()).isEqualTo("READONLY You can't write against a read only replica.");
    assertThat(e.getMessage()).isEqualTo(
        "READONLY You can't write against a read only replica. (command SET on 10.0.0.2:6379)");
  }

  @Test
  void eachKnownPrefixMapsToItsType() {
    assertThat(RedisErrors.toException(RespError.of("WRONGTYPE x"), "GET", "n")).isInstanceOf(WrongTypeException.class);
    assertThat(RedisErrors.toException(RespError.of("NOAUTH x"), "GET", "n")).isInstanceOf(AuthenticationException.class);
    assertThat(RedisErrors.toException(RespError.of("LOADING x"), "GET", "n")).isInstanceOf(LoadingException.class);
    assertThat(RedisErrors.toException(RespError.of("MASTERDOWN x"), "GET", "n")).isInstanceOf(MasterDownException.class);
    assertThat(RedisErrors.toException(RespError.of("NOSCRIPT x"), "EVALSHA", "n")).isInstanceOf(NoScriptException.class);
    assertThat(RedisErrors.toException(RespError.of("BUSY x"), "GET", "n")).isInstanceOf(BusyException.class);
  }

  @Test
  void otherErrorsAreGenericWithTheirPrefix() {
    RedisServerException e = RedisErrors.toException(RespError.of("ERR syntax error"), "SET", "n");

    assertThat(e.getClass()).isEqualTo(RedisServerException.class);
    assertThat(e.errorCode()).isEqualTo("ERR");
  }
}
