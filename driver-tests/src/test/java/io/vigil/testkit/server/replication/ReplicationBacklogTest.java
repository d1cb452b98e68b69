package io.vigil.testkit.server.replication;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplicationBacklogTest {

  private static byte[] b(String s) {
    return s.getBytes(US_ASCII);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, US_ASCII);
  }

  @Test
  void aNewBacklogServesOnlyTheNextByte() {
    ReplicationBacklog backlog = new ReplicationBacklog(16, 100);
    assertThat(backlog.masterReplOffset()).isEqualTo(100);
    assertThat(backlog.firstByteOffset()).isEqualTo(101);
    assertThat(backlog.histlen()).isZero();
    assertThat(backlog.canServeFrom(101)).isTrue();
    assertThat(backlog.copyFrom(101)).isEmpty();
    assertThat(backlog.canServeFrom(100)).isFalse();
    assertThat(backlog.canServeFrom(102)).isFalse();
  }

  @Test
  void offsetsFollowRedisBookkeeping() {
    ReplicationBacklog backlog = new ReplicationBacklog(16, 0);
    backlog.append(b("abcdef"));
    assertThat(backlog.masterReplOffset()).isEqualTo(6);
    assertThat(backlog.histlen()).isEqualTo(6);
    assertThat(backlog.firstByteOffset()).isEqualTo(1);
    assertThat(text(backlog.copyFrom(1))).isEqualTo("abcdef");
    assertThat(text(backlog.copyFrom(4))).isEqualTo("def");
    assertThat(text(backlog.copyFrom(6))).isEqualTo("f");
    assertThat(backlog.copyFrom(7)).isEmpty();
    assertThat(backlog.canServeFrom(0)).isFalse();
    assertThat(backlog.canServeFrom(8)).isFalse();
  }

  @Test
  void wrapsAroundKeepingTheNewestBytes() {
    ReplicationBacklog backlog = new ReplicationBacklog(8, 0);
    backlog.append(b("abcdef"));
    backlog.append(b("ghijk")); // 11 bytes through an 8-byte buffer
    assertThat(backlog.histlen()).isEqualTo(8);
    assertThat(backlog.masterReplOffset()).isEqualTo(11);
    assertThat(backlog.firstByteOffset()).isEqualTo(4);
    assertThat(backlog.canServeFrom(3)).as("overwritten").isFalse();
    assertThat(backlog.canServeFrom(4)).as("exactly the oldest byte").isTrue();
    assertThat(text(backlog.copyFrom(4))).isEqualTo("defghijk");
    assertThat(backlog.canServeFrom(12)).as("exactly the next byte").isTrue();
    assertThat(backlog.copyFrom(12)).isEmpty();
    List<Integer> chunkLengths = new ArrayList<>();
    backlog.forEachChunkFrom(4, (buf, off, len) -> chunkLengths.add(len));
    assertThat(chunkLengths).containsExactly(5, 3);
  }

  @Test
  void anAppendLargerThanTheBufferKeepsItsTail() {
    ReplicationBacklog backlog = new ReplicationBacklog(4, 10);
    backlog.append(b("x"));
    backlog.append(b("0123456789"));
    assertThat(backlog.masterReplOffset()).isEqualTo(21);
    assertThat(backlog.firstByteOffset()).isEqualTo(18);
    assertThat(text(backlog.copyFrom(18))).isEqualTo("6789");
    backlog.append(b("ab"));
    assertThat(text(backlog.copyFrom(20))).isEqualTo("89ab");
  }

  @Test
  void matchesAPlainCopyOfTheStreamUnderRandomAppends() {
    Random random = new Random(99);
    ReplicationBacklog backlog = new ReplicationBacklog(1000, 0);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < 2000; i++) {
      byte[] chunk = new byte[random.nextInt(random.nextInt(10) == 0 ? 2500 : 60)];
      random.nextBytes(chunk);
      if (random.nextBoolean()) {
        backlog.append(chunk);
      } else {
        backlog.append(ByteBuffer.wrap(chunk));
      }
      stream.writeBytes(chunk);
      byte[] all = stream.toByteArray();
      assertThat(backlog.masterReplOffset()).isEqualTo(all.length);
      long from = backlog.firstByteOffset() + random.nextInt((int) backlog.histlen() + 1);
      byte[] expected = java.util.Arrays.copyOfRange(all, (int) from - 1, all.length);
      assertThat(backlog.copyFrom(from)).isEqualTo(expected);
    }
  }

  @Test
  void resizeKeepsTheNewestBytesAndOffsets() {
    ReplicationBacklog backlog = new ReplicationBacklog(8, 0);
    backlog.append(b("abcdefghij"));
    backlog.resize(4);
    assertThat(backlog.size()).isEqualTo(4);
    assertThat(backlog.firstByteOffset()).isEqualTo(7);
    assertThat(text(backlog.copyFrom(7))).isEqualTo("ghij");
    backlog.resize(32);
    backlog.append(b("kl"));
    assertThat(text(backlog.copyFrom(7))).isEqualTo("ghijkl");
  }

  @Test
  void refusesOffsetsItCannotServe() {
    ReplicationBacklog backlog = new ReplicationBacklog(4, 0);
    backlog.append(b("abcdef"));
    assertThatThrownBy(() -> backlog.copyFrom(2)).hasMessageContaining("outside the backlog, which holds 3 to 6");
    assertThatThrownBy(() -> new ReplicationBacklog(0, 0)).hasMessageContaining("repl-backlog-size 0");
  }
}
