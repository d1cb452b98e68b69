package io.vigil.testkit.junit;

import io.vigil.testkit.process.Binaries;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards for tests that need real Redis binaries: skipped with a reason on a developer machine
 * without them, failed under CI ({@code CI=true}), where {@code .ci/run} installs them.
 */
public final class RealRedis {

  private RealRedis() {}

  /** Call first in a test (or {@code @BeforeAll}) that starts a real {@code binary}. */
  public static void require(String binary) {
    if (Binaries.find(binary).isPresent()) {
      return;
    }
    if (Binaries.underCi()) {
      throw new IllegalStateException(binary + " is required under CI=true but is not on the PATH;"
          + " .ci/run installs it with 'apt-get install redis-server redis-sentinel redis-tools'");
    }
    Assumptions.abort(binary + " is not on the PATH; install redis-server, redis-sentinel and"
        + " redis-tools from Debian's packages to run this test (bash .ci/run does, then runs every test)");
  }

  /** {@link #require(String)} for {@code redis-server}. */
  public static void requireServer() {
    require("redis-server");
  }
}
