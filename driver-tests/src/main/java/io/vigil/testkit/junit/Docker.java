package io.vigil.testkit.junit;

import org.junit.jupiter.api.Assumptions;

/**
 * A guard for tests that need a Docker engine (Testcontainers topologies): skipped with a reason
 * when Testcontainers is not on the class path or finds no engine. The answer is computed once
 * per JVM; Testcontainers only probes its configured strategies (environment, socket file), so
 * a machine with a Docker client but no engine is told so at once, not after a timeout.
 */
public final class Docker {

  private static volatile Boolean available;

  private Docker() {}

  /** Call first in a test (or {@code @BeforeAll}) that starts containers. */
  public static void require() {
    if (!testcontainersPresent()) {
      Assumptions.abort("Testcontainers is not on the class path; add org.testcontainers:testcontainers"
          + " (test scope) to run container topologies");
    }
    if (!isAvailable()) {
      Assumptions.abort("no Docker engine is reachable (Testcontainers found no working Docker environment:"
          + " DOCKER_HOST, /var/run/docker.sock, Docker Desktop); container topologies run on machines with Docker");
    }
  }

  /** Whether Testcontainers finds a working Docker engine; false when Testcontainers is absent. */
  public static boolean isAvailable() {
    Boolean known = available;
    if (known == null) {
      known = testcontainersPresent() && Probe.probe();
      available = known;
    }
    return known;
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory", false, Docker.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Loaded only when Testcontainers is present. */
  private static final class Probe {
    static boolean probe() {
      try {
        return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }
  }
}
