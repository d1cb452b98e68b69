package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.ElementScanArgs;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.SetReplies;
import io.vigil.driver.values.SetScanPage;
import java.util.List;
import java.util.Set;

/** Sets: unordered collections of unique members, and their algebra. */
public interface SetDefinitions<K, V> extends Definitions<K, V> {

  /** Adds {@code members}; how many were new. */
  default Spec<Long> sadd(K key, V... members) {
    return command("SADD").key(key).values(members, "members").spec(Replies.INTEGER);
  }

  /** Removes {@code members}; how many were there. */
  default Spec<Long> srem(K key, V... members) {
    return command("SREM").key(key).values(members, "members").spec(Replies.INTEGER);
  }

  /** The members of the set. */
  default Spec<Set<V>> smembers(K key) {
    return command("SMEMBERS").key(key).spec(valueSet());
  }

  /** Whether {@code member} is in the set. */
  default Spec<Boolean> sismember(K key, V member) {
    return command("SISMEMBER").key(key).value(member, "member").spec(Replies.BOOLEAN);
  }

  /** The number of members. */
  default Spec<Long> scard(K key) {
    return command("SCARD").key(key).spec(Replies.INTEGER);
  }

  /** The members common to all {@code keys}. */
  default Spec<Set<V>> sinter(K... keys) {
    return command("SINTER").keys(keys).spec(valueSet());
  }

  /** The members of any of {@code keys}. */
  default Spec<Set<V>> sunion(K... keys) {
    return command("SUNION").keys(keys).spec(valueSet());
  }

  /** The members of the first key that are in none of the others. */
  default Spec<Set<V>> sdiff(K... keys) {
    return command("SDIFF").keys(keys).spec(valueSet());
  }

  /** Removes and returns a random member, or null when the set is empty. */
  default Spec<V> spop(K key) {
    return command("SPOP").key(key).spec(value());
  }

  /** A random member, or null when the set is empty. */
  default Spec<V> srandmember(K key) {
    return command("SRANDMEMBER").key(key).spec(value());
  }

  /**
   * Moves {@code member} from {@code source} to {@code destination}; whether it was in {@code
   * source}.
   */
  default Spec<Boolean> smove(K source, K destination, V member) {
    return command("SMOVE").key(source, "source").key(destination, "destination").value(member, "member")
        .spec(Replies.BOOLEAN);
  }

  /**
   * For each of {@code members}, in order, whether it is in the set (all false when the key does
   * not exist).
   */
  default Spec<List<Boolean>> smismember(K key, V... members) {
    return command("SMISMEMBER").key(key).values(members, "members").spec(SetReplies.FLAGS);
  }

  /** The number of members common to all {@code keys}, without building the intersection. */
  default Spec<Long> sintercard(K... keys) {
    return command("SINTERCARD").add(CollectionWire.count("SINTERCARD", keys)).keys(keys).spec(Replies.INTEGER);
  }

  /**
   * The number of members common to all {@code keys}, counting stops at {@code limit} (0: no
   * limit): cheap when only "at least {@code limit}" matters.
   */
  default Spec<Long> sintercard(long limit, K... keys) {
    return command("SINTERCARD").add(CollectionWire.count("SINTERCARD", keys)).keys(keys).add("LIMIT")
        .add(Check.notNegative("SINTERCARD", "limit", limit)).spec(Replies.INTEGER);
  }

  /**
   * Stores the members common to all {@code keys} at {@code destination}, replacing it (deleting
   * it when the result is empty); the resulting size.
   */
  default Spec<Long> sinterstore(K destination, K... keys) {
    return CollectionWire.destination(command("SINTERSTORE"), codec(), destination).keys(keys).spec(Replies.INTEGER);
  }

  /**
   * Stores the members of any of {@code keys} at {@code destination}, replacing it (deleting it
   * when the result is empty); the resulting size.
   */
  default Spec<Long> sunionstore(K destination, K... keys) {
    return CollectionWire.destination(command("SUNIONSTORE"), codec(), destination).keys(keys).spec(Replies.INTEGER);
  }

  /**
   * Stores the members of the first of {@code keys} that are in none of the others at {@code
   * destination}, replacing it (deleting it when the result is empty); the resulting size.
   */
  default Spec<Long> sdiffstore(K destination, K... keys) {
    return CollectionWire.destination(command("SDIFFSTORE"), codec(), destination).keys(keys).spec(Replies.INTEGER);
  }

  /**
   * Removes and returns up to {@code count} random members (all of them when the set is
   * smaller); empty when the key does not exist.
   */
  default Spec<Set<V>> spop(K key, long count) {
    return command("SPOP").key(key).add(Check.notNegative("SPOP", "count", count)).spec(valueSet());
  }

  /**
   * Random members: with a positive {@code count}, that many distinct members (all of them when
   * the set is smaller); with a negative one, exactly {@code -count} members that may repeat;
   * empty when the key does not exist or {@code count} is 0.
   */
  default Spec<List<V>> srandmember(K key, long count) {
    return command("SRANDMEMBER").key(key).add(count).spec(values());
  }

  /**
   * One page of the members of the set at {@code key}, from {@code cursor} ({@code "0"} to start;
   * the page's cursor to continue, until it is {@code "0"} again). A missing key is one empty, last
   * page. A small set comes back whole in one page.
   */
  default Spec<SetScanPage<V>> sscan(K key, String cursor) {
    return command("SSCAN").key(key).add(Check.notNull("SSCAN", "the cursor", cursor))
        .spec(SetReplies.scanPage(codec()));
  }

  /**
   * {@link #sscan(Object, String)} with members matching {@code args}' pattern and its {@code
   * COUNT} hint; pages may be empty while the iteration goes on.
   */
  default Spec<SetScanPage<V>> sscan(K key, String cursor, ElementScanArgs args) {
    return CollectionWire.scan(command("SSCAN").key(key).add(Check.notNull("SSCAN", "the cursor", cursor)), args)
        .spec(SetReplies.scanPage(codec()));
  }
}
