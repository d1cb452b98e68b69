package io.vigil.driver.values;

/**
 * A key and a value taken from it, as the blocking pops return them.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param key the key the value came from
 * @param value the value
 */
public record KeyValue<K, V>(K key, V value) {}
