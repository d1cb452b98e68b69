package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.Expiry;
import io.vigil.driver.internal.command.Args;

/**
 * The wire form of options several commands share ({@code SET} and {@code GETEX} expiries), so
 * each is written in one place.
 */
final class Wire {

  private Wire() {}

  static <K, V> Args<K, V> expiry(Args<K, V> args, Expiry expiry) {
    if (expiry != null) {
      args.add(expiry.kind().name());
      if (expiry.kind().hasAmount()) {
        args.add(expiry.amount());
      }
    }
    return args;
  }
}
