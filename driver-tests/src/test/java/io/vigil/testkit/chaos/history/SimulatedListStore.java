package io.vigil.testkit.chaos.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded simulation of clients running appends and reads against a linearizable store of
 * lists: each operation takes effect at one instant between its invocation and its completion,
 * some fail before taking effect, some end unknown before or after taking effect, and some are
 * still in flight when the run ends. The histories it records are valid by construction.
 */
final class SimulatedListStore {

  private final Random random;
  private final ManualClock clock = new ManualClock();
  private final History history = History.withClock(clock);
  private final Map<String, List<String>> lists = new HashMap<>();
  private final InFlight[] sessions;
  private final int keys;
  private long counter;

  private static final class InFlight {
    PendingOperation op;
    boolean applied;
    List<String> snapshot;
  }

  SimulatedListStore(long seed, int sessions, int keys) {
    this.random = new Random(seed);
    this.sessions = new InFlight[sessions];
    this.keys = keys;
  }

  /** Runs {@code steps} scheduling steps; returns this for chaining. */
  SimulatedListStore run(int steps) {
    for (int step = 0; step < steps; step++) {
      clock.advance(1 + random.nextInt(100));
      int s = random.nextInt(sessions.length);
      InFlight flight = sessions[s];
      if (flight == null) {
        sessions[s] = invoke("s" + s);
      } else if (!flight.applied) {
        int roll = random.nextInt(100);
        if (roll < 4) {
          flight.op.fail("simulated refusal");
          sessions[s] = null;
        } else if (roll < 8) {
          flight.op.unknown("simulated timeout before applying");
          sessions[s] = null;
        } else {
          apply(flight);
        }
      } else {
        if (random.nextInt(100) < 4) {
          flight.op.unknown("simulated link loss after applying");
        } else if (flight.op.invoked().kind() == Operation.Kind.APPEND) {
          flight.op.ok();
        } else {
          flight.op.ok(flight.snapshot);
        }
        sessions[s] = null;
      }
    }
    return this;
  }

  private InFlight invoke(String session) {
    InFlight flight = new InFlight();
    String key = "k" + random.nextInt(keys);
    flight.op = random.nextInt(100) < 55
        ? history.invokeAppend(session, key, session + "-" + counter++)
        : history.invokeRead(session, key);
    return flight;
  }

  private void apply(InFlight flight) {
    Operation op = flight.op.invoked();
    List<String> list = lists.computeIfAbsent(op.key(), k -> new ArrayList<>());
    if (op.kind() == Operation.Kind.APPEND) {
      list.add(op.element());
    } else {
      flight.snapshot = List.copyOf(list);
    }
    flight.applied = true;
  }

  History history() {
    return history;
  }

  Map<String, List<String>> finalState() {
    Map<String, List<String>> copy = new HashMap<>();
    lists.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }
}
