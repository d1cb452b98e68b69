package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.codec.ReplyConverter;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Spec;
import io.vigil.resp.RespValue;

/**
 * Any command, for what the typed methods do not cover: sent as given, its reply raw or converted
 * with a {@link ReplyConverter}. Commands that change the connection's state ({@code SUBSCRIBE},
 * {@code MULTI}, {@code SELECT}…) are refused with {@link IllegalArgumentException}: use the
 * dedicated API. Blocking commands get a connection of their own and no deadline. Reads are
 * recognised by the server's own command flags and follow the view's read policy.
 */
public interface GenericDefinitions<K, V> extends Definitions<K, V> {

  /**
   * Sends any command ({@code execute("OBJECT", "ENCODING", "k")}) and returns the raw reply.
   * Error replies throw as for typed methods.
   */
  default Spec<RespValue> execute(String... args) {
    return GenericCommands.spec(table(), GenericCommands.bytes(args), (r, c) -> r, codec());
  }

  /** {@link #execute(String...)} with binary arguments. */
  default Spec<RespValue> execute(byte[]... args) {
    return GenericCommands.spec(table(), args, (r, c) -> r, codec());
  }

  /**
   * Sends any command and converts its reply with {@code reply}, keys and values decoded with this
   * view's codec: {@code execute(ReplyConverter.integer(), "OBJECT", "FREQ", "k")}.
   */
  default <T> Spec<T> execute(ReplyConverter<K, V, T> reply, String... args) {
    return GenericCommands.spec(table(), GenericCommands.bytes(args), reply, codec());
  }

  /** {@link #execute(ReplyConverter, String...)} with binary arguments. */
  default <T> Spec<T> execute(ReplyConverter<K, V, T> reply, byte[]... args) {
    return GenericCommands.spec(table(), args, reply, codec());
  }
}
