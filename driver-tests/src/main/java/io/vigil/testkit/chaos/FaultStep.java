package io.vigil.testkit.chaos;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a {@link Nemesis} plan: apply {@code fault} to {@code target} for {@code hold},
 * heal it, then let the topology run unharmed for {@code pause}. Immutable; a plan is a pure
 * function of the seed and the topology's shape, so equal seeds give equal plans.
 *
 * @param index the step's number, from 1
 * @param fault what to do
 * @param target which node, by role
 * @param pick which replica or sentinel, modulo how many there are when the step runs
 * @param hold how long the fault lasts
 * @param pause how long to wait after healing, before the next step
 */
public record FaultStep(int index, Fault fault, FaultTarget target, int pick, Duration hold, Duration pause) {

  /** Validates the values, naming the bad one. */
  public FaultStep {
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(hold, "hold");
    Objects.requireNonNull(pause, "pause");
    if (index < 1 || pick < 0 || hold.isNegative() || pause.isNegative()) {
      throw new IllegalArgumentException("bad fault step: index " + index + ", pick " + pick + ", hold " + hold
          + ", pause " + pause);
    }
  }

  /** {@code #3 FREEZE replica[1] for 1200 ms, pause 800 ms}. */
  @Override
  public String toString() {
    String who = target == FaultTarget.MASTER ? "master" : target.name().toLowerCase() + "[" + pick + "]";
    return "#" + index + " " + fault + " " + who + " for " + hold.toMillis() + " ms, pause " + pause.toMillis() + " ms";
  }
}
