package io.vigil.driver.values;

import java.time.Duration;

/**
 * One consumer of a group, as {@code XINFO CONSUMERS} describes it.
 *
 * @param name the consumer's name
 * @param pending how many entries it has without acknowledgement
 * @param idle how long since it last read or claimed
 */
public record ConsumerInfo(String name, long pending, Duration idle) {}
