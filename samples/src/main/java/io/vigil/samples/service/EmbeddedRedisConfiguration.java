package io.vigil.samples.service;

import io.vigil.driver.Endpoint;
import io.vigil.spring.VigilConnectionDetails;
import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Redis stack the service uses when no Redis is configured: 1 master, 2 replicas and
 * 3 sentinels on ephemeral loopback ports, all Java (the test kit's server and Sentinel) in this
 * JVM, so the sample runs with nothing installed.
 *
 * <p>It defines a {@link VigilConnectionDetails} bean naming the embedded sentinels, which the
 * Vigil auto-configuration uses instead of the connection properties; the client bean depends on
 * it, so the stack is healthy before the client connects, and it is closed after the client.
 * Active per {@link EmbeddedRedisCondition}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedRedisCondition.class)
class EmbeddedRedisConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisConfiguration.class);

  @Bean(destroyMethod = "close")
  Topology embeddedRedis() {
    Topology topology = Topology.builder().replicas(2).sentinels(3)
        .dataNodes(NodeKind.JAVA).sentinelNodes(NodeKind.JAVA)
        .downAfter(Duration.ofSeconds(1))
        .start();
    try {
      topology.awaitHealthy(Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      topology.close();
      throw e;
    }
    log.info("Embedded Redis stack started (set vigil.sentinel.* to use a real one instead):\n{}",
        topology.describe().strip());
    return topology;
  }

  @Bean
  VigilConnectionDetails vigilConnectionDetails(Topology embeddedRedis) {
    return VigilConnectionDetails.sentinel(embeddedRedis.masterName(), embeddedRedis.sentinelAddresses().stream()
        .map(a -> Endpoint.of(a.getHostString(), a.getPort())).toList());
  }
}
