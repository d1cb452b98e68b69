package io.vigil.spring;

import io.vigil.driver.ReadPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The read scope open on the current thread, as {@link ReadFromReplica} opens it: which nodes
 * reads may go to and the lag bound. Scopes nest; the innermost is current.
 *
 * <p>Code that cannot use the annotation may open a scope itself, always in try-with-resources:
 *
 * <pre>{@code
 * try (VigilReadScope.Closer scope = VigilReadScope.open(ReadFromReplica.Policy.REPLICA, Duration.ofMillis(100))) {
 *   return redis.get("profile:42");
 * }
 * }</pre>
 *
 * @param policy which nodes reads may go to
 * @param maxLag the lag bound; null for {@code vigil.read.max-lag}
 */
public record VigilReadScope(ReadFromReplica.Policy policy, Duration maxLag) {

  private static final ThreadLocal<VigilReadScope> CURRENT = new ThreadLocal<>();

  /** Checks the values. */
  public VigilReadScope {
    Objects.requireNonNull(policy, "policy");
    if (maxLag != null && (maxLag.isNegative() || maxLag.isZero())) {
      throw new IllegalArgumentException("maxLag must be positive, got " + maxLag);
    }
  }

  /** The innermost scope open on this thread; null outside any. */
  public static VigilReadScope current() {
    return CURRENT.get();
  }

  /** Opens a scope on this thread; closing it restores the one it replaced. */
  public static Closer open(ReadFromReplica.Policy policy, Duration maxLag) {
    VigilReadScope previous = CURRENT.get();
    CURRENT.set(new VigilReadScope(policy, maxLag));
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** The driver's policy for this scope, with {@code defaultMaxLag} when the scope sets none. */
  public ReadPolicy toReadPolicy(Duration defaultMaxLag) {
    ReadPolicy p = switch (policy) {
      case REPLICA_PREFERRED -> ReadPolicy.replicaPreferred();
      case REPLICA -> ReadPolicy.replica();
      case NEAREST -> ReadPolicy.nearest();
      case MASTER_PREFERRED -> ReadPolicy.masterPreferred();
    };
    Duration bound = maxLag != null ? maxLag : defaultMaxLag;
    return bound == null ? p : p.maxLag(bound);
  }

  /** Ends a scope, restoring the enclosing one. */
  @FunctionalInterface
  public interface Closer extends AutoCloseable {
    @Override
    void close();
  }
}
