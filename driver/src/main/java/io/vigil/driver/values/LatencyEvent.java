package io.vigil.driver.values;

import java.time.Duration;
import java.time.Instant;

/**
 * The latest spike of one latency event ({@code LATENCY LATEST}): {@code command}, {@code
 * fork}, {@code expire-cycle}… as the latency monitor names them.
 *
 * @param event the event's name
 * @param latestAt when its latest spike happened (second precision)
 * @param latest how long the latest spike took (millisecond precision)
 * @param max the longest spike recorded
 */
public record LatencyEvent(String event, Instant latestAt, Duration latest, Duration max) {}
