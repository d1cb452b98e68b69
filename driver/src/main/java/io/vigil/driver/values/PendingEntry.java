package io.vigil.driver.values;

import java.time.Duration;

/**
 * One pending entry of a consumer group ({@code XPENDING key group start end count}).
 *
 * @param id the entry's ID
 * @param consumer the consumer it was delivered to
 * @param idle how long since it was last delivered
 * @param deliveries how many times it was delivered
 */
public record PendingEntry(String id, String consumer, Duration idle, long deliveries) {}
