package io.vigil.testkit.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds external programs (real {@code redis-server}, {@code redis-sentinel}, {@code redis-cli}) on the PATH. */
public final class Binaries {

  private Binaries() {}

  /** The executable named {@code name} on the PATH, if any. */
  public static Optional<Path> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The executable named {@code name}.
   *
   * @throws IllegalStateException naming the Debian package to install when it is missing
   */
  public static Path require(String name) {
    return find(name)
        .orElseThrow(
            () -> new IllegalStateException(
                name + " is not on the PATH; install it with"
                    + " 'apt-get install redis-server redis-sentinel redis-tools'"
                    + " (the README's test command, bash .ci/run, does this)"));
  }

  /** Whether tests run under CI ({@code CI=true}), where a missing real peer is a failure. */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
