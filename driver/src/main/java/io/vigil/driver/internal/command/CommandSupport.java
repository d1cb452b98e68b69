package io.vigil.driver.internal.command;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.values.KeyValue;
import io.vigil.driver.values.ScanPage;
import io.vigil.driver.values.ScoredValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The codec-bound half of {@link Definitions}: argument lists and reply decoders created once
 * per codec. The generated {@code CommandBuilder} extends it and implements every family.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class CommandSupport<K, V> implements Definitions<K, V> {

  private final RedisCodec<K, V> codec;
  private final CommandTable table;
  private final ReplyDecoder<V> value;
  private final ReplyDecoder<List<V>> values;
  private final ReplyDecoder<List<K>> keyList;
  private final ReplyDecoder<Set<V>> valueSet;
  private final ReplyDecoder<Map<K, V>> map;
  private final ReplyDecoder<List<ScoredValue<V>>> scored;
  private final ReplyDecoder<KeyValue<K, V>> keyValue;
  private final ReplyDecoder<ScanPage<K>> scanPage;
  private final ReplyDecoder<Object> object;

  protected CommandSupport(RedisCodec<K, V> codec, CommandTable table) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.table = Objects.requireNonNull(table, "table");
    this.value = Replies.value(codec);
    this.values = Replies.values(codec);
    this.keyList = Replies.keys(codec);
    this.valueSet = Replies.valueSet(codec);
    this.map = Replies.map(codec);
    this.scored = Replies.scoredValues(codec);
    this.keyValue = Replies.keyValue(codec);
    this.scanPage = Replies.scanPage(codec);
    this.object = Replies.object(codec);
  }

  @Override
  public final RedisCodec<K, V> codec() {
    return codec;
  }

  @Override
  public final Args<K, V> command(String name) {
    return new Args<>(codec, name);
  }

  @Override
  public final CommandTable table() {
    return table;
  }

  @Override
  public final ReplyDecoder<V> value() {
    return value;
  }

  @Override
  public final ReplyDecoder<List<V>> values() {
    return values;
  }

  @Override
  public final ReplyDecoder<List<K>> keyList() {
    return keyList;
  }

  @Override
  public final ReplyDecoder<Set<V>> valueSet() {
    return valueSet;
  }

  @Override
  public final ReplyDecoder<Map<K, V>> map() {
    return map;
  }

  @Override
  public final ReplyDecoder<List<ScoredValue<V>>> scored() {
    return scored;
  }

  @Override
  public final ReplyDecoder<KeyValue<K, V>> keyValue() {
    return keyValue;
  }

  @Override
  public final ReplyDecoder<ScanPage<K>> scanPage() {
    return scanPage;
  }

  @Override
  public final ReplyDecoder<Object> object() {
    return object;
  }
}
