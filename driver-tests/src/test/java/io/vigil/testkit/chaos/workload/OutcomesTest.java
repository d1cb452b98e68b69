package io.vigil.testkit.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.CommandTimeoutException;
import io.vigil.driver.ConnectionException;
import io.vigil.driver.NoEligibleReplicaException;
import io.vigil.driver.NotDurableException;
import io.vigil.driver.OutcomeUnknownException;
import io.vigil.driver.ReadOnlyException;
import io.vigil.testkit.chaos.history.Operation.Outcome;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Only an error that proves a command was not applied makes its operation a failure. */
class OutcomesTest {

  @Test
  void aWriteAppliedOnTheMasterButNotConfirmedDurableIsUnknown() {
    assertThat(Outcomes.of(new NotDurableException("only 1 of 2 replicas", 2, 1))).isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void aWriteWhoseConnectionDiedInFlightIsUnknown() {
    assertThat(Outcomes.of(new OutcomeUnknownException("connection closed", null))).isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void aTimeoutIsUnknownOnlyWhenTheCommandWasWritten() {
    assertThat(Outcomes.of(new CommandTimeoutException("written", true))).isEqualTo(Outcome.UNKNOWN);
    assertThat(Outcomes.of(new CommandTimeoutException("never written", false))).isEqualTo(Outcome.FAIL);
  }

  @Test
  void aCommandNeverSentOrRefusedByTheServerFailed() {
    assertThat(Outcomes.of(new CommandNotSentException("no master", null))).isEqualTo(Outcome.FAIL);
    assertThat(Outcomes.of(new ConnectionException("handshake refused", null))).isEqualTo(Outcome.FAIL);
    assertThat(Outcomes.of(new NoEligibleReplicaException("none within the bound"))).isEqualTo(Outcome.FAIL);
    assertThat(Outcomes.of(new ReadOnlyException("READONLY", "READONLY You can't write against a read only replica.",
        "RPUSH", "127.0.0.1:6379"))).isEqualTo(Outcome.FAIL);
  }

  @Test
  void wrappedErrorsAreClassifiedByTheirCauseAndUnexpectedOnesAreUnknown() {
    assertThat(Outcomes.of(new CompletionException(new CommandNotSentException("no master", null))))
        .isEqualTo(Outcome.FAIL);
    assertThat(Outcomes.of(new IllegalStateException("unexpected"))).isEqualTo(Outcome.UNKNOWN);
  }
}
