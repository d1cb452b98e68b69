package io.vigil.driver.internal.command.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.values.ClientInfo;
import io.vigil.driver.values.LcsMatch;
import io.vigil.driver.values.LcsResult;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVerbatimString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The family decoders read the RESP2 and the RESP3 shape of a reply alike. */
class RepliesShapesTest {

  private static final String LINE = "id=7 addr=127.0.0.1:5000 laddr=127.0.0.1:6000 fd=8 name=worker-1 age=12 idle=3"
      + " flags=N db=2 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=0 rbs=1024"
      + " rbp=0 obl=0 oll=0 omem=0 tot-mem=22298 events=r cmd=client|list user=default redir=-1 resp=3";

  @Test
  void clientListLinesBecomeTypedEntriesKeepingEveryField() {
    String twoLines = LINE + "\n" + LINE.replace("id=7", "id=8").replace("name=worker-1", "name=") + "\n";
    List<ClientInfo> bulk = ServerReplies.CLIENT_LIST.decode(RespBulkString.of(twoLines));
    List<ClientInfo> verbatim = ServerReplies.CLIENT_LIST.decode(RespVerbatimString.text(twoLines));

    assertThat(verbatim).isEqualTo(bulk);
    ClientInfo first = bulk.get(0);
    assertThat(first.id()).isEqualTo(7);
    assertThat(first.address()).isEqualTo("127.0.0.1:5000");
    assertThat(first.localAddress()).isEqualTo("127.0.0.1:6000");
    assertThat(first.name()).isEqualTo("worker-1");
    assertThat(first.age()).isEqualTo(Duration.ofSeconds(12));
    assertThat(first.idle()).isEqualTo(Duration.ofSeconds(3));
    assertThat(first.database()).isEqualTo(2);
    assertThat(first.lastCommand()).isEqualTo("client|list");
    assertThat(first.user()).isEqualTo("default");
    assertThat(first.protocol()).isEqualTo(3);
    assertThat(first.fields()).hasSize(28).containsEntry("qbuf-free", "20448");
    assertThat(bulk.get(1).name()).isEmpty();
  }

  @Test
  void fieldsAnOlderServerDoesNotWriteGetNeutralValues() {
    ClientInfo old = ServerReplies.CLIENT_INFO.decode(RespBulkString.of("id=3 addr=10.0.0.1:1 fd=5 age=0 idle=0 flags=N"
        + " db=0 cmd=client\n"));
    assertThat(old.localAddress()).isNull();
    assertThat(old.user()).isNull();
    assertThat(old.protocol()).isZero();
    assertThat(old.name()).isEmpty();
    assertThatThrownBy(() -> ServerReplies.CLIENT_INFO.decode(RespBulkString.of("id=x")))
        .isInstanceOf(UnexpectedReplyException.class).hasMessageContaining("id");
  }

  @Test
  void configGetReadsAMapOrAFlatArray() {
    RespValue flat = RespArray.of(RespBulkString.of("maxmemory"), RespBulkString.of("0"),
        RespBulkString.of("maxmemory-policy"), RespBulkString.of("noeviction"));
    RespValue map = new RespMap(((RespArray) flat).elements());
    Map<String, String> expected = Map.of("maxmemory", "0", "maxmemory-policy", "noeviction");
    assertThat(ServerReplies.CONFIG.decode(flat)).isEqualTo(expected);
    assertThat(ServerReplies.CONFIG.decode(map)).isEqualTo(expected);
    assertThatThrownBy(() -> ServerReplies.CONFIG.decode(RespArray.of(RespBulkString.of("odd"))))
        .isInstanceOf(UnexpectedReplyException.class);
  }

  @Test
  void timeKeepsMicroseconds() {
    assertThat(ServerReplies.TIME.decode(RespArray.of(RespBulkString.of("1700000000"), RespBulkString.of("123456"))))
        .isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_000L));
  }

  @Test
  void lcsIdxReadsAMapOrAFlatArrayWithOrWithoutMatchLengths() {
    RespValue match = RespArray.of(RespArray.of(RespInteger.of(4), RespInteger.of(7)),
        RespArray.of(RespInteger.of(5), RespInteger.of(8)), RespInteger.of(4));
    RespValue bare = RespArray.of(RespArray.of(RespInteger.of(2), RespInteger.of(3)),
        RespArray.of(RespInteger.of(0), RespInteger.of(1)));
    List<RespValue> fields = List.of(RespBulkString.of("matches"), RespArray.of(match, bare),
        RespBulkString.of("len"), RespInteger.of(6));
    LcsResult expected = new LcsResult(List.of(
        new LcsMatch(new LcsMatch.Range(4, 7), new LcsMatch.Range(5, 8), 4),
        new LcsMatch(new LcsMatch.Range(2, 3), new LcsMatch.Range(0, 1), 2)), 6);

    assertThat(StringReplies.LCS_IDX.decode(new RespArray(fields))).isEqualTo(expected);
    assertThat(StringReplies.LCS_IDX.decode(new RespMap(fields))).isEqualTo(expected);
    assertThatThrownBy(() -> StringReplies.LCS_IDX.decode(RespArray.of(RespBulkString.of("len"), RespInteger.of(1))))
        .isInstanceOf(UnexpectedReplyException.class).hasMessageContaining("matches");
  }

  @Test
  void bitfieldKeepsNullsForFailedOperations() {
    assertThat(BitmapReplies.BITFIELD.decode(RespArray.of(RespInteger.of(3), RespNull.BULK, RespInteger.of(-1))))
        .containsExactly(3L, null, -1L);
  }
}
