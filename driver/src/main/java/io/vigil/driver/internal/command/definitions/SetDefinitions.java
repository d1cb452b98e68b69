package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import java.util.Set;

/** Sets: unordered collections of unique members, and their algebra. */
public interface SetDefinitions<K, V> extends Definitions<K, V> {

  /** Adds {@code members}; how many were new. */
  default Spec<Long> sadd(K key, V... members) {
    return command("SADD").key(key).values(members).spec(Replies.INTEGER);
  }

  /** Removes {@code members}; how many were there. */
  default Spec<Long> srem(K key, V... members) {
    return command("SREM").key(key).values(members).spec(Replies.INTEGER);
  }

  /** The members of the set. */
  default Spec<Set<V>> smembers(K key) {
    return command("SMEMBERS").key(key).spec(valueSet());
  }

  /** Whether {@code member} is in the set. */
  default Spec<Boolean> sismember(K key, V member) {
    return command("SISMEMBER").key(key).value(member).spec(Replies.BOOLEAN);
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
    return command("SMOVE").key(source).key(destination).value(member).spec(Replies.BOOLEAN);
  }
}
