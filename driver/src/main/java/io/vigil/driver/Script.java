package io.vigil.driver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Lua script and its SHA-1, for {@code eval(Script, …)}: the client sends {@code EVALSHA} and,
 * when the server answers {@code NOSCRIPT} — its script cache is empty after a restart, a {@code
 * SCRIPT FLUSH} or a failover, since replicas do not receive {@code SCRIPT LOAD} — sends {@code
 * EVAL} once with the source, which also caches it there. Inside pipelines and transactions the
 * script is sent as {@code EVAL}, so a missing cache can neither reorder a pipeline nor break a
 * transaction's atomicity.
 *
 * <p>Immutable and thread-safe: create each script once and reuse it.
 *
 * <pre>{@code
 * static final Script RELEASE_LOCK = Script.of(
 *     "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end");
 * long released = (Long) redis.eval(RELEASE_LOCK, List.of("lock:order:42"), List.of(token));
 * }</pre>
 */
public final class Script {

  private final String source;
  private final String sha1;

  private Script(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /**
   * The script with this Lua source.
   *
   * @throws IllegalArgumentException when the source is null or empty
   */
  public static Script of(String source) {
    if (source == null || source.isEmpty()) {
      throw new IllegalArgumentException("a script needs Lua source, got " + (source == null ? "null" : "''"));
    }
    return new Script(source);
  }

  /** The Lua source. */
  public String source() {
    return source;
  }

  /** The SHA-1 Redis caches the script under, 40 lower-case hex digits. */
  public String sha1() {
    return sha1;
  }

  /** The SHA-1 of {@code source}'s UTF-8 bytes, as {@code SCRIPT LOAD} answers it. */
  public static String sha1Hex(String source) {
    Objects.requireNonNull(source, "source");
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-1", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Script s && s.sha1.equals(sha1);
  }

  @Override
  public int hashCode() {
    return sha1.hashCode();
  }

  @Override
  public String toString() {
    String head = source.length() > 40 ? source.substring(0, 40) + "…" : source;
    return "Script{" + sha1 + ", " + head.replace('\n', ' ') + "}";
  }
}
