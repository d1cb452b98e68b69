package io.vigil.driver.internal.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.AddressMapper;
import io.vigil.driver.Endpoint;
import io.vigil.driver.TopologyEvent;
import org.junit.jupiter.api.Test;

class SentinelEventsTest {

  private static final Endpoint SENTINEL = Endpoint.of("127.0.0.1", 26379);

  @Test
  void switchMasterCarriesBothAddresses() {
    TopologyEvent e = SentinelEvents.parse(SENTINEL, "+switch-master", "mymaster 127.0.0.1 6379 127.0.0.1 6380",
        AddressMapper.IDENTITY);

    assertThat(e).isEqualTo(new TopologyEvent.MasterSwitched(SENTINEL, "mymaster", Endpoint.of("127.0.0.1", 6379),
        Endpoint.of("127.0.0.1", 6380), "mymaster 127.0.0.1 6379 127.0.0.1 6380"));
  }

  @Test
  void objectiveDownOfAMasterIgnoresTheQuorumSuffix() {
    TopologyEvent e = SentinelEvents.parse(SENTINEL, "+odown", "master mymaster 10.0.0.1 6379 #quorum 2/2",
        AddressMapper.IDENTITY);

    assertThat(e).isInstanceOf(TopologyEvent.InstanceDown.class);
    TopologyEvent.InstanceDown down = (TopologyEvent.InstanceDown) e;
    assertThat(down.objective()).isTrue();
    assertThat(down.type()).isEqualTo("+odown");
    assertThat(down.instance().isMaster()).isTrue();
    assertThat(down.instance().address()).isEqualTo(Endpoint.of("10.0.0.1", 6379));
    assertThat(down.masterName()).isEqualTo("mymaster");
  }

  @Test
  void replicaEventsNameTheReplicaAndItsMasterThroughTheAddressMapper() {
    AddressMapper nat = a -> Endpoint.of("public-" + a.host(), a.port() + 1000);
    TopologyEvent e = SentinelEvents.parse(SENTINEL, "+sdown",
        "slave 10.0.0.2:6380 10.0.0.2 6380 @ mymaster 10.0.0.1 6379", nat);

    TopologyEvent.InstanceDown down = (TopologyEvent.InstanceDown) e;
    assertThat(down.objective()).isFalse();
    assertThat(down.instance()).isEqualTo(new TopologyEvent.Instance("slave", "10.0.0.2:6380",
        Endpoint.of("public-10.0.0.2", 7380), "mymaster", Endpoint.of("public-10.0.0.1", 7379)));
  }

  @Test
  void eachInstanceEventHasItsOwnType() {
    String replica = "slave 10.0.0.2:6380 10.0.0.2 6380 @ mymaster 10.0.0.1 6379";
    assertThat(parse("-sdown", replica)).isInstanceOf(TopologyEvent.InstanceUp.class);
    assertThat(parse("+slave", replica)).isInstanceOf(TopologyEvent.ReplicaAdded.class);
    assertThat(parse("+convert-to-slave", replica)).isInstanceOf(TopologyEvent.ReplicaConverted.class);
    assertThat(parse("+reboot", replica)).isInstanceOf(TopologyEvent.InstanceRebooted.class);
    assertThat(parse("+failover-end", "master mymaster 10.0.0.1 6379")).isInstanceOf(TopologyEvent.FailoverEnded.class);
  }

  @Test
  void unknownOrMalformedEventsStayRawWithTheirMasterName() {
    TopologyEvent other = parse("+elected-leader", "master mymaster 10.0.0.1 6379");
    assertThat(other).isEqualTo(new TopologyEvent.OtherSentinelEvent(SENTINEL, "mymaster", "+elected-leader",
        "master mymaster 10.0.0.1 6379"));

    TopologyEvent broken = parse("+switch-master", "mymaster 127.0.0.1 notaport 127.0.0.1 6380");
    assertThat(broken).isInstanceOf(TopologyEvent.OtherSentinelEvent.class);
    assertThat(((TopologyEvent.SentinelEvent) broken).type()).isEqualTo("+switch-master");

    TopologyEvent sentinel = parse("+sentinel", "sentinel 4f3c 10.0.0.9 26379 @ mymaster 10.0.0.1 6379");
    assertThat(sentinel.masterName()).isEqualTo("mymaster");
  }

  private static TopologyEvent parse(String type, String payload) {
    return SentinelEvents.parse(SENTINEL, type, payload, AddressMapper.IDENTITY);
  }
}
