package io.vigil.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.junit.Docker;
import io.vigil.testkit.process.RespSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Official Redis images in Docker fail over like the local topologies; skipped without a Docker engine. */
class ContainerTopologyTest {

  @BeforeAll
  static void requireDocker() {
    Docker.require();
  }

  @Test
  void killedMasterContainerIsReplaced() {
    try (ContainerTopology redis = ContainerTopology.builder().replicas(1).sentinels(3).start()) {
      ContainerNode master = redis.dataNodes().get(0);
      try (RespSocket c = RespSocket.connect(master.address())) {
        assertThat(RespSocket.text(c.call("SET", "k", "v"))).isEqualTo("OK");
      }
      master.kill();
      InetSocketAddress promoted = redis.awaitFailover(master, Duration.ofSeconds(60));
      assertThat(promoted.getPort()).isEqualTo(redis.dataNodes().get(1).address().getPort());
    }
  }
}
