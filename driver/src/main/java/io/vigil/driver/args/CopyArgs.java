package io.vigil.driver.args;

/**
 * The options of {@code COPY}: the database to copy into ({@code DB}; the selected one by
 * default) and whether to replace an existing destination ({@code REPLACE}).
 *
 * <p>Immutable: each method returns a copy with one more option.
 */
public final class CopyArgs {

  private static final CopyArgs NONE = new CopyArgs(-1, false);

  private final long database;
  private final boolean replace;

  private CopyArgs(long database, boolean replace) {
    this.database = database;
    this.replace = replace;
  }

  /** No option: into the selected database, only when the destination does not exist. */
  public static CopyArgs none() {
    return NONE;
  }

  /** Copy into database {@code database} (not negative). */
  public CopyArgs database(long database) {
    if (database < 0) {
      throw new IllegalArgumentException("COPY: the DB index must not be negative, got " + database);
    }
    return new CopyArgs(database, replace);
  }

  /** Replace the destination when it exists. */
  public CopyArgs replace() {
    return new CopyArgs(database, true);
  }

  /** The destination database, or -1 for the selected one. */
  public long database() {
    return database;
  }

  /** Whether an existing destination is replaced. */
  public boolean isReplace() {
    return replace;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CopyArgs other && database == other.database && replace == other.replace;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(database) * 2 + (replace ? 1 : 0);
  }

  @Override
  public String toString() {
    return "CopyArgs[database=" + database + ", replace=" + replace + "]";
  }
}
