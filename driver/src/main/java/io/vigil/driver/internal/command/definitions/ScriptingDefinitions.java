package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import java.util.List;

/** Lua scripts: {@code EVAL}, {@code EVALSHA} and the script cache. */
public interface ScriptingDefinitions<K, V> extends Definitions<K, V> {

  /**
   * Runs a Lua script with {@code keys} and {@code args}; its result as plain Java (values,
   * {@code Long}, {@code String}, {@code List}, null).
   */
  default Spec<Object> eval(String script, List<K> keys, List<V> args) {
    return command("EVAL").add(script).add(Check.notNull("EVAL", "the key list", keys).size()).keysOrNone(keys).valuesOrNone(args).spec(object());
  }

  /**
   * Runs a script loaded before, by its SHA-1; fails with {@link
   * io.vigil.driver.NoScriptException} when the node does not have it.
   */
  default Spec<Object> evalsha(String sha1, List<K> keys, List<V> args) {
    return command("EVALSHA").add(sha1).add(Check.notNull("EVALSHA", "the key list", keys).size()).keysOrNone(keys).valuesOrNone(args).spec(object());
  }

  /** Loads a script into the script cache; its SHA-1 for {@link #evalsha}. */
  default Spec<String> scriptLoad(String script) {
    return command("SCRIPT").add("LOAD").add(script).spec(Replies.STATUS);
  }
}
