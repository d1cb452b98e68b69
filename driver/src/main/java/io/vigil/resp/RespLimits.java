package io.vigil.resp;

/**
 * Size limits the decoder enforces before it allocates anything, so a hostile or broken peer
 * cannot make it buffer without bound.
 *
 * <p>Immutable; build one with {@link #builder()} or use {@link #DEFAULT}.
 */
public final class RespLimits {

  /** Redis's own defaults: 512 MB bulk strings, 64 KB inline requests. */
  public static final RespLimits DEFAULT = builder().build();

  private final long maxBulkLength;
  private final long maxAggregateLength;
  private final int maxInlineLength;
  private final int maxNestingDepth;

  private RespLimits(Builder b) {
    this.maxBulkLength = b.maxBulkLength;
    this.maxAggregateLength = b.maxAggregateLength;
    this.maxInlineLength = b.maxInlineLength;
    this.maxNestingDepth = b.maxNestingDepth;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    return new Builder()
        .maxBulkLength(maxBulkLength)
        .maxAggregateLength(maxAggregateLength)
        .maxInlineLength(maxInlineLength)
        .maxNestingDepth(maxNestingDepth);
  }

  /** The longest bulk string accepted, in bytes ({@code proto-max-bulk-len}). */
  public long maxBulkLength() {
    return maxBulkLength;
  }

  /** The most elements an array, set, push or map (counting entries) may declare. */
  public long maxAggregateLength() {
    return maxAggregateLength;
  }

  /** The longest inline command or protocol header line, in bytes. */
  public int maxInlineLength() {
    return maxInlineLength;
  }

  /** How deeply aggregates may nest. */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  @Override
  public String toString() {
    return "RespLimits{maxBulkLength=" + maxBulkLength
        + ", maxAggregateLength=" + maxAggregateLength
        + ", maxInlineLength=" + maxInlineLength
        + ", maxNestingDepth=" + maxNestingDepth + "}";
  }

  /** Builds {@link RespLimits}; every setter rejects a non-positive value at once. */
  public static final class Builder {
    private long maxBulkLength = 512L * 1024 * 1024;
    private long maxAggregateLength = Integer.MAX_VALUE;
    private int maxInlineLength = 64 * 1024;
    private int maxNestingDepth = 128;

    private Builder() {}

    /** The longest bulk string, in bytes; default 512 MB as Redis's {@code proto-max-bulk-len}. */
    public Builder maxBulkLength(long bytes) {
      this.maxBulkLength = positive("maxBulkLength", bytes);
      return this;
    }

    /** The most elements one aggregate may declare; default 2^31-1. */
    public Builder maxAggregateLength(long elements) {
      this.maxAggregateLength = positive("maxAggregateLength", elements);
      return this;
    }

    /** The longest inline command or header line, in bytes; default 64 KB as Redis. */
    public Builder maxInlineLength(int bytes) {
      this.maxInlineLength = (int) positive("maxInlineLength", bytes);
      return this;
    }

    /** How deeply aggregates may nest; default 128. */
    public Builder maxNestingDepth(int depth) {
      this.maxNestingDepth = (int) positive("maxNestingDepth", depth);
      return this;
    }

    public RespLimits build() {
      return new RespLimits(this);
    }

    private static long positive(String name, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
