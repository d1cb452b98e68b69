package io.vigil.driver.internal.command.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespSimpleString;
import org.junit.jupiter.api.Test;

class HyperLogLogDefinitionsTest {

  private final RecordingRunner redis = new RecordingRunner(RespSimpleString.OK);

  @Test
  void pfmergeMayHaveNoSource() {
    assertThat(redis.wire(r -> r.pfmerge("d"))).containsExactly("PFMERGE", "d");
    assertThat(redis.wire(r -> r.pfmerge("d", "a", "b"))).containsExactly("PFMERGE", "d", "a", "b");
  }

  @Test
  void badInputIsRejectedBeforeAnythingIsSent() {
    redis.assertRejected(r -> r.pfadd("h"), r -> r.pfadd("h"), "PFADD", "elements");
    redis.assertRejected(r -> r.pfadd("h", "a", null), r -> r.pfadd("h", "a", null), "PFADD", "element");
    redis.assertRejected(r -> r.pfcount(), r -> r.pfcount(), "PFCOUNT", "keys");
    redis.assertRejected(r -> r.pfmerge("d", "a", null), r -> r.pfmerge("d", "a", null), "PFMERGE", "source key");
    redis.assertRejected(r -> r.pfmerge(null, "a"), r -> r.pfmerge(null, "a"), "PFMERGE", "destination");
  }
}
