package io.vigil.driver;

/**
 * A durable write ({@code durable(n, timeout)}) was applied on the master, but fewer than {@code
 * n} replicas confirmed it with {@code WAIT} within the timeout. The write is <em>not</em>
 * undone: it is on the master and may reach the replicas later, or be lost if the master fails
 * before it does. Retrying repeats the write.
 */
public final class NotDurableException extends VigilException {

  private final int required;
  private final long confirmed;

  /** A write applied on the master that only {@code confirmed} of {@code required} replicas acknowledged. */
  public NotDurableException(String message, int required, long confirmed) {
    super(message, null);
    this.required = required;
    this.confirmed = confirmed;
  }

  /** How many replicas the write had to reach. */
  public int required() {
    return required;
  }

  /** How many replicas confirmed it before the timeout. */
  public long confirmed() {
    return confirmed;
  }
}
