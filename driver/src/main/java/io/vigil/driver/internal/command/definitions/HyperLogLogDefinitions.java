package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;

/** HyperLogLogs: approximate distinct counts in 12 KB or less. */
public interface HyperLogLogDefinitions<K, V> extends Definitions<K, V> {

  /**
   * Adds {@code elements} to the HyperLogLog at {@code key}, creating it when missing; whether its
   * estimate may have changed.
   */
  default Spec<Boolean> pfadd(K key, V... elements) {
    return command("PFADD").key(key).values(elements, "elements").spec(Replies.BOOLEAN);
  }

  /**
   * The approximate number of distinct elements added to the HyperLogLogs at {@code keys} (their
   * union when several; 0.81% standard error); missing keys count as empty.
   */
  default Spec<Long> pfcount(K... keys) {
    return command("PFCOUNT").keys(keys).spec(Replies.INTEGER);
  }

  /**
   * Stores the union of the HyperLogLogs at {@code sources} in {@code destination}, merged with
   * what it already holds (none at all: only makes sure it exists); returns {@code OK}.
   */
  default Spec<String> pfmerge(K destination, K... sources) {
    Args<K, V> args = command("PFMERGE").key(destination, "destination");
    for (K source : Check.notNull("PFMERGE", "the source keys", sources)) {
      args.key(source, "source key");
    }
    return args.spec(Replies.STATUS);
  }
}
