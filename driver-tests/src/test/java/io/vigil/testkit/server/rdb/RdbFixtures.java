package io.vigil.testkit.server.rdb;

/** RDB files saved by a real redis-server, as hex, for network-free byte-exact tests. */
final class RdbFixtures {

  /**
   * redis-server 7.0.15 after {@code SET k v; SET n 1234; SET long <59 × 'a'>; RPUSH l a 1 -70000;
   * SADD s 1 2; ZADD z 1.5 m 2 n; HSET h f v; PEXPIREAT k 4102444800000; SELECT 2; SET other x; SAVE}.
   */
  static final String REDIS_7_0_15_SMALL = "524544495330303130fa0972656469732d76657206372e302e3135fa0a72656469732d"
      + "62697473c040fa056374696d65c27636026bfa08757365642d6d656dc2b0fa1000fa08616f662d62617365c000fe00fb07010001"
      + "6ec1d20412016c0102111100000003008161020101f290eefe04ff1001680d0d0000000200816602817602ff00046c6f6e67c3"
      + "093b016161e02e0001616111017a14140000000400816d0283312e3504816e020201ff0b01730c020000000200000001000200fc"
      + "00d8c32cbb03000000016b0176fe02fb010000056f746865720178ffffc23274ef75d60d";

  private RdbFixtures() {}
}
