package io.vigil.testkit.chaos;

import io.vigil.testkit.server.VigilServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-process Java data server. The Java server runs every client and timer on one thread, as
 * Redis does, so freezing it means parking that thread on a latch: connections are accepted by
 * the kernel and bytes queue up, nothing is answered, expiry stops — what SIGSTOP does to a
 * real process. Kill is an abrupt close (every connection reset, the port freed).
 */
final class JavaServerInstance implements Instance {

  private final VigilServer server;
  /** Released by thaw; non-null while frozen. */
  private CountDownLatch frozen;

  JavaServerInstance(VigilServer server) {
    this.server = server;
  }

  @Override
  public void kill() {
    thaw();
    server.close();
  }

  @Override
  public void stop() {
    kill();
  }

  @Override
  public void freeze() {
    if (frozen != null || server.isStopped()) {
      return;
    }
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch parked = new CountDownLatch(1);
    server.onServerThread(dispatcher -> {
      parked.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      if (!parked.await(10, TimeUnit.SECONDS)) {
        release.countDown();
        throw new IllegalStateException("the Java server on port " + server.port() + " did not reach its freeze point within 10 s");
      }
    } catch (InterruptedException e) {
      release.countDown();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while freezing the Java server on port " + server.port(), e);
    }
    frozen = release;
  }

  @Override
  public void thaw() {
    if (frozen != null) {
      frozen.countDown();
      frozen = null;
    }
  }

  @Override
  public boolean isAlive() {
    return !server.isStopped();
  }

  @Override
  public long pid() {
    return -1;
  }
}
