package io.vigil.testkit.server.command;

/** MATCH and COUNT of HSCAN, SSCAN and ZSCAN. */
final class ScanOptions {

  byte[] match;
  long count = 10;

  static ScanOptions parse(Call c, int from) {
    ScanOptions o = new ScanOptions();
    for (int i = from; i < c.argc(); i++) {
      if (c.is(i, "COUNT") && i + 1 < c.argc()) {
        o.count = c.longArg(++i);
        if (o.count < 1) {
          throw RedisError.syntax();
        }
      } else if (c.is(i, "MATCH") && i + 1 < c.argc()) {
        o.match = c.arg(++i);
      } else {
        throw RedisError.syntax();
      }
    }
    return o;
  }
}
