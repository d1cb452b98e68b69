package io.vigil.driver.values;

import java.util.List;

/**
 * {@code XAUTOCLAIM}: the entries claimed, the ID to continue scanning from and the pending IDs
 * that no longer exist in the stream (removed from the pending list).
 *
 * @param <T> {@link StreamEntry} or, with {@code JUSTID}, the IDs as {@code String}
 * @param next the ID to pass as start next; {@code 0-0} when the scan is complete
 * @param claimed the entries (or IDs) now owned by the consumer
 * @param deleted the IDs that were pending but are gone from the stream
 */
public record AutoClaim<T>(String next, List<T> claimed, List<String> deleted) {

  /** Copies the lists. */
  public AutoClaim {
    claimed = List.copyOf(claimed);
    deleted = List.copyOf(deleted);
  }

  /** Whether the scan went through the whole pending list. */
  public boolean isComplete() {
    return "0-0".equals(next);
  }
}
