package io.vigil.testkit.chaos;

import java.net.InetSocketAddress;
import org.testcontainers.containers.GenericContainer;

/**
 * One container of a {@link ContainerTopology}: a {@code redis-server} or {@code
 * redis-sentinel} of an official Redis image, on the host's network at 127.0.0.1 and a port of
 * its own. Faults go through the Docker engine: {@link #kill()} ({@code docker kill}, SIGKILL),
 * {@link #freeze()}/{@link #thaw()} ({@code docker pause}/{@code unpause}, the cgroup freezer),
 * {@link #restart()} (the same container started again, so its append-only file is kept).
 *
 * <p>Thread-safe (each call is one request to the engine); blocking.
 */
public final class ContainerNode {

  private final String name;
  private final boolean sentinel;
  private final int port;
  private final GenericContainer<?> container;

  ContainerNode(String name, boolean sentinel, int port, GenericContainer<?> container) {
    this.name = name;
    this.sentinel = sentinel;
    this.port = port;
    this.container = container;
  }

  /** {@code redis-1} (the initial master), {@code redis-2}..., {@code sentinel-1}... */
  public String name() {
    return name;
  }

  /** Whether it is a sentinel. */
  public boolean isSentinel() {
    return sentinel;
  }

  /** 127.0.0.1 and its port (host networking). */
  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  /** The Testcontainers handle, for logs and anything not covered here. */
  public GenericContainer<?> container() {
    return container;
  }

  /** {@code docker kill}: SIGKILL to the server. */
  public void kill() {
    container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
  }

  /** {@code docker pause}: every process of the container frozen. */
  public void freeze() {
    container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
  }

  /** {@code docker unpause}. */
  public void thaw() {
    container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
  }

  /** Starts the killed container again (same file system, so data and rewritten config are kept). */
  public void restart() {
    container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public String toString() {
    return name + "[container 127.0.0.1:" + port + "]";
  }
}
