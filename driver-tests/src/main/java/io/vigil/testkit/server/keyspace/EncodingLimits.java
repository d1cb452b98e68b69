package io.vigil.testkit.server.keyspace;

/**
 * The thresholds at which Redis converts compact encodings ({@code hash-max-listpack-entries}
 * and friends); they decide what {@code OBJECT ENCODING} answers and the iteration order of
 * small sets.
 */
public interface EncodingLimits {

  /** {@code hash-max-listpack-entries}. */
  long hashMaxListpackEntries();

  /** {@code hash-max-listpack-value}. */
  long hashMaxListpackValue();

  /** {@code set-max-intset-entries}. */
  long setMaxIntsetEntries();

  /** {@code zset-max-listpack-entries}. */
  long zsetMaxListpackEntries();

  /** {@code zset-max-listpack-value}. */
  long zsetMaxListpackValue();

  /** Redis's defaults. */
  EncodingLimits DEFAULTS = new EncodingLimits() {
    @Override public long hashMaxListpackEntries() { return 128; }
    @Override public long hashMaxListpackValue() { return 64; }
    @Override public long setMaxIntsetEntries() { return 512; }
    @Override public long zsetMaxListpackEntries() { return 128; }
    @Override public long zsetMaxListpackValue() { return 64; }
  };
}
