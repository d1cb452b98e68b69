package io.vigil.spring.health;

import io.vigil.driver.Endpoint;
import io.vigil.driver.values.Role;
import io.vigil.driver.Topology;
import io.vigil.driver.VigilClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether a {@link VigilClient} has a master to write to.
 *
 * <p>UP when the node that receives writes answers {@code ROLE} within the timeout; the details
 * give the mode, the master's address, its role and, for each replica the master reports, its
 * address, acknowledged offset and lag behind the master in bytes. DOWN with a {@code reason}
 * when no master is confirmed (in sentinel mode, during a failover) or the node does not answer.
 * Each check sends one {@code ROLE} and blocks at most for the timeout.
 */
public final class VigilHealthIndicator extends AbstractHealthIndicator {

  private final VigilClient client;
  private final Duration timeout;

  /**
   * @param client the client to check
   * @param timeout how long a check waits for {@code ROLE}
   */
  public VigilHealthIndicator(VigilClient client, Duration timeout) {
    super("Vigil health check failed");
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    Topology topology = client.topology();
    Endpoint master;
    if (topology instanceof Topology.Sentinel) {
      Topology.Sentinel sentinel = (Topology.Sentinel) topology;
      builder.withDetail("mode", "sentinel").withDetail("masterName", sentinel.masterName());
      master = client.currentMaster();
      if (master == null) {
        builder.down().withDetail("reason", "no master of '" + sentinel.masterName()
            + "' is confirmed: the client lost it or has not found it yet, and is asking the sentinels "
            + sentinel.sentinels() + "; writes wait for a new master within the command timeout");
        return;
      }
    } else {
      master = ((Topology.Standalone) topology).node();
      builder.withDetail("mode", "standalone");
    }
    builder.withDetail("master", master.toString());
    Role role;
    try {
      role = client.async().role().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      builder.down().withDetail("reason", master + " did not answer ROLE within " + timeout.toMillis() + " ms");
      return;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      builder.down().withDetail("reason", master + " did not answer ROLE: " + cause.getMessage());
      return;
    }
    builder.withDetail("role", role.role());
    if (!role.isMaster()) {
      builder.down().withDetail("reason", master + " reports itself " + role.role() + ", not master");
      return;
    }
    List<Map<String, Object>> replicas = new ArrayList<>();
    for (Role.Replica replica : role.replicas()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("address", Endpoint.of(replica.host(), replica.port()).toString());
      r.put("offset", replica.offset());
      r.put("lagBytes", Math.max(0, role.replicationOffset() - replica.offset()));
      replicas.add(r);
    }
    builder.up().withDetail("replicationOffset", role.replicationOffset()).withDetail("replicas", replicas);
  }
}
