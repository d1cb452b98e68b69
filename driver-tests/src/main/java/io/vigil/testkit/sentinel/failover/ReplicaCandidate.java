package io.vigil.testkit.sentinel.failover;

/**
 * What a sentinel knows of one replica when it must pick one to promote: its flags, when it
 * last answered, when its INFO was last refreshed, and what that INFO said.
 *
 * @param address {@code host:port}
 * @param runId the replica's {@code run_id}, or null if INFO has not told it yet
 * @param down whether the replica is subjectively or objectively down
 * @param disconnected whether the sentinel's link to it is down
 * @param lastAvailableMillis when it last answered PING validly
 * @param infoRefreshMillis when its INFO was last received
 * @param priority {@code slave_priority} (0 = never promote)
 * @param replicationOffset {@code slave_repl_offset}
 * @param masterLinkDownMillis {@code master_link_down_since_seconds} in ms (0 when the link is up)
 */
public record ReplicaCandidate(
    String address,
    String runId,
    boolean down,
    boolean disconnected,
    long lastAvailableMillis,
    long infoRefreshMillis,
    int priority,
    long replicationOffset,
    long masterLinkDownMillis) {}
