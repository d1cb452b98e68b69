package io.vigil.testkit.server.rdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A sorted-set member and its score. Equality compares the member's bytes and the score's bits
 * (so {@code 0.0} and {@code -0.0} differ, as they are stored differently).
 */
public final class ScoredMember {

  private final byte[] member;
  private final double score;

  /** A member (not copied; do not modify it afterwards) with its score. */
  public ScoredMember(byte[] member, double score) {
    if (member == null) {
      throw new IllegalArgumentException("member must not be null");
    }
    this.member = member;
    this.score = score;
  }

  /** The member's bytes (not a copy). */
  public byte[] member() {
    return member;
  }

  /** The score. */
  public double score() {
    return score;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoredMember
        && Arrays.equals(member, ((ScoredMember) o).member)
        && Double.doubleToLongBits(score) == Double.doubleToLongBits(((ScoredMember) o).score);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(member) * 31 + Double.hashCode(score);
  }

  @Override
  public String toString() {
    return new String(member, StandardCharsets.UTF_8) + "=" + score;
  }
}
