package io.vigil.driver.values;

import java.time.Duration;
import java.time.Instant;

/**
 * One spike in a latency event's history ({@code LATENCY HISTORY}).
 *
 * @param at when it happened (second precision)
 * @param latency how long it took (millisecond precision)
 */
public record LatencySample(Instant at, Duration latency) {}
