package io.vigil.driver.args;

/**
 * Where {@code XREAD} or {@code XREADGROUP} reads a stream from: entries after an ID, only new
 * ones ({@code $}), or, in a group, those never delivered to any consumer ({@code >}).
 *
 * @param <K> the key type
 * @param stream the stream's key
 * @param id the ID to read after, {@code $} or {@code >}
 */
public record StreamOffset<K>(K stream, String id) {

  /** Requires both parts. */
  public StreamOffset {
    if (stream == null) {
      throw new IllegalArgumentException("a stream offset needs a stream key");
    }
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a stream offset needs an ID, '$' or '>'");
    }
  }

  /** Entries after {@code id} ({@code 0} for the whole stream, or a group's own pending history). */
  public static <K> StreamOffset<K> after(K stream, String id) {
    return new StreamOffset<>(stream, id);
  }

  /** Only entries added after the read started ({@code $}). */
  public static <K> StreamOffset<K> latest(K stream) {
    return new StreamOffset<>(stream, "$");
  }

  /** In a group, the entries never delivered to any of its consumers ({@code >}). */
  public static <K> StreamOffset<K> undelivered(K stream) {
    return new StreamOffset<>(stream, ">");
  }
}
