package io.vigil.testkit.sentinel.event;

import java.util.Objects;

/**
 * One Sentinel event: published on the sentinel's pub/sub with the type as channel ({@code
 * +sdown}) and the rest as message, and logged as {@code <type> <message>}, in Redis's exact
 * wording.
 *
 * <pre>{@code
 * SentinelEvent.of("+odown", master, "#quorum 2/2")  // message "master mymaster 127.0.0.1 6379 #quorum 2/2"
 * SentinelEvent.switchMaster("mymaster", "127.0.0.1", 6379, "127.0.0.1", 6380)
 * }</pre>
 *
 * @param type the channel, such as {@code +sdown} or {@code +switch-master}
 * @param message what subscribers receive
 */
public record SentinelEvent(String type, String message) {

  public SentinelEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }

  /** An event about {@code instance}, optionally followed by more text. */
  public static SentinelEvent of(String type, InstanceRef instance, String extra) {
    String described = instance.describe();
    return new SentinelEvent(type, extra == null || extra.isEmpty() ? described : described + " " + extra);
  }

  /** An event about {@code instance} with nothing after it. */
  public static SentinelEvent of(String type, InstanceRef instance) {
    return of(type, instance, null);
  }

  /** {@code +switch-master <name> <oldip> <oldport> <newip> <newport>}. */
  public static SentinelEvent switchMaster(String name, String oldHost, int oldPort, String newHost, int newPort) {
    return new SentinelEvent("+switch-master", name + " " + oldHost + " " + oldPort + " " + newHost + " " + newPort);
  }

  /** {@code +new-epoch <epoch>}. */
  public static SentinelEvent newEpoch(long epoch) {
    return new SentinelEvent("+new-epoch", Long.toUnsignedString(epoch));
  }

  /** The line the sentinel logs. */
  public String logLine() {
    return type + " " + message;
  }
}
