package io.vigil.testkit.sentinel.event;

/**
 * The message every sentinel publishes on {@code __sentinel__:hello} through each monitored
 * data node every 2 s, in Redis's exact format: {@code
 * <ip>,<port>,<runid>,<current-epoch>,<master-name>,<master-ip>,<master-port>,<master-config-epoch>}.
 */
public record HelloMessage(
    String sentinelHost, int sentinelPort, String sentinelRunId, long currentEpoch,
    String masterName, String masterHost, int masterPort, long masterConfigEpoch) {

  /** The pub/sub channel. */
  public static final String CHANNEL = "__sentinel__:hello";

  /** The text to publish. */
  public String format() {
    return sentinelHost + "," + sentinelPort + "," + sentinelRunId + "," + Long.toUnsignedString(currentEpoch)
        + "," + masterName + "," + masterHost + "," + masterPort + "," + Long.toUnsignedString(masterConfigEpoch);
  }

  /**
   * Parses a received hello.
   *
   * @throws IllegalArgumentException naming what is wrong, when the text is not a hello of 8 fields
   */
  public static HelloMessage parse(String text) {
    String[] f = text.split(",", -1);
    if (f.length != 8) {
      throw new IllegalArgumentException("a sentinel hello has 8 comma-separated fields, got " + f.length + ": '" + text + "'");
    }
    try {
      return new HelloMessage(f[0], Integer.parseInt(f[1]), f[2], Long.parseUnsignedLong(f[3]),
          f[4], f[5], Integer.parseInt(f[6]), Long.parseUnsignedLong(f[7]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed number in sentinel hello '" + text + "': " + e.getMessage(), e);
    }
  }
}
