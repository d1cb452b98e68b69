package io.vigil.driver.values;

/**
 * One run of the longest common subsequence of two strings, as {@code LCS IDX} reports it: where
 * it is in each string and its length.
 *
 * @param first its positions in the first string
 * @param second its positions in the second string
 * @param length its length in bytes
 */
public record LcsMatch(Range first, Range second, long length) {

  /**
   * Byte positions from {@code start} to {@code end} inclusive.
   *
   * @param start the first byte
   * @param end the last byte
   */
  public record Range(long start, long end) {}
}
