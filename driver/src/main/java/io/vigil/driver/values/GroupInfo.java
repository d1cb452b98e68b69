package io.vigil.driver.values;

/**
 * One consumer group, as {@code XINFO GROUPS} describes it.
 *
 * @param name the group's name
 * @param consumers how many consumers it has
 * @param pending how many entries it delivered without acknowledgement
 * @param lastDeliveredId the last ID delivered to it
 * @param entriesRead how many entries it read; null when the server cannot tell
 * @param lag how many entries it has yet to read; null when the server cannot tell
 */
public record GroupInfo(String name, long consumers, long pending, String lastDeliveredId, Long entriesRead,
    Long lag) {}
