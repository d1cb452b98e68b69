package io.vigil.driver;

import io.vigil.driver.commands.RedisBitmapCommands;
import io.vigil.driver.commands.RedisFunctionCommands;
import io.vigil.driver.commands.RedisGenericCommands;
import io.vigil.driver.commands.RedisGeoCommands;
import io.vigil.driver.commands.RedisHashCommands;
import io.vigil.driver.commands.RedisHyperLogLogCommands;
import io.vigil.driver.commands.RedisKeyCommands;
import io.vigil.driver.commands.RedisListCommands;
import io.vigil.driver.commands.RedisPubSubCommands;
import io.vigil.driver.commands.RedisScriptingCommands;
import io.vigil.driver.commands.RedisServerCommands;
import io.vigil.driver.commands.RedisSetCommands;
import io.vigil.driver.commands.RedisSortedSetCommands;
import io.vigil.driver.commands.RedisStreamCommands;
import io.vigil.driver.commands.RedisStringCommands;

/**
 * The typed Redis commands, blocking: each method sends one command and returns its result.
 *
 * <p>Thread-safe; calls from many threads are pipelined on the client's shared connections.
 * A method blocks until the reply arrives or the command timeout passes ({@link
 * CommandTimeoutException}); an error reply throws a {@link RedisServerException} subclass
 * for its prefix ({@link WrongTypeException} names the command and key); a connection that dies
 * with the command in flight throws {@link OutcomeUnknownException}. Bad arguments (a null key, a
 * negative count, options that exclude each other) throw {@link IllegalArgumentException} naming
 * the command and argument, before anything is sent. Blocking commands ({@code BLPOP}, {@code
 * XREAD BLOCK}…) run on a connection of their own and may take their timeout plus the command
 * timeout. Calling a blocking method on the driver's I/O thread (inside an async callback or a
 * pub/sub listener) throws {@link IllegalStateException} instead of deadlocking. Keys and values
 * are encoded by the view's {@link io.vigil.driver.codec.RedisCodec codec}.
 *
 * <p>The families are in {@code io.vigil.driver.commands}, one interface each, generated with
 * their async twins from one definition per command.
 *
 * @param <K> the key type (hash fields and channels too)
 * @param <V> the value type (list, set and sorted-set members too)
 */
public interface RedisCommands<K, V> extends RedisStringCommands<K, V>, RedisBitmapCommands<K, V>,
    RedisHyperLogLogCommands<K, V>, RedisKeyCommands<K, V>, RedisHashCommands<K, V>, RedisListCommands<K, V>,
    RedisSetCommands<K, V>, RedisSortedSetCommands<K, V>, RedisGeoCommands<K, V>, RedisStreamCommands<K, V>,
    RedisPubSubCommands<K, V>, RedisScriptingCommands<K, V>, RedisFunctionCommands<K, V>,
    RedisServerCommands<K, V>, RedisGenericCommands<K, V> {}
