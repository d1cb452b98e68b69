package io.vigil.samples.service;

import io.vigil.driver.ClientView;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.VigilClient;
import io.vigil.spring.ReadFromReplica;
import io.vigil.spring.VigilRoutingClient;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The service's data access, split by where each call may go: writes on the master, bounded reads
 * on replicas ({@link ReadFromReplica}), a read-your-writes session, and durable writes.
 *
 * <p>Not final: Spring proxies it to open the read scope of the {@link ReadFromReplica} methods
 * (calls through the proxy only, as with {@code @Transactional}). Thread-safe.
 */
@Service
public class SampleStore {

  /** The lag bound of the replica reads, as the annotations state it. */
  static final String MAX_LAG = "100ms";

  private static final Duration DURABLE_TIMEOUT = Duration.ofSeconds(2);

  private final VigilRoutingClient redis;
  private final VigilClient client;
  private final ClientView<String, String> durable;

  /**
   * @param durableReplicas how many replicas must confirm a durable write ({@code
   *     sample.durable-replicas}, default 2: every replica of the embedded stack). Behind Sentinel
   *     ask for every replica: Sentinel may promote one that lacks a write fewer confirmed.
   */
  SampleStore(VigilRoutingClient redis, VigilClient client,
      @Value("${sample.durable-replicas:2}") int durableReplicas) {
    this.redis = redis;
    this.client = client;
    // Acknowledged once every replica has the write too (WAIT n), so no failover can lose it.
    this.durable = client.durable(durableReplicas, DURABLE_TIMEOUT);
  }

  /** Sets a value on the master. */
  public void put(String key, String value) {
    redis.set(key, value);
  }

  /**
   * Sets a value on the master and returns once every replica has it too.
   *
   * @throws io.vigil.driver.NotDurableException when not every replica confirms it in time (it is set on the master)
   */
  public void putDurably(String key, String value) {
    durable.set(key, value);
  }

  /** A value read from a replica at most 100 ms behind the master, else from the master; null when absent. */
  @ReadFromReplica(maxLag = MAX_LAG)
  public String get(String key) {
    return redis.get(key);
  }

  /** A list read from a replica at most 100 ms behind the master, else from the master. */
  @ReadFromReplica(maxLag = MAX_LAG)
  public List<String> list(String key) {
    return redis.lrange(key, 0, -1);
  }

  /**
   * Appends to a list and reads the whole list back through a read-your-writes session: the read
   * may be served by a replica, but only by one that already has the append.
   */
  public List<String> append(String key, String item) {
    ClientView<String, String> session = client.session(ReadPolicy.replicaPreferred().maxLag(Duration.ofMillis(100)));
    session.rpush(key, item);
    return session.lrange(key, 0, -1);
  }
}
