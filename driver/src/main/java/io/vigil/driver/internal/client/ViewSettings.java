package io.vigil.driver.internal.client;

import io.vigil.driver.ReadPolicy;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.internal.routing.Session;
import java.time.Duration;
import java.util.Objects;

/**
 * What distinguishes one client view from another, besides its codec: where reads go, how
 * failed commands are retried, the read-your-writes session and the durability of writes.
 *
 * <p>Immutable; each {@code with…} returns a copy with one thing changed.
 *
 * @param readPolicy where reads go
 * @param retryPolicy how commands are retried across failovers
 * @param session the read-your-writes session, or null
 * @param durableReplicas how many replicas every write must reach; 0 for plain writes
 * @param durableTimeout how long a durable write waits for them; null when not durable
 */
public record ViewSettings(ReadPolicy readPolicy, RetryPolicy retryPolicy, Session session, int durableReplicas,
    Duration durableTimeout) {

  /** Requires the policies; checks the durability pair. */
  public ViewSettings {
    Objects.requireNonNull(readPolicy, "readPolicy");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    if (durableReplicas > 0) {
      checkDurable(durableReplicas, durableTimeout);
    }
  }

  ViewSettings withReadPolicy(ReadPolicy policy) {
    return new ViewSettings(Objects.requireNonNull(policy, "policy"), retryPolicy, session, durableReplicas,
        durableTimeout);
  }

  ViewSettings withRetryPolicy(RetryPolicy policy) {
    return new ViewSettings(readPolicy, Objects.requireNonNull(policy, "policy"), session, durableReplicas,
        durableTimeout);
  }

  ViewSettings withSession(Session newSession, ReadPolicy policy) {
    return new ViewSettings(policy, retryPolicy, newSession, durableReplicas, durableTimeout);
  }

  ViewSettings durable(int replicas, Duration timeout) {
    checkDurable(replicas, timeout);
    return new ViewSettings(readPolicy, retryPolicy, session, replicas, timeout);
  }

  /** Checks a durability setting, naming what is wrong. */
  public static void checkDurable(int replicas, Duration timeout) {
    if (replicas < 1) {
      throw new IllegalArgumentException("durable writes need at least 1 replica, got " + replicas);
    }
    if (timeout == null) {
      throw new IllegalArgumentException("durable writes need a timeout, got null");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the durable write timeout must be positive, got " + timeout);
    }
  }
}
