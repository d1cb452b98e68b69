package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.codec.ReplyConverter;
import io.vigil.driver.internal.command.CommandInfo;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.driver.internal.command.Spec;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** How a command given by name and arguments is checked and classified before it is sent. */
final class GenericCommands {

  private GenericCommands() {}

  static <K, V, T> Spec<T> spec(CommandTable table, byte[][] args, ReplyConverter<K, V, T> reply,
      RedisCodec<K, V> codec) {
    if (args == null || args.length == 0) {
      throw new IllegalArgumentException("execute needs at least a command name");
    }
    if (reply == null) {
      throw new IllegalArgumentException("execute: the reply converter must not be null");
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null) {
        throw new IllegalArgumentException("execute: argument " + i + " is null");
      }
    }
    String name = new String(args[0], StandardCharsets.UTF_8);
    CommandInfo info = table.lookup(name);
    if (info.changesConnectionState()) {
      throw new IllegalArgumentException(name.toUpperCase(Locale.ROOT) + " changes the state of the connection it runs"
          + " on and cannot run on a shared one: use subscribe()/psubscribe()/ssubscribe() for pub/sub, transaction()"
          + " for MULTI/EXEC/WATCH, and the builder's database(...) for SELECT");
    }
    return new Spec<>(args, r -> reply.convert(r, codec), info.isBlocking() ? -1 : 0, info.isBlocking());
  }

  static byte[][] bytes(String[] args) {
    if (args == null) {
      return null;
    }
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null) {
        throw new IllegalArgumentException("execute: argument " + i + " is null");
      }
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }
}
