package io.vigil.testkit.sentinel.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHealthTest {

  @Test
  void downAfterCountsFromTheOldestUnansweredPing() {
    LinkHealth link = new LinkHealth(0);
    link.connected(0);
    link.pingSent(1000);
    link.pingSent(2000); // still the first one that matters
    assertThat(link.isSubjectivelyDown(2000, 1000)).isFalse();
    assertThat(link.isSubjectivelyDown(2001, 1000)).isTrue();
  }

  @Test
  void validReplyClearsThePendingPing() {
    LinkHealth link = new LinkHealth(0);
    link.connected(0);
    link.pingSent(1000);
    link.pingReply(1500, true);
    assertThat(link.unresponsiveFor(5000)).isZero();
    assertThat(link.lastAvailable()).isEqualTo(1500);
  }

  @Test
  void invalidReplyDoesNotProveTheInstanceAlive() {
    LinkHealth link = new LinkHealth(0);
    link.connected(0);
    link.pingSent(1000);
    link.pingReply(1100, false); // e.g. -ERR or -NOAUTH
    assertThat(link.isSubjectivelyDown(2500, 1000)).isTrue();
    assertThat(link.lastPong()).isEqualTo(1100);
  }

  @Test
  void pendingPingSurvivesAReconnect() {
    LinkHealth link = new LinkHealth(0);
    link.connected(0);
    link.pingSent(1000);
    link.disconnected();
    link.connected(1500);
    assertThat(link.unresponsiveFor(2100)).isEqualTo(1100);
  }

  @Test
  void disconnectedLinkCountsFromLastAvailability() {
    LinkHealth link = new LinkHealth(0);
    link.connected(0);
    link.pingSent(100);
    link.pingReply(200, true);
    link.disconnected();
    assertThat(link.unresponsiveFor(1200)).isEqualTo(1000);
    assertThat(link.isSubjectivelyDown(1201, 1000)).isTrue();
  }
}
