package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.Script;
import io.vigil.driver.args.FlushMode;
import io.vigil.driver.codec.ReplyConverter;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.ScriptReplies;
import java.util.List;

/**
 * Lua scripts: {@code EVAL}, {@code EVALSHA}, their read-only forms and the script cache. A
 * {@link Script} runs by its SHA-1 and falls back to its source once when the server lacks it.
 * Results come as plain Java (values, {@code Long}, {@code String}, {@code List}, {@code Map},
 * null) or through a {@link ReplyConverter}. The read-only forms ({@code EVAL_RO}, {@code
 * EVALSHA_RO}) are reads: they follow the view's read policy and may run on a replica.
 */
public interface ScriptingDefinitions<K, V> extends Definitions<K, V> {

  /** Runs the Lua {@code script} with {@code keys} and {@code args}; its result as plain Java. */
  default Spec<Object> eval(String script, List<K> keys, List<V> args) {
    return Scripts.run(this, "EVAL", Check.notNull("EVAL", "the script", script), keys, args, object());
  }

  /** Runs the Lua {@code script}; its result converted by {@code reply}. */
  default <T> Spec<T> eval(String script, ReplyConverter<K, V, T> reply, List<K> keys, List<V> args) {
    return Scripts.run(this, "EVAL", Check.notNull("EVAL", "the script", script), keys, args,
        Scripts.decoder(this, "EVAL", reply));
  }

  /**
   * Runs {@code script} by its SHA-1 ({@code EVALSHA}), sending its source once ({@code EVAL}) when
   * the server answers {@code NOSCRIPT}; as {@code EVAL} inside pipelines and transactions. Its
   * result as plain Java.
   */
  default Spec<Object> eval(Script script, List<K> keys, List<V> args) {
    return Scripts.cached(this, false, script, keys, args, object());
  }

  /** {@link #eval(Script, List, List)} with the result converted by {@code reply}. */
  default <T> Spec<T> eval(Script script, ReplyConverter<K, V, T> reply, List<K> keys, List<V> args) {
    return Scripts.cached(this, false, script, keys, args, Scripts.decoder(this, "EVALSHA", reply));
  }

  /**
   * Runs a script loaded before, by its SHA-1; fails with {@link io.vigil.driver.NoScriptException}
   * when the node does not have it (prefer {@link #eval(Script, List, List)}, which recovers).
   */
  default Spec<Object> evalsha(String sha1, List<K> keys, List<V> args) {
    return Scripts.run(this, "EVALSHA", Scripts.sha1("EVALSHA", sha1), keys, args, object());
  }

  /**
   * Runs a read-only script ({@code EVAL_RO}): a read, routed by the view's read policy; the server
   * refuses it if the script writes.
   */
  default Spec<Object> evalReadOnly(String script, List<K> keys, List<V> args) {
    return Scripts.run(this, "EVAL_RO", Check.notNull("EVAL_RO", "the script", script), keys, args, object());
  }

  /**
   * Runs a read-only {@link Script} by its SHA-1 ({@code EVALSHA_RO}), falling back once to {@code
   * EVAL_RO} where the node lacks it — a replica's cache is its own; a read, routed by the view's
   * read policy.
   */
  default Spec<Object> evalReadOnly(Script script, List<K> keys, List<V> args) {
    return Scripts.cached(this, true, script, keys, args, object());
  }

  /** {@link #evalReadOnly(Script, List, List)} with the result converted by {@code reply}. */
  default <T> Spec<T> evalReadOnly(Script script, ReplyConverter<K, V, T> reply, List<K> keys, List<V> args) {
    return Scripts.cached(this, true, script, keys, args, Scripts.decoder(this, "EVALSHA_RO", reply));
  }

  /** {@code EVALSHA_RO}: a loaded read-only script by its SHA-1; a read, routed by the read policy. */
  default Spec<Object> evalshaReadOnly(String sha1, List<K> keys, List<V> args) {
    return Scripts.run(this, "EVALSHA_RO", Scripts.sha1("EVALSHA_RO", sha1), keys, args, object());
  }

  /** Loads a script into the script cache; its SHA-1 for {@link #evalsha}. */
  default Spec<String> scriptLoad(String script) {
    return command("SCRIPT LOAD").add(Check.notNull("SCRIPT LOAD", "the script", script)).spec(Replies.STATUS);
  }

  /** Loads {@code script} into the script cache; its SHA-1, equal to {@link Script#sha1()}. */
  default Spec<String> scriptLoad(Script script) {
    return command("SCRIPT LOAD").add(Check.notNull("SCRIPT LOAD", "the script", script).source())
        .spec(Replies.STATUS);
  }

  /** Whether each of {@code sha1s} is in the script cache, in order. */
  default Spec<List<Boolean>> scriptExists(String... sha1s) {
    Args<K, V> args = command("SCRIPT EXISTS");
    if (sha1s == null || sha1s.length == 0) {
      throw new IllegalArgumentException("SCRIPT EXISTS needs at least one SHA-1");
    }
    for (String sha1 : sha1s) {
      args.add(Scripts.sha1("SCRIPT EXISTS", sha1));
    }
    return args.spec(ScriptReplies.BOOLEANS);
  }

  /** Empties the script cache (the server's default mode, {@code lazyfree-lazy-user-flush}); {@code OK}. */
  default Spec<String> scriptFlush() {
    return command("SCRIPT FLUSH").spec(Replies.STATUS);
  }

  /** Empties the script cache synchronously or in the background; {@code OK}. */
  default Spec<String> scriptFlush(FlushMode mode) {
    return command("SCRIPT FLUSH").add(Check.notNull("SCRIPT FLUSH", "the mode", mode).name()).spec(Replies.STATUS);
  }

  /**
   * Stops the script running now, if it has not written ({@code NOTBUSY} when none runs, {@code
   * UNKILLABLE} when it wrote); {@code OK}.
   */
  default Spec<String> scriptKill() {
    return command("SCRIPT KILL").spec(Replies.STATUS);
  }
}
