package io.vigil.driver.internal.command.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.codec.StringCodec;
import io.vigil.driver.values.KeyValue;
import io.vigil.driver.values.ScoredValue;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBoolean;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespDouble;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hash, list, set and sorted-set decoders on both protocols' shapes, nulls and bad shapes. */
class CollectionRepliesTest {

  private static final StringCodec UTF8 = StringCodec.UTF8;

  private static RespBulkString b(String s) {
    return RespBulkString.of(s);
  }

  @Test
  void fieldValuePairsReadTheSameNestedAndFlat() {
    var resp3 = HashReplies.fieldValues(UTF8).decode(RespArray.of(RespArray.of(b("f"), b("1")), RespArray.of(b("f"), b("1"))));
    var resp2 = HashReplies.fieldValues(UTF8).decode(RespArray.of(b("f"), b("1"), b("f"), b("1")));

    assertThat(resp3).containsExactly(new KeyValue<>("f", "1"), new KeyValue<>("f", "1"));
    assertThat(resp2).isEqualTo(resp3);
    assertThat(HashReplies.fieldValues(UTF8).decode(RespArray.EMPTY)).isEmpty();
  }

  @Test
  void oddOrMisshapenPairsAreRefused() {
    assertThatThrownBy(() -> HashReplies.fieldValues(UTF8).decode(RespArray.of(b("f"), b("1"), b("g"))))
        .isInstanceOf(UnexpectedReplyException.class).hasMessageContaining("pairs");
    assertThatThrownBy(() -> HashReplies.fieldValues(UTF8).decode(RespArray.of(RespArray.of(b("f")))))
        .isInstanceOf(UnexpectedReplyException.class);
  }

  @Test
  void hashScanPageKeepsTheCursorAndTheFieldOrder() {
    var page = HashReplies.scanPage(UTF8).decode(RespArray.of(b("17"), RespArray.of(b("b"), b("2"), b("a"), b("1"))));

    assertThat(page.cursor()).isEqualTo("17");
    assertThat(page.isLast()).isFalse();
    assertThat(page.entries()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
    assertThatThrownBy(() -> HashReplies.scanPage(UTF8).decode(RespArray.of(b("0"))))
        .isInstanceOf(UnexpectedReplyException.class).hasMessageContaining("cursor");
  }

  @Test
  void aRandomFieldMayBeNull() {
    assertThat(HashReplies.field(UTF8).decode(b("f"))).isEqualTo("f");
    assertThat(HashReplies.field(UTF8).decode(RespNull.BULK)).isNull();
    assertThat(HashReplies.field(UTF8).decode(RespNull.RESP3)).isNull();
  }

  @Test
  void multiPopOfAListIsNullWhenNothingWasPopped() {
    assertThat(ListReplies.keyElements(UTF8).decode(RespArray.of(b("k"), RespArray.of(b("x"), b("y")))))
        .isEqualTo(new KeyValue<>("k", List.of("x", "y")));
    assertThat(ListReplies.keyElements(UTF8).decode(RespNull.ARRAY)).isNull();
    assertThat(ListReplies.keyElements(UTF8).decode(RespNull.RESP3)).isNull();
    assertThatThrownBy(() -> ListReplies.keyElements(UTF8).decode(RespArray.of(b("k"))))
        .isInstanceOf(UnexpectedReplyException.class);
  }

  @Test
  void positionsAndMembershipFlagsReadFromIntegers() {
    assertThat(ListReplies.POSITIONS.decode(RespArray.of(new RespInteger(2), new RespInteger(6)))).containsExactly(2L, 6L);
    assertThat(ListReplies.POSITIONS.decode(RespArray.EMPTY)).isEmpty();
    assertThat(SetReplies.FLAGS.decode(RespArray.of(RespInteger.ONE, RespInteger.ZERO, RespBoolean.TRUE)))
        .containsExactly(true, false, true);
  }

  @Test
  void scoresKeepNullsAndReadDoublesAndBulkStrings() {
    assertThat(SortedSetReplies.SCORES.decode(RespArray.of(b("1.5"), RespNull.BULK, new RespDouble(2), b("-inf"))))
        .containsExactly(1.5, null, 2.0, Double.NEGATIVE_INFINITY);
    assertThat(SortedSetReplies.SCORES.decode(RespArray.of(RespNull.RESP3))).containsExactly((Double) null);
  }

  @Test
  void oneScoredMemberIsFlatOrNestedAndNullWhenEmpty() {
    assertThat(SortedSetReplies.scoredValue(UTF8).decode(RespArray.of(b("a"), b("1")))).isEqualTo(ScoredValue.of(1, "a"));
    assertThat(SortedSetReplies.scoredValue(UTF8).decode(RespArray.of(RespArray.of(b("a"), new RespDouble(1)))))
        .isEqualTo(ScoredValue.of(1, "a"));
    assertThat(SortedSetReplies.scoredValue(UTF8).decode(RespArray.EMPTY)).isNull();
    assertThatThrownBy(() -> SortedSetReplies.scoredValue(UTF8).decode(RespArray.of(b("a"), b("1"), b("b"), b("2"))))
        .isInstanceOf(UnexpectedReplyException.class);
  }

  @Test
  void blockingPopOfASortedSetReadsKeyMemberAndScore() {
    assertThat(SortedSetReplies.keyScoredValue(UTF8).decode(RespArray.of(b("z"), b("m"), b("3"))))
        .isEqualTo(new KeyValue<>("z", ScoredValue.of(3, "m")));
    assertThat(SortedSetReplies.keyScoredValue(UTF8).decode(RespArray.of(b("z"), b("m"), new RespDouble(3))))
        .isEqualTo(new KeyValue<>("z", ScoredValue.of(3, "m")));
    assertThat(SortedSetReplies.keyScoredValue(UTF8).decode(RespNull.ARRAY)).isNull();
    assertThatThrownBy(() -> SortedSetReplies.keyScoredValue(UTF8).decode(RespArray.of(b("z"), b("m"))))
        .isInstanceOf(UnexpectedReplyException.class);
  }

  @Test
  void multiPopOfASortedSetReadsNestedPairsOnBothProtocols() {
    var resp2 = SortedSetReplies.keyScoredValues(UTF8).decode(
        RespArray.of(b("z"), RespArray.of(RespArray.of(b("a"), b("1")), RespArray.of(b("b"), b("2")))));
    var resp3 = SortedSetReplies.keyScoredValues(UTF8).decode(
        RespArray.of(b("z"), RespArray.of(RespArray.of(b("a"), new RespDouble(1)), RespArray.of(b("b"), new RespDouble(2)))));

    assertThat(resp2).isEqualTo(new KeyValue<>("z", List.of(ScoredValue.of(1, "a"), ScoredValue.of(2, "b"))));
    assertThat(resp3).isEqualTo(resp2);
    assertThat(SortedSetReplies.keyScoredValues(UTF8).decode(RespNull.RESP3)).isNull();
  }

  @Test
  void sortedSetScanPageReadsFlatMembersAndScores() {
    var page = SortedSetReplies.scanPage(UTF8).decode(RespArray.of(b("0"), RespArray.of(b("a"), b("1"), b("b"), b("inf"))));

    assertThat(page.isLast()).isTrue();
    assertThat(page.members()).containsExactly(ScoredValue.of(1, "a"), ScoredValue.of(Double.POSITIVE_INFINITY, "b"));
    assertThat(SetReplies.scanPage(UTF8).decode(RespArray.of(b("5"), RespArray.of(b("x")))).members()).containsExactly("x");
  }
}
