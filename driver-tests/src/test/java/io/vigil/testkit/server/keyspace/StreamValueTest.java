package io.vigil.testkit.server.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.server.rdb.Listpack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stream's node bookkeeping: the byte size it tracks for each node is the size of the
 * listpack the node encodes to (Redis splits nodes on that size), a node read back from its
 * listpack elements is the same node, and deletes and trims keep the counters right.
 */
class StreamValueTest {

  private static byte[][] fields(String... words) {
    byte[][] out = new byte[words.length][];
    for (int i = 0; i < words.length; i++) {
      out[i] = words[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /** Random appends (mixed field sets, integers, long and empty values) and deletes. */
  private static StreamValue randomStream(long seed) {
    Random r = new Random(seed);
    StreamValue s = new StreamValue();
    long ms = 1;
    for (int i = 0; i < 600; i++) {
      ms += r.nextInt(3) == 0 ? r.nextInt(100_000) : 0;
      StreamId id = s.lastId().ms() == ms ? s.lastId().next() : new StreamId(ms, r.nextInt(3));
      String value = switch (r.nextInt(5)) {
        case 0 -> Integer.toString(r.nextInt(2_000_000) - 1_000_000);
        case 1 -> "";
        case 2 -> "x".repeat(r.nextInt(5000));
        default -> "v" + i;
      };
      byte[][] fv = r.nextBoolean() ? fields("a", value, "b", "2") : fields("c", value);
      s.append(id, fv, 4096, 100);
      if (r.nextInt(4) == 0) {
        s.delete(List.of(new StreamId(ms, r.nextInt(3))));
      }
    }
    return s;
  }

  @Test
  void trackedNodeSizeIsTheEncodedListpackSize() {
    for (long seed = 1; seed <= 5; seed++) {
      StreamValue s = randomStream(seed);
      assertThat(s.radixTreeKeys()).isGreaterThan(5);
      for (StreamNode n : s.nodes()) {
        assertThat(n.listpackBytes()).as("node %s", n.masterId())
            .isEqualTo(Listpack.encode(n.listpackElements()).length);
      }
    }
  }

  @Test
  void nodeReadBackFromItsListpackIsTheSame() {
    StreamValue s = randomStream(7);
    for (StreamNode n : s.nodes()) {
      StreamNode again = StreamNode.fromListpackElements(n.masterId(), Listpack.decode(Listpack.encode(
          n.listpackElements())));
      assertThat(again.live()).isEqualTo(n.live());
      assertThat(again.deleted()).isEqualTo(n.deleted());
      assertThat(again.listpackBytes()).isEqualTo(n.listpackBytes());
      assertThat(again.listpackElements()).containsExactlyElementsOf(n.listpackElements());
    }
  }

  @Test
  void nodesSplitAtTheEntryLimitCountingTombstones() {
    StreamValue s = new StreamValue();
    for (int i = 1; i <= 4; i++) {
      s.append(new StreamId(i, 0), fields("f", "v"), 4096, 2);
    }
    s.delete(List.of(new StreamId(4, 0))); // node 3-0 keeps one entry and one tombstone: full
    s.append(new StreamId(5, 0), fields("f", "v"), 4096, 2);
    s.delete(List.of(new StreamId(5, 0))); // a node's last live entry takes the node with it
    s.append(new StreamId(6, 0), fields("f", "v"), 4096, 2);
    List<StreamId> masters = new ArrayList<>();
    s.nodes().forEach(n -> masters.add(n.masterId()));
    assertThat(masters).containsExactly(new StreamId(1, 0), new StreamId(3, 0), new StreamId(6, 0));
    assertThat(s.length()).isEqualTo(4);
  }

  @Test
  void exactTrimLeavesTombstonesAndApproximateTrimOnlyDropsWholeNodes() {
    StreamValue s = new StreamValue();
    for (int i = 1; i <= 10; i++) {
      s.append(new StreamId(i, 0), fields("f", "v"), 4096, 4);
    }
    assertThat(s.trim(new StreamTrim(true, 8, null, true, 0))).isZero(); // the first node holds 4
    assertThat(s.trim(new StreamTrim(true, 5, null, true, 0))).isEqualTo(4);
    assertThat(s.trim(new StreamTrim(true, 5, null, false, 0))).isEqualTo(1);
    StreamNode first = s.nodes().iterator().next();
    assertThat(first.masterId()).isEqualTo(new StreamId(5, 0));
    assertThat(first.deleted()).isEqualTo(1);
    assertThat(s.firstId()).isEqualTo(new StreamId(6, 0));
    assertThat(s.trim(new StreamTrim(false, 0, new StreamId(9, 0), false, 0))).isEqualTo(3);
    assertThat(s.length()).isEqualTo(2);
  }

  @Test
  void radixTreeHasOneNodeWhenEmptyAndALeafPlusPrefixPerKey() {
    StreamValue s = new StreamValue();
    assertThat(s.radixTreeNodes()).isEqualTo(1);
    s.append(new StreamId(1, 0), fields("f", "v"), 4096, 1);
    assertThat(s.radixTreeNodes()).isEqualTo(2);
    s.append(new StreamId(1, 1), fields("f", "v"), 4096, 1);
    // a shared 15-byte prefix, the branch, two leaves
    assertThat(s.radixTreeNodes()).isEqualTo(4);
  }
}
