package io.vigil.testkit.server.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Redis glob semantics, and no exponential blow-up on hostile patterns. */
class GlobMatcherTest {

  private static boolean m(String pattern, String s) {
    return GlobMatcher.matches(pattern.getBytes(StandardCharsets.UTF_8), s.getBytes(StandardCharsets.UTF_8), false);
  }

  @Test
  void matchesLikeStringmatchlen() {
    assertThat(m("*", "")).isTrue();
    assertThat(m("h?llo", "hello")).isTrue();
    assertThat(m("h*llo", "heeeello")).isTrue();
    assertThat(m("h[ae]llo", "hallo")).isTrue();
    assertThat(m("h[^e]llo", "hello")).isFalse();
    assertThat(m("h[a-b]llo", "hbllo")).isTrue();
    assertThat(m("a\\*b", "a*b")).isTrue();
    assertThat(m("a\\*b", "axb")).isFalse();
    assertThat(m("*.txt", "notes.txt")).isTrue();
    assertThat(m("a*b", "a")).isFalse();
    assertThat(m("news.*", "news.sports")).isTrue();
    assertThat(GlobMatcher.matches("HELLO".getBytes(), "hello".getBytes(), true)).isTrue();
  }

  @Test
  void hostilePatternsAnswerQuickly() {
    String pattern = "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
    String subject = "a".repeat(5000);
    long start = System.nanoTime();
    assertThat(m(pattern, subject)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
