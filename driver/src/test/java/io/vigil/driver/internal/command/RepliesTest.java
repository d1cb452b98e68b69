package io.vigil.driver.internal.command;

import io.vigil.driver.codec.ByteArrayCodec;
import io.vigil.driver.codec.StringCodec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.values.KeyValue;
import io.vigil.driver.values.Role;
import io.vigil.driver.values.ScoredValue;
import io.vigil.driver.UnexpectedReplyException;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBoolean;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespDouble;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespVerbatimString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepliesTest {

  private static RespBulkString b(String s) {
    return RespBulkString.of(s);
  }

  @Test
  void hashReadsTheSameFromAResp3MapAndAResp2FlatArray() {
    Map<String, String> resp3 = Replies.map(StringCodec.UTF8).decode(new RespMap(List.of(b("f"), b("1"), b("g"), b("2"))));
    Map<String, String> resp2 = Replies.map(StringCodec.UTF8).decode(RespArray.of(b("f"), b("1"), b("g"), b("2")));

    assertThat(resp3).containsExactly(Map.entry("f", "1"), Map.entry("g", "2"));
    assertThat(resp2).isEqualTo(resp3);
  }

  @Test
  void scoresReadTheSameFromResp3PairsAndResp2FlatArrays() {
    var resp3 = Replies.scoredValues(StringCodec.UTF8).decode(RespArray.of(
        RespArray.of(b("a"), new RespDouble(1.5)), RespArray.of(b("b"), new RespDouble(2))));
    var resp2 = Replies.scoredValues(StringCodec.UTF8).decode(RespArray.of(b("a"), b("1.5"), b("b"), b("2")));

    assertThat(resp3).containsExactly(ScoredValue.of(1.5, "a"), ScoredValue.of(2, "b"));
    assertThat(resp2).isEqualTo(resp3);
  }

  @Test
  void booleansReadFromIntegersAndResp3Booleans() {
    assertThat(Replies.BOOLEAN.decode(RespInteger.ONE)).isTrue();
    assertThat(Replies.BOOLEAN.decode(RespInteger.ZERO)).isFalse();
    assertThat(Replies.BOOLEAN.decode(RespBoolean.TRUE)).isTrue();
  }

  @Test
  void infinityScoresAreParsed() {
    assertThat(Replies.DOUBLE.decode(b("inf"))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Replies.DOUBLE.decode(b("-inf"))).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Replies.DOUBLE.decode(RespNull.RESP3)).isNull();
  }

  @Test
  void setMembersReadFromResp3Sets() {
    assertThat(Replies.valueSet(StringCodec.UTF8).decode(new RespSet(List.of(b("x"), b("y"))))).containsExactly("x", "y");
  }

  @Test
  void blockingPopTimeoutIsNull() {
    assertThat(Replies.keyValue(StringCodec.UTF8).decode(RespNull.ARRAY)).isNull();
    assertThat(Replies.keyValue(StringCodec.UTF8).decode(RespArray.of(b("k"), b("v")))).isEqualTo(new KeyValue<>("k", "v"));
  }

  @Test
  void infoReadsFromAVerbatimString() {
    assertThat(Replies.TEXT.decode(RespVerbatimString.text("# Server\r\n"))).isEqualTo("# Server\r\n");
  }

  @Test
  void roleOfAMasterListsItsReplicas() {
    Role role = Replies.ROLE.decode(RespArray.of(b("master"), RespInteger.of(3129659),
        RespArray.of(RespArray.of(b("127.0.0.1"), b("9001"), b("3129242")))));

    assertThat(role.isMaster()).isTrue();
    assertThat(role.replicationOffset()).isEqualTo(3129659);
    assertThat(role.replicas()).containsExactly(new Role.Replica("127.0.0.1", 9001, 3129242));
  }

  @Test
  void roleOfAReplicaNamesItsMaster() {
    Role role = Replies.ROLE.decode(RespArray.of(b("slave"), b("127.0.0.1"), RespInteger.of(6379),
        b("connected"), RespInteger.of(42)));

    assertThat(role.isReplica()).isTrue();
    assertThat(role.masterHost()).isEqualTo("127.0.0.1");
    assertThat(role.masterPort()).isEqualTo(6379);
    assertThat(role.linkState()).isEqualTo("connected");
  }

  @Test
  void wrongShapeNamesWhatWasExpectedAndWhatCame() {
    assertThatThrownBy(() -> Replies.INTEGER.decode(RespSimpleString.of("hello")))
        .isInstanceOf(UnexpectedReplyException.class)
        .hasMessageContaining("expected an integer").hasMessageContaining("hello");
  }
}
