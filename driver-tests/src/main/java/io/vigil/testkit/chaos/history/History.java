package io.vigil.testkit.chaos.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A recorder of the operations many client threads perform during a chaos run, for
 * {@link HistoryChecker} to judge afterwards. It knows nothing of Redis or of any client: a
 * test calls {@link #invokeAppend} or {@link #invokeRead} just before issuing the command and
 * completes the returned {@link PendingOperation} with what the client reported.
 *
 * <p>The model is one append-only list per key, each append adding an element unique to that
 * key ({@code RPUSH key element}), and reads returning the whole list ({@code LRANGE key 0 -1}).
 * Unique elements make loss and duplication exact: every acknowledged element must be in the
 * final list, exactly once.
 *
 * <p>Every read keeps the list it returned, so a long run should spread its appends over many
 * keys (dozens or more): lists stay short, and so do the history and the check.
 *
 * <p>Thread-safe and non-blocking: any number of threads may invoke and complete operations
 * concurrently. Times come from the injected monotonic clock in nanoseconds
 * ({@link System#nanoTime()} by default), read at the moment of each call.
 *
 * <pre>{@code
 * History history = History.create();
 * PendingOperation op = history.invokeAppend("client-3", "list-7", "c3-42");
 * try {
 *   client.rpush("list-7", "c3-42");
 *   op.ok();
 * } catch (OutcomeUnknownException e) {
 *   op.unknown(e.getMessage());
 * } catch (RedisException e) {
 *   op.fail(e.getMessage());
 * }
 * }</pre>
 */
public final class History {

  private final LongSupplier nanoClock;
  private final AtomicLong nextId = new AtomicLong();
  /** Latest state of every operation by id; a pending entry is replaced once on completion. */
  private final Map<Long, Operation> operations = new ConcurrentHashMap<>();
  /** Every (key, element) appended so far, to reject a reused element at invocation. */
  private final Set<String> appended = ConcurrentHashMap.newKeySet();

  private History(LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** A recorder timed by {@link System#nanoTime()}. */
  public static History create() {
    return new History(System::nanoTime);
  }

  /**
   * A recorder timed by {@code nanoClock}, which must be monotonic (never go backwards) and
   * safe to call from any thread; simulations pass a manual clock.
   */
  public static History withClock(LongSupplier nanoClock) {
    return new History(nanoClock);
  }

  /**
   * Records the invocation of an append of {@code element} to the list at {@code key}.
   *
   * @throws IllegalArgumentException when {@code element} was already appended to {@code key}
   *     in this history: loss and duplicate detection need every element to be unique per key
   */
  public PendingOperation invokeAppend(String session, String key, String element) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(element, "element");
    if (!appended.add(key + '\u0000' + element)) {
      throw new IllegalArgumentException("element '" + element + "' was already appended to key '" + key
          + "' in this history; give every append a unique element (for example session + counter)");
    }
    return invoke(session, Operation.Kind.APPEND, key, element);
  }

  /** Records the invocation of a read of the whole list at {@code key}. */
  public PendingOperation invokeRead(String session, String key) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(key, "key");
    return invoke(session, Operation.Kind.READ, key, null);
  }

  private PendingOperation invoke(String session, Operation.Kind kind, String key, String element) {
    long id = nextId.getAndIncrement();
    Operation pending = new Operation(id, session, kind, key, element, nanoClock.getAsLong(), -1,
        Operation.Outcome.PENDING, List.of(), null);
    operations.put(id, pending);
    return new PendingOperation(this, pending);
  }

  /** Called once per operation by {@link PendingOperation}. */
  void complete(Operation pending, Operation.Outcome outcome, List<String> observed, String reason) {
    long now = nanoClock.getAsLong();
    Operation done = new Operation(pending.id(), pending.session(), pending.kind(), pending.key(),
        pending.element(), pending.invokeNanos(), Math.max(now, pending.invokeNanos()), outcome, observed, reason);
    if (!operations.replace(pending.id(), pending, done)) {
      throw new IllegalStateException("op " + pending.id() + " was already completed as "
          + operations.get(pending.id()).outcome() + "; complete each operation exactly once");
    }
  }

  /**
   * A snapshot of every operation so far, ordered by id. Operations still in flight appear as
   * {@link Operation.Outcome#PENDING}.
   */
  public List<Operation> operations() {
    List<Operation> snapshot = new ArrayList<>(operations.values());
    snapshot.sort(Comparator.comparingLong(Operation::id));
    return List.copyOf(snapshot);
  }

  /** How many operations were invoked so far. */
  public int size() {
    return operations.size();
  }

  /** The current time of this history's clock, in nanoseconds. */
  public long nanoTime() {
    return nanoClock.getAsLong();
  }
}
