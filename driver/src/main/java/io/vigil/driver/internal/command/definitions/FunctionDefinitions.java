package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.FlushMode;
import io.vigil.driver.args.FunctionRestorePolicy;
import io.vigil.driver.codec.ReplyConverter;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.ScriptReplies;
import io.vigil.driver.values.FunctionStats;
import io.vigil.driver.values.LibraryInfo;
import java.util.List;

/**
 * Functions: libraries of Lua functions loaded with {@code FUNCTION LOAD} and called with {@code
 * FCALL}. Unlike scripts, libraries are persisted and replicated, so a promoted replica has them.
 * {@code FCALL_RO} is a read: it follows the view's read policy.
 */
public interface FunctionDefinitions<K, V> extends Definitions<K, V> {

  /**
   * Loads a library ({@code #!lua name=mylib} then {@code redis.register_function(...)} calls); its
   * name. Fails when a library of that name exists.
   */
  default Spec<String> functionLoad(String code) {
    return command("FUNCTION LOAD").add(Check.notNull("FUNCTION LOAD", "the library code", code)).spec(Replies.STATUS);
  }

  /** Loads a library, replacing one of the same name when {@code replace}; its name. */
  default Spec<String> functionLoad(String code, boolean replace) {
    return command("FUNCTION LOAD").addIf(replace, "REPLACE")
        .add(Check.notNull("FUNCTION LOAD", "the library code", code)).spec(Replies.STATUS);
  }

  /** Every library with its functions. */
  default Spec<List<LibraryInfo>> functionList() {
    return command("FUNCTION LIST").spec(ScriptReplies.LIBRARIES);
  }

  /**
   * The libraries whose names match the glob {@code libraryPattern} (null for all), with their
   * source when {@code withCode}.
   */
  default Spec<List<LibraryInfo>> functionList(String libraryPattern, boolean withCode) {
    Args<K, V> args = command("FUNCTION LIST");
    if (libraryPattern != null) {
      args.add("LIBRARYNAME").add(libraryPattern);
    }
    return args.addIf(withCode, "WITHCODE").spec(ScriptReplies.LIBRARIES);
  }

  /** Deletes the library {@code name} and its functions; {@code OK}. */
  default Spec<String> functionDelete(String name) {
    return command("FUNCTION DELETE").add(Check.notNull("FUNCTION DELETE", "the library name", name))
        .spec(Replies.STATUS);
  }

  /** Deletes every library; {@code OK}. */
  default Spec<String> functionFlush() {
    return command("FUNCTION FLUSH").spec(Replies.STATUS);
  }

  /** Deletes every library, synchronously or in the background; {@code OK}. */
  default Spec<String> functionFlush(FlushMode mode) {
    return command("FUNCTION FLUSH").add(Check.notNull("FUNCTION FLUSH", "the mode", mode).name())
        .spec(Replies.STATUS);
  }

  /** Every library as a binary payload for {@link #functionRestore}. */
  default Spec<byte[]> functionDump() {
    return command("FUNCTION DUMP").spec(ScriptReplies.BYTES);
  }

  /** Loads the libraries of a {@link #functionDump} payload, failing on names already loaded; {@code OK}. */
  default Spec<String> functionRestore(byte[] dump) {
    return command("FUNCTION RESTORE").add(Check.notNull("FUNCTION RESTORE", "the payload", dump))
        .spec(Replies.STATUS);
  }

  /** Loads the libraries of a {@link #functionDump} payload as {@code policy} says; {@code OK}. */
  default Spec<String> functionRestore(byte[] dump, FunctionRestorePolicy policy) {
    return command("FUNCTION RESTORE").add(Check.notNull("FUNCTION RESTORE", "the payload", dump))
        .add(Check.notNull("FUNCTION RESTORE", "the policy", policy).name()).spec(Replies.STATUS);
  }

  /** The function running now, if any, and the library and function counts per engine. */
  default Spec<FunctionStats> functionStats() {
    return command("FUNCTION STATS").spec(ScriptReplies.STATS);
  }

  /** Stops the function running now, if it has not written; {@code OK}. */
  default Spec<String> functionKill() {
    return command("FUNCTION KILL").spec(Replies.STATUS);
  }

  /** Calls {@code function} with {@code keys} and {@code args}; its result as plain Java. */
  default Spec<Object> fcall(String function, List<K> keys, List<V> args) {
    return Scripts.run(this, "FCALL", Check.notNull("FCALL", "the function name", function), keys, args, object());
  }

  /** Calls {@code function}; its result converted by {@code reply}. */
  default <T> Spec<T> fcall(String function, ReplyConverter<K, V, T> reply, List<K> keys, List<V> args) {
    return Scripts.run(this, "FCALL", Check.notNull("FCALL", "the function name", function), keys, args,
        Scripts.decoder(this, "FCALL", reply));
  }

  /**
   * Calls a function flagged {@code no-writes} ({@code FCALL_RO}): a read, routed by the view's read
   * policy; its result as plain Java.
   */
  default Spec<Object> fcallReadOnly(String function, List<K> keys, List<V> args) {
    return Scripts.run(this, "FCALL_RO", Check.notNull("FCALL_RO", "the function name", function), keys, args,
        object());
  }

  /** {@link #fcallReadOnly(String, List, List)} with the result converted by {@code reply}. */
  default <T> Spec<T> fcallReadOnly(String function, ReplyConverter<K, V, T> reply, List<K> keys, List<V> args) {
    return Scripts.run(this, "FCALL_RO", Check.notNull("FCALL_RO", "the function name", function), keys, args,
        Scripts.decoder(this, "FCALL_RO", reply));
  }
}
