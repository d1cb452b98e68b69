package io.vigil.driver.values;

/**
 * A sorted-set member with its score.
 *
 * @param <V> the member type ({@code String} or {@code byte[]})
 * @param score the score
 * @param value the member
 */
public record ScoredValue<V>(double score, V value) {

  /** A member with its score. */
  public static <V> ScoredValue<V> of(double score, V value) {
    return new ScoredValue<>(score, value);
  }
}
