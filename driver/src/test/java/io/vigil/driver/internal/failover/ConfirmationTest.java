package io.vigil.driver.internal.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.Endpoint;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfirmationTest {

  private static final Endpoint OLD = Endpoint.of("10.0.0.1", 6379);
  private static final Endpoint REPLICA = Endpoint.of("10.0.0.2", 6379);
  private static final Endpoint OTHER = Endpoint.of("10.0.0.3", 6379);
  private static final Endpoint STRANGER = Endpoint.of("10.9.9.9", 6379);

  @Test
  void majorityNamingAMasterConfirmsIt() {
    assertThat(Confirmation.decide(OLD, Map.of(REPLICA, "master"), Map.of(REPLICA, 2), 2, 3, Set.of(REPLICA)))
        .isEqualTo(REPLICA);
  }

  @Test
  void singleSentinelNamingAnUnrelatedMasterIsIgnored() {
    Map<Endpoint, String> roles = Map.of(OLD, "master", STRANGER, "master");
    assertThat(Confirmation.decide(OLD, roles, Map.of(STRANGER, 1, OLD, 3), 4, 4, Set.of(REPLICA))).isEqualTo(OLD);
    assertThat(Confirmation.decide(OLD, Map.of(STRANGER, "master"), Map.of(STRANGER, 1), 1, 4, Set.of(REPLICA)))
        .isNull();
  }

  @Test
  void nodeNamedByEveryoneButReportingReplicaIsRefused() {
    assertThat(Confirmation.decide(OLD, Map.of(REPLICA, "slave"), Map.of(REPLICA, 3), 3, 3, Set.of(REPLICA))).isNull();
  }

  @Test
  void promotedReplicaNamedByOneSentinelWinsOnceTheOldMasterIsGone() {
    assertThat(Confirmation.decide(OLD, Map.of(REPLICA, "master"), Map.of(REPLICA, 1, OLD, 2), 3, 3, Set.of(REPLICA)))
        .isEqualTo(REPLICA);
  }

  @Test
  void promotedReplicaNoSentinelNamesIsNotTrusted() {
    assertThat(Confirmation.decide(OLD, Map.of(REPLICA, "master"), Map.of(OLD, 3), 3, 3, Set.of(REPLICA))).isNull();
  }

  @Test
  void promotedReplicaWaitsWhileTheOldMasterStillSaysMaster() {
    Map<Endpoint, String> roles = Map.of(OLD, "master", REPLICA, "master");
    assertThat(Confirmation.decide(OLD, roles, Map.of(REPLICA, 1), 1, 3, Set.of(REPLICA))).isNull();
  }

  @Test
  void twoReplicasClaimingMasterWaitForTheSentinels() {
    Map<Endpoint, String> roles = Map.of(REPLICA, "master", OTHER, "master");
    assertThat(Confirmation.decide(OLD, roles, Map.of(REPLICA, 1, OTHER, 1), 2, 3, Set.of(REPLICA, OTHER))).isNull();
  }

  @Test
  void currentMasterStaysWhenNoSentinelAnswers() {
    assertThat(Confirmation.decide(OLD, Map.of(OLD, "master"), Map.of(), 0, 3, Set.of(REPLICA))).isEqualTo(OLD);
    assertThat(Confirmation.decide(OLD, Map.of(OLD, "master"), Map.of(), -1, 3, Set.of(REPLICA))).isNull();
  }
}
