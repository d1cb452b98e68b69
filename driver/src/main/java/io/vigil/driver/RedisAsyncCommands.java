package io.vigil.driver;

import io.vigil.driver.commands.RedisBitmapAsyncCommands;
import io.vigil.driver.commands.RedisFunctionAsyncCommands;
import io.vigil.driver.commands.RedisGenericAsyncCommands;
import io.vigil.driver.commands.RedisGeoAsyncCommands;
import io.vigil.driver.commands.RedisHashAsyncCommands;
import io.vigil.driver.commands.RedisHyperLogLogAsyncCommands;
import io.vigil.driver.commands.RedisKeyAsyncCommands;
import io.vigil.driver.commands.RedisListAsyncCommands;
import io.vigil.driver.commands.RedisPubSubAsyncCommands;
import io.vigil.driver.commands.RedisScriptingAsyncCommands;
import io.vigil.driver.commands.RedisServerAsyncCommands;
import io.vigil.driver.commands.RedisSetAsyncCommands;
import io.vigil.driver.commands.RedisSortedSetAsyncCommands;
import io.vigil.driver.commands.RedisStreamAsyncCommands;
import io.vigil.driver.commands.RedisStringAsyncCommands;

/**
 * The typed Redis commands, asynchronous: each method sends one command and returns a stage that
 * completes with its result on the driver's I/O thread.
 *
 * <p>Thread-safe; calls from many threads are pipelined on the client's shared connections.
 * A stage fails with {@link CommandTimeoutException} when no reply arrives within the command
 * timeout; an error reply fails it with a {@link RedisServerException} subclass
 * for its prefix ({@link WrongTypeException} names the command and key); a connection that dies
 * with the command in flight fails it with {@link OutcomeUnknownException}. Bad arguments (a null key, a
 * negative count, options that exclude each other) throw {@link IllegalArgumentException} naming
 * the command and argument, before anything is sent. Blocking commands ({@code BLPOP}, {@code
 * XREAD BLOCK}…) run on a connection of their own and may take their timeout plus the command
 * timeout. Do not wait for a stage inside another stage's callback: callbacks run on the I/O
 * thread that completes them. Keys and values
 * are encoded by the view's {@link io.vigil.driver.codec.RedisCodec codec}.
 *
 * <p>The families are in {@code io.vigil.driver.commands}, one interface each, generated with
 * their blocking twins from one definition per command.
 *
 * @param <K> the key type (hash fields and channels too)
 * @param <V> the value type (list, set and sorted-set members too)
 */
public interface RedisAsyncCommands<K, V> extends RedisStringAsyncCommands<K, V>, RedisBitmapAsyncCommands<K, V>,
    RedisHyperLogLogAsyncCommands<K, V>, RedisKeyAsyncCommands<K, V>, RedisHashAsyncCommands<K, V>, RedisListAsyncCommands<K, V>,
    RedisSetAsyncCommands<K, V>, RedisSortedSetAsyncCommands<K, V>, RedisGeoAsyncCommands<K, V>, RedisStreamAsyncCommands<K, V>,
    RedisPubSubAsyncCommands<K, V>, RedisScriptingAsyncCommands<K, V>, RedisFunctionAsyncCommands<K, V>,
    RedisServerAsyncCommands<K, V>, RedisGenericAsyncCommands<K, V> {}
