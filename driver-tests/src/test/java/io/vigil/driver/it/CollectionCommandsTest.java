package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.values.ScoredValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sorted sets. */
class CollectionCommandsTest extends SharedServerTest {


  @Test
  void sortedSetsRankAndRangeByScore() {
    assertThat(client.zadd("z", 1, "one")).isEqualTo(1);
    assertThat(client.zadd("z", List.of(ScoredValue.of(2, "two"), ScoredValue.of(3, "three")))).isEqualTo(2);

    assertThat(client.zscore("z", "two")).isEqualTo(2.0);
    assertThat(client.zscore("z", "none")).isNull();
    assertThat(client.zincrby("z", 10, "one")).isEqualTo(11.0);
    assertThat(client.zrange("z", 0, -1)).containsExactly("two", "three", "one");
    assertThat(client.zrevrange("z", 0, 0)).containsExactly("one");
    assertThat(client.zrangeWithScores("z", 0, 1)).containsExactly(ScoredValue.of(2, "two"), ScoredValue.of(3, "three"));
    assertThat(client.zrangebyscore("z", 2.5, Double.POSITIVE_INFINITY)).containsExactly("three", "one");
    assertThat(client.zcount("z", 0, 3)).isEqualTo(2);
    assertThat(client.zrank("z", "three")).isEqualTo(1);
    assertThat(client.zrank("z", "none")).isNull();
    assertThat(client.zcard("z")).isEqualTo(3);
    assertThat(client.zrem("z", "two", "none")).isEqualTo(1);
  }
}
