package io.vigil.testkit.sentinel.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SentinelEventTest {

  private final InstanceRef master = InstanceRef.master("mymaster", "127.0.0.1", 6379);

  @Test
  void masterEventsNameTheMaster() {
    assertThat(SentinelEvent.of("+sdown", master).message()).isEqualTo("master mymaster 127.0.0.1 6379");
    assertThat(SentinelEvent.of("+odown", master, "#quorum 2/2").logLine())
        .isEqualTo("+odown master mymaster 127.0.0.1 6379 #quorum 2/2");
  }

  @Test
  void replicaAndSentinelEventsNameTheirMaster() {
    assertThat(SentinelEvent.of("+slave", InstanceRef.replica("127.0.0.1", 6380, master)).message())
        .isEqualTo("slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379");
    assertThat(SentinelEvent.of("+sentinel", InstanceRef.sentinel("abc", "127.0.0.1", 26380, master)).message())
        .isEqualTo("sentinel abc 127.0.0.1 26380 @ mymaster 127.0.0.1 6379");
  }

  @Test
  void switchMasterHasItsOwnShape() {
    assertThat(SentinelEvent.switchMaster("mymaster", "127.0.0.1", 6379, "127.0.0.1", 6380).message())
        .isEqualTo("mymaster 127.0.0.1 6379 127.0.0.1 6380");
  }

  @Test
  void helloRoundTrips() {
    HelloMessage hello = new HelloMessage("127.0.0.1", 26379, "a".repeat(40), 3, "mymaster", "127.0.0.1", 6379, 2);
    assertThat(hello.format()).isEqualTo("127.0.0.1,26379," + "a".repeat(40) + ",3,mymaster,127.0.0.1,6379,2");
    assertThat(HelloMessage.parse(hello.format())).isEqualTo(hello);
  }

  @Test
  void malformedHelloIsRefusedWithTheReason() {
    assertThatThrownBy(() -> HelloMessage.parse("1,2,3")).hasMessageContaining("8 comma-separated fields, got 3");
    assertThatThrownBy(() -> HelloMessage.parse("h,x,id,1,m,h,1,1")).hasMessageContaining("malformed number");
  }
}
