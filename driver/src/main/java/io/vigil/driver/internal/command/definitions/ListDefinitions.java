package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.InsertPosition;
import io.vigil.driver.args.LPosArgs;
import io.vigil.driver.args.ListDirection;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.NullableReply;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.ListReplies;
import io.vigil.driver.values.KeyValue;
import java.time.Duration;
import java.util.List;

/** Lists: pushes, pops (blocking ones included), ranges and moves. */
public interface ListDefinitions<K, V> extends Definitions<K, V> {

  /** Prepends {@code values} (the last one ends up first); the new length. */
  default Spec<Long> lpush(K key, V... values) {
    return command("LPUSH").key(key).values(values).spec(Replies.INTEGER);
  }

  /** Appends {@code values}; the new length. */
  default Spec<Long> rpush(K key, V... values) {
    return command("RPUSH").key(key).values(values).spec(Replies.INTEGER);
  }

  /** Removes and returns the first element, or null when the list is empty. */
  default Spec<V> lpop(K key) {
    return command("LPOP").key(key).spec(value());
  }

  /** Removes and returns the last element, or null when the list is empty. */
  default Spec<V> rpop(K key) {
    return command("RPOP").key(key).spec(value());
  }

  /** The elements from {@code start} to {@code stop} inclusive (negative counts from the end). */
  default Spec<List<V>> lrange(K key, long start, long stop) {
    return command("LRANGE").key(key).add(start).add(stop).spec(values());
  }

  /** The length of the list. */
  default Spec<Long> llen(K key) {
    return command("LLEN").key(key).spec(Replies.INTEGER);
  }

  /** The element at {@code index}, or null. */
  default Spec<V> lindex(K key, long index) {
    return command("LINDEX").key(key).add(index).spec(value());
  }

  /** Replaces the element at {@code index}; returns {@code OK}. */
  default Spec<String> lset(K key, long index, V value) {
    return command("LSET").key(key).add(index).value(value).spec(Replies.STATUS);
  }

  /**
   * Removes up to {@code count} elements equal to {@code value} (0: all; negative: from the
   * tail); how many.
   */
  default Spec<Long> lrem(K key, long count, V value) {
    return command("LREM").key(key).add(count).value(value).spec(Replies.INTEGER);
  }

  /** Trims the list to {@code start}..{@code stop}; returns {@code OK}. */
  default Spec<String> ltrim(K key, long start, long stop) {
    return command("LTRIM").key(key).add(start).add(stop).spec(Replies.STATUS);
  }

  /**
   * Moves the last element of {@code source} to the head of {@code destination} and returns
   * it, or null.
   */
  default Spec<V> rpoplpush(K source, K destination) {
    return command("LMOVE").key(source, "source").key(destination, "destination").add("RIGHT").add("LEFT")
        .spec(value());
  }

  /**
   * Removes and returns the first element of the first non-empty list among {@code keys},
   * waiting up to {@code timeout} ({@link Duration#ZERO}: forever); null on timeout. Runs on a
   * connection of its own.
   */
  default Spec<KeyValue<K, V>> blpop(Duration timeout, K... keys) {
    return command("BLPOP").keys(keys).add(Check.blockSeconds("BLPOP", timeout)).blocking(keyValue(), timeout);
  }

  /**
   * Removes and returns the last element of the first non-empty list among {@code keys},
   * waiting up to {@code timeout} ({@link Duration#ZERO}: forever); null on timeout. Runs on a
   * connection of its own.
   */
  default Spec<KeyValue<K, V>> brpop(Duration timeout, K... keys) {
    return command("BRPOP").keys(keys).add(Check.blockSeconds("BRPOP", timeout)).blocking(keyValue(), timeout);
  }

  /**
   * {@link #rpoplpush} that waits up to {@code timeout} for an element; null on timeout. Runs
   * on a connection of its own.
   */
  default Spec<V> brpoplpush(Duration timeout, K source, K destination) {
    return command("BLMOVE").key(source, "source").key(destination, "destination").add("RIGHT").add("LEFT")
        .add(Check.blockSeconds("BLMOVE", timeout)).blocking(value(), timeout);
  }

  /** Prepends {@code values} only when the list exists; the new length, 0 when it does not. */
  default Spec<Long> lpushx(K key, V... values) {
    return command("LPUSHX").key(key).values(values).spec(Replies.INTEGER);
  }

  /** Appends {@code values} only when the list exists; the new length, 0 when it does not. */
  default Spec<Long> rpushx(K key, V... values) {
    return command("RPUSHX").key(key).values(values).spec(Replies.INTEGER);
  }

  /**
   * Removes and returns up to {@code count} elements from the head, in order; empty when the
   * list does not exist (or {@code count} is 0).
   */
  default Spec<List<V>> lpop(K key, long count) {
    return command("LPOP").key(key).add(Check.notNegative("LPOP", "count", count)).spec(values());
  }

  /**
   * Removes and returns up to {@code count} elements from the tail, the last one first; empty
   * when the list does not exist (or {@code count} is 0).
   */
  default Spec<List<V>> rpop(K key, long count) {
    return command("RPOP").key(key).add(Check.notNegative("RPOP", "count", count)).spec(values());
  }

