package io.vigil.driver.values;

/**
 * {@code XINFO STREAM}: a stream's size, IDs and groups.
 *
 * @param <K> the field type
 * @param <V> the value type
 * @param length how many entries
 * @param radixTreeKeys keys of its radix tree
 * @param radixTreeNodes nodes of its radix tree
 * @param groups how many consumer groups
 * @param lastGeneratedId the ID of the last entry added (deleted or not)
 * @param maxDeletedEntryId the highest ID deleted
 * @param entriesAdded how many entries were ever added
 * @param recordedFirstEntryId the first entry's ID
 * @param firstEntry the first entry; null when empty
 * @param lastEntry the last entry; null when empty
 */
public record StreamInfo<K, V>(long length, long radixTreeKeys, long radixTreeNodes, long groups,
    String lastGeneratedId, String maxDeletedEntryId, long entriesAdded, String recordedFirstEntryId,
    StreamEntry<K, V> firstEntry, StreamEntry<K, V> lastEntry) {}
