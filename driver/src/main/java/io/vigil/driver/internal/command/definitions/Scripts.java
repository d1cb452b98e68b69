package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.Script;
import io.vigil.driver.codec.ReplyConverter;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.ReplyDecoder;
import io.vigil.driver.internal.command.Spec;
import java.util.List;

/**
 * The wire form shared by {@code EVAL}, {@code EVALSHA}, {@code FCALL} and their read-only forms:
 * {@code <name> <script|sha1|function> <numkeys> <keys…> <args…>}.
 */
final class Scripts {

  private Scripts() {}

  static <K, V, T> Spec<T> run(Definitions<K, V> d, String name, String target, List<K> keys, List<V> args,
      ReplyDecoder<T> decoder) {
    Check.notNull(name, "the key list", keys);
    Check.notNull(name, "the argument list", args);
    Args<K, V> a = d.command(name).add(target).add(keys.size()).keysOrNone(keys).valuesOrNone(args);
    return a.spec(decoder);
  }

  /** {@code EVALSHA} (or {@code EVALSHA_RO}) of {@code script}, with its {@code EVAL} form as fallback. */
  static <K, V, T> Spec<T> cached(Definitions<K, V> d, boolean readOnly, Script script, List<K> keys, List<V> args,
      ReplyDecoder<T> decoder) {
    String sha = readOnly ? "EVALSHA_RO" : "EVALSHA";
    String eval = readOnly ? "EVAL_RO" : "EVAL";
    Check.notNull(sha, "the script", script);
    Spec<T> bySource = run(d, eval, script.source(), keys, args, decoder);
    return run(d, sha, script.sha1(), keys, args, decoder).withNoScriptFallback(bySource);
  }

  static <K, V, T> ReplyDecoder<T> decoder(Definitions<K, V> d, String name, ReplyConverter<K, V, T> reply) {
    Check.notNull(name, "the reply converter", reply);
    return r -> reply.convert(r, d.codec());
  }

  static String sha1(String name, String sha1) {
    Check.notNull(name, "the SHA-1", sha1);
    if (sha1.length() != 40 || !sha1.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(name + ": a SHA-1 is 40 hex digits, got '" + sha1 + "'");
    }
    return sha1;
  }
}
