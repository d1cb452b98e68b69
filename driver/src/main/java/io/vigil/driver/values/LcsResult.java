package io.vigil.driver.values;

import java.util.List;

/**
 * The answer of {@code LCS IDX}: the runs making up the longest common subsequence of two
 * strings, last run first as Redis lists them, and the subsequence's length.
 *
 * @param matches the runs at least as long as the requested minimum
 * @param length the length of the whole subsequence, every run counted
 */
public record LcsResult(List<LcsMatch> matches, long length) {

  /** Copies the runs. */
  public LcsResult {
    matches = List.copyOf(matches);
  }
}
