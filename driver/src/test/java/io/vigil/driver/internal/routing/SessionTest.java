package io.vigil.driver.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionTest {

  private static final long MS = 1_000_000;
  private static final Endpoint MASTER = Endpoint.of("127.0.0.1", 6379);

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  // no master known to the sampler: nudges schedule a round that does nothing
  private final ReplicaTracker tracker = new ReplicaTracker(new NoMaster(), e -> null, timers, clock::get,
      Duration.ofMillis(20), null);
  private final Session session = new Session(tracker);

  @AfterEach
  void stop() {
    tracker.close();
    timers.shutdownNow();
  }

  private void masterSample(long sentMs, String replid, String replid2, long second, long offset) {
    tracker.onMasterInfo(sentMs * MS, "# Replication\r\nrole:master\r\nmaster_replid:" + replid
        + "\r\nmaster_replid2:" + replid2 + "\r\nmaster_repl_offset:" + offset + "\r\nsecond_repl_offset:" + second
        + "\r\n");
  }

  @Test
  void aSessionWithoutWritesMayReadAnyReplica() {
    assertThat(session.requiredOffset()).isEqualTo(-1);
  }

  @Test
  void aWriteNotYetCoveredByASampleReadsTheMaster() {
    masterSample(1_000, "a", "0", -1, 100);
    session.wrote(1_010 * MS);
    assertThat(session.requiredOffset()).isEqualTo(Session.MASTER_ONLY);
  }

  @Test
  void aWriteResolvesToTheFirstSampleSentAfterItsAcknowledgement() {
    masterSample(1_000, "a", "0", -1, 100);
    session.wrote(1_010 * MS);
    masterSample(1_020, "a", "0", -1, 180);
    masterSample(1_040, "a", "0", -1, 260);
    assertThat(session.requiredOffset()).isEqualTo(180);
  }

  @Test
  void offsetsSurviveAPromotionThatContinuesTheHistory() {
    masterSample(1_000, "a", "0", -1, 100);
    session.wrote(1_010 * MS);
    masterSample(1_020, "a", "0", -1, 180);
    assertThat(session.requiredOffset()).isEqualTo(180);
    tracker.lag().masterChanged();
    masterSample(2_000, "b", "a", 181, 200); // promoted replica: replid2 is the old id, up to 181
    assertThat(session.requiredOffset()).isEqualTo(180);
  }

  @Test
  void offsetsFromAnUnrelatedHistoryReadTheMaster() {
    masterSample(1_000, "a", "0", -1, 100);
    session.wrote(1_010 * MS);
    masterSample(1_020, "a", "0", -1, 180);
    assertThat(session.requiredOffset()).isEqualTo(180);
    tracker.lag().masterChanged();
    masterSample(2_000, "c", "0", -1, 50); // a full resync: offsets mean nothing across it
    assertThat(session.requiredOffset()).isEqualTo(Session.MASTER_ONLY);
  }

  @Test
  void aSessionPassedToAnotherThreadKeepsItsWrites() throws Exception {
    masterSample(1_000, "a", "0", -1, 100);
    Thread writer = new Thread(() -> session.wrote(1_010 * MS));
    writer.start();
    writer.join();
    masterSample(1_020, "a", "0", -1, 180);
    long[] seen = new long[1];
    Thread reader = new Thread(() -> seen[0] = session.requiredOffset());
    reader.start();
    reader.join();
    assertThat(seen[0]).isEqualTo(180);
  }

  /** A topology with no master confirmed and no replicas announced. */
  private static final class NoMaster implements io.vigil.driver.internal.lag.ReplicaSource {
    @Override
    public Endpoint master() {
      return null;
    }

    @Override
    public io.vigil.driver.internal.pool.NodePool masterPool() {
      return null;
    }

    @Override
    public boolean announcesReplicas() {
      return true;
    }

    @Override
    public java.util.Collection<Endpoint> announcedReplicas() {
      return List.of();
    }

    @Override
    public String downReason(Endpoint replica) {
      return null;
    }
  }
}
