package io.vigil.driver.internal.command;

import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.values.KeyValue;
import io.vigil.driver.values.ScanPage;
import io.vigil.driver.values.ScoredValue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every command definition builds with: the codec, argument lists, and the reply decoders
 * bound to the codec. The family interfaces in {@code definitions} extend it; {@link
 * CommandSupport} implements it.
 *
 * <h2>Adding a command</h2>
 * Write one {@code default} method in its family's {@code *Definitions} interface: Javadoc (it
 * becomes the public documentation), the public signature, and a body that builds the wire form
 * and picks the reply decoder. The build generates the blocking and async interfaces in {@code
 * io.vigil.driver.commands} and their implementations; add the command's test.
 */
public interface Definitions<K, V> {

  /** The codec keys and values are encoded with. */
  RedisCodec<K, V> codec();

  /** Starts the arguments of {@code name} (several words for subcommands: {@code "XGROUP CREATE"}). */
  Args<K, V> command(String name);

  /** The table classifying commands. */
  CommandTable table();

  /** A bulk string as a value, null kept. */
  ReplyDecoder<V> value();

  /** An array of values, nulls kept. */
  ReplyDecoder<List<V>> values();

  /** An array of keys. */
  ReplyDecoder<List<K>> keyList();

  /** A set (RESP3) or array of values. */
  ReplyDecoder<Set<V>> valueSet();

  /** A map (RESP3) or flat array of keys and values. */
  ReplyDecoder<Map<K, V>> map();

  /** Members with scores. */
  ReplyDecoder<List<ScoredValue<V>>> scored();

  /** A {@code [key, value]} pair, null kept. */
  ReplyDecoder<KeyValue<K, V>> keyValue();

  /** A {@code SCAN} page of keys. */
  ReplyDecoder<ScanPage<K>> scanPage();

  /** Plain Java (scripts, functions). */
  ReplyDecoder<Object> object();
}
