/**
 * The one definition of every typed command, one interface per family ({@code
 * StringDefinitions}, {@code StreamDefinitions}…); the build generates the public blocking and
 * async interfaces ({@code io.vigil.driver.commands.Redis<Family>Commands} and {@code
 * Redis<Family>AsyncCommands}), their implementations and the {@code CommandBuilder} from them.
 *
 * <h2>A definition</h2>
 * A {@code default} method returning {@code Spec<T>}: its Javadoc is the public documentation,
 * its signature the public one ({@code Spec<Long>} becomes {@code long} in the blocking API unless
 * the method is {@code @NullableReply}, {@code Spec<Void>} becomes {@code void}), and its body
 * writes the wire form with {@code command("NAME")} and picks the reply decoder:
 *
 * <pre>{@code
 * // Javadoc: removes and returns up to count members with the lowest scores.
 * default Spec<List<ScoredValue<V>>> zpopmin(K key, long count) {
 *   return command("ZPOPMIN").key(key).add(Check.positive("ZPOPMIN", "count", count)).spec(scored());
 * }
 * }</pre>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Names: the Redis command in lower case ({@code incrbyfloat}, {@code zrangestore}); a
 *       subcommand joins in camel case ({@code xgroupCreate}, {@code scriptLoad}, {@code
 *       clientSetname}); a variant whose reply has another shape gets a suffix ({@code
 *       zrangeWithScores}, {@code setGet}).</li>
 *   <li>Options: immutable argument objects in {@code io.vigil.driver.args} ({@code SetArgs},
 *       {@code ZAddArgs}…) that validate eagerly and name the bad value; the definition writes
 *       their wire form, so each command's wire form stays in one place.</li>
 *   <li>Results: records in {@code io.vigil.driver.values}; their decoders, tolerant of RESP2 and
 *       RESP3 shapes, in {@code io.vigil.driver.internal.command.replies}.</li>
 *   <li>Bad input fails before anything is sent, with {@link java.lang.IllegalArgumentException}
 *       naming the command and the argument ({@code Args} and {@code Check} do it).</li>
 *   <li>Blocking commands end with {@code blocking(decoder, timeout)}: a connection of their
 *       own, the command's own timeout added to the deadline.</li>
 *   <li>Each command has its test in {@code driver-tests} ({@code io.vigil.driver.commands}),
 *       against real {@code redis-server} and the Java server, RESP2 and RESP3, blocking and
 *       async.</li>
 * </ul>
 */
package io.vigil.driver.internal.command.definitions;