  /**
   * Inserts {@code element} just before or after the first {@code pivot} from the head; the new
   * length, -1 when there is no {@code pivot}, 0 when the list does not exist.
   */
  default Spec<Long> linsert(K key, InsertPosition position, V pivot, V element) {
    return command("LINSERT").key(key).add(Check.notNull("LINSERT", "the position", position).name())
        .value(pivot, "pivot").value(element, "element").spec(Replies.INTEGER);
  }

  /** The index of the first element equal to {@code element}, or null when there is none. */
  @NullableReply
  default Spec<Long> lpos(K key, V element) {
    return command("LPOS").key(key).value(element, "element").spec(Replies.NULLABLE_INTEGER);
  }

  /**
   * The index of the match of {@code element} that {@code args} selects (its {@code RANK},
   * within its {@code MAXLEN}), or null when there is none. Indexes always count from the head,
   * also for a negative rank.
   */
  @NullableReply
  default Spec<Long> lpos(K key, V element, LPosArgs args) {
    return lposArgs(command("LPOS").key(key).value(element, "element"), args).spec(Replies.NULLABLE_INTEGER);
  }

  /**
   * The indexes of up to {@code count} elements equal to {@code element} (0: all of them), from
   * the head; empty when there are none.
   */
  default Spec<List<Long>> lpos(K key, V element, long count) {
    return command("LPOS").key(key).value(element, "element").add("COUNT")
        .add(Check.notNegative("LPOS", "count", count)).spec(ListReplies.POSITIONS);
  }

  /**
   * The indexes of up to {@code count} matches of {@code element} (0: all of them) from the one
   * {@code args} selects, in search order (a negative rank searches from the tail).
   */
  default Spec<List<Long>> lpos(K key, V element, long count, LPosArgs args) {
    Args<K, V> a = command("LPOS").key(key).value(element, "element").add("COUNT")
        .add(Check.notNegative("LPOS", "count", count));
    return lposArgs(a, args).spec(ListReplies.POSITIONS);
  }

  /**
   * Moves an element from one end of {@code source} to one end of {@code destination} (the same
   * list rotates it) and returns it, or null when {@code source} is empty.
   */
  default Spec<V> lmove(K source, K destination, ListDirection from, ListDirection to) {
    return command("LMOVE").key(source, "source").key(destination, "destination")
        .add(Check.notNull("LMOVE", "the source end", from).name())
        .add(Check.notNull("LMOVE", "the destination end", to).name()).spec(value());
  }

  /**
   * {@link #lmove} that waits up to {@code timeout} ({@link Duration#ZERO}: forever) for an
   * element; null on timeout. Runs on a connection of its own.
   */
  default Spec<V> blmove(Duration timeout, K source, K destination, ListDirection from, ListDirection to) {
    return command("BLMOVE").key(source, "source").key(destination, "destination")
        .add(Check.notNull("BLMOVE", "the source end", from).name())
        .add(Check.notNull("BLMOVE", "the destination end", to).name())
        .add(Check.blockSeconds("BLMOVE", timeout)).blocking(value(), timeout);
  }

  /**
   * Pops one element from the {@code from} end of the first non-empty list among {@code keys};
   * that list's key and the element, or null when all are empty.
   */
  default Spec<KeyValue<K, List<V>>> lmpop(ListDirection from, K... keys) {
    return mpop(command("LMPOP"), from, keys).spec(ListReplies.keyElements(codec()));
  }

  /**
   * Pops up to {@code count} elements from the {@code from} end of the first non-empty list among
   * {@code keys}; that list's key and the elements in pop order, or null when all are empty.
   */
  default Spec<KeyValue<K, List<V>>> lmpop(ListDirection from, long count, K... keys) {
    return mpop(command("LMPOP"), from, keys).add("COUNT").add(Check.positive("LMPOP", "count", count))
        .spec(ListReplies.keyElements(codec()));
  }

  /**
   * {@link #lmpop(ListDirection, Object[])} that waits up to {@code timeout} ({@link
   * Duration#ZERO}: forever) for an element; null on timeout. Runs on a connection of its own.
   */
  default Spec<KeyValue<K, List<V>>> blmpop(Duration timeout, ListDirection from, K... keys) {
    return mpop(command("BLMPOP").add(Check.blockSeconds("BLMPOP", timeout)), from, keys)
        .blocking(ListReplies.keyElements(codec()), timeout);
  }

  /**
   * {@link #lmpop(ListDirection, long, Object[])} that waits up to {@code timeout} ({@link
   * Duration#ZERO}: forever) for an element; null on timeout. Runs on a connection of its own.
   */
  default Spec<KeyValue<K, List<V>>> blmpop(Duration timeout, ListDirection from, long count, K... keys) {
    return mpop(command("BLMPOP").add(Check.blockSeconds("BLMPOP", timeout)), from, keys).add("COUNT")
        .add(Check.positive("BLMPOP", "count", count)).blocking(ListReplies.keyElements(codec()), timeout);
  }

  private static <K, V> Args<K, V> lposArgs(Args<K, V> args, LPosArgs options) {
    Check.notNull("LPOS", "the options", options);
    if (options.rank() != 0) {
      args.add("RANK").add(options.rank());
    }
    if (options.maxlen() != 0) {
      args.add("MAXLEN").add(options.maxlen());
    }
    return args;
  }

  private static <K, V> Args<K, V> mpop(Args<K, V> args, ListDirection from, K[] keys) {
    Check.notNull(args.name(), "the end to pop from", from);
    return args.add(CollectionWire.count(args.name(), keys)).keys(keys).add(from.name());
  }
}
