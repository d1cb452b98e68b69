package io.vigil.testkit.server.rdb;

/**
 * How {@link RdbWriter} encodes values: the redis.conf settings that decide encodings in Redis
 * 7.0, with Redis's defaults. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * RdbOptions options = RdbOptions.builder().compression(false).hashMaxListpackEntries(512).build();
 * }</pre>
 */
public final class RdbOptions {

  /** Redis 7.0's defaults. */
  public static final RdbOptions DEFAULTS = builder().build();

  private final boolean compression;
  private final boolean checksum;
  private final int hashMaxListpackEntries;
  private final int hashMaxListpackValue;
  private final int zsetMaxListpackEntries;
  private final int zsetMaxListpackValue;
  private final int setMaxIntsetEntries;
  private final int listMaxListpackSize;
  private final long listPackedThreshold;

  private RdbOptions(Builder b) {
    this.compression = b.compression;
    this.checksum = b.checksum;
    this.hashMaxListpackEntries = b.hashMaxListpackEntries;
    this.hashMaxListpackValue = b.hashMaxListpackValue;
    this.zsetMaxListpackEntries = b.zsetMaxListpackEntries;
    this.zsetMaxListpackValue = b.zsetMaxListpackValue;
    this.setMaxIntsetEntries = b.setMaxIntsetEntries;
    this.listMaxListpackSize = b.listMaxListpackSize;
    this.listPackedThreshold = b.listPackedThreshold;
  }

  /** A builder starting from Redis 7.0's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code rdbcompression}: LZF for strings over 20 bytes when it saves at least 4. */
  public boolean compression() {
    return compression;
  }

  /** {@code rdbchecksum}: write the CRC-64, or 0 ("not computed"). */
  public boolean checksum() {
    return checksum;
  }

  /** {@code hash-max-listpack-entries}. */
  public int hashMaxListpackEntries() {
    return hashMaxListpackEntries;
  }

  /** {@code hash-max-listpack-value} (bytes). */
  public int hashMaxListpackValue() {
    return hashMaxListpackValue;
  }

  /** {@code zset-max-listpack-entries}. */
  public int zsetMaxListpackEntries() {
    return zsetMaxListpackEntries;
  }

  /** {@code zset-max-listpack-value} (bytes). */
  public int zsetMaxListpackValue() {
    return zsetMaxListpackValue;
  }

  /** {@code set-max-intset-entries}. */
  public int setMaxIntsetEntries() {
    return setMaxIntsetEntries;
  }

  /** {@code list-max-listpack-size}: negative for a byte limit per node (-2 is 8 KB), else a count. */
  public int listMaxListpackSize() {
    return listMaxListpackSize;
  }

  /** Elements of this many bytes or more get a plain quicklist node of their own (1 GB in Redis). */
  public long listPackedThreshold() {
    return listPackedThreshold;
  }

  /** Builds {@link RdbOptions}; setters validate at once and name the bad value. */
  public static final class Builder {
    private boolean compression = true;
    private boolean checksum = true;
    private int hashMaxListpackEntries = 512;
    private int hashMaxListpackValue = 64;
    private int zsetMaxListpackEntries = 128;
    private int zsetMaxListpackValue = 64;
    private int setMaxIntsetEntries = 512;
    private int listMaxListpackSize = -2;
    private long listPackedThreshold = 1L << 30;

    private Builder() {}

    /** {@code rdbcompression yes|no}; default yes. */
    public Builder compression(boolean compression) {
      this.compression = compression;
      return this;
    }

    /** {@code rdbchecksum yes|no}; default yes. */
    public Builder checksum(boolean checksum) {
      this.checksum = checksum;
      return this;
    }

    /** {@code hash-max-listpack-entries}; default 512 (Redis 7.0's default, unlike the 128 for sorted sets). */
    public Builder hashMaxListpackEntries(int n) {
      this.hashMaxListpackEntries = nonNegative("hash-max-listpack-entries", n);
      return this;
    }

    /** {@code hash-max-listpack-value}; default 64. */
    public Builder hashMaxListpackValue(int n) {
      this.hashMaxListpackValue = nonNegative("hash-max-listpack-value", n);
      return this;
    }

    /** {@code zset-max-listpack-entries}; default 128. */
    public Builder zsetMaxListpackEntries(int n) {
      this.zsetMaxListpackEntries = nonNegative("zset-max-listpack-entries", n);
      return this;
    }

    /** {@code zset-max-listpack-value}; default 64. */
    public Builder zsetMaxListpackValue(int n) {
      this.zsetMaxListpackValue = nonNegative("zset-max-listpack-value", n);
      return this;
    }

    /** {@code set-max-intset-entries}; default 512. */
    public Builder setMaxIntsetEntries(int n) {
      this.setMaxIntsetEntries = nonNegative("set-max-intset-entries", n);
      return this;
    }

    /** {@code list-max-listpack-size}: -1 to -5 (4 to 64 KB per node) or a positive count; default -2. */
    public Builder listMaxListpackSize(int n) {
      if (n < -5 || n == 0) {
        throw new IllegalArgumentException("list-max-listpack-size " + n
            + " is invalid; use -1 to -5 (4 KB to 64 KB per node) or a positive element count");
      }
      this.listMaxListpackSize = n;
      return this;
    }

    /** The size from which a list element gets a plain node; default 1 GB, as Redis. */
    public Builder listPackedThreshold(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("list packed threshold " + bytes + " must be at least 1 byte");
      }
      this.listPackedThreshold = bytes;
      return this;
    }

    /** The options. */
    public RdbOptions build() {
      return new RdbOptions(this);
    }

    private static int nonNegative(String name, int n) {
      if (n < 0) {
        throw new IllegalArgumentException(name + " " + n + " must not be negative");
      }
      return n;
    }
  }
}
