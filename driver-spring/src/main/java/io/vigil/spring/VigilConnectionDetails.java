package io.vigil.spring;

import io.vigil.driver.Endpoint;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where the {@link io.vigil.driver.VigilClient} bean connects: one data node, or the master a set
 * of sentinels names, with the credentials to use.
 *
 * <p>The auto-configuration defines one from the {@code vigil.*} properties (or, when no
 * {@code vigil.*} connection property is set, from {@code spring.data.redis.*}). Define a bean of
 * this type to point the application elsewhere — at an embedded test topology, or at a container
 * a test started — and the connection properties are ignored; the other {@code vigil.*} options
 * (timeouts, retries, pool sizes) still apply. Exactly one of {@link #getNode()} and {@link
 * #getSentinel()} is non-null.
 *
 * <pre>{@code
 * @Bean
 * VigilConnectionDetails vigilConnectionDetails(Topology topology) {
 *   return VigilConnectionDetails.sentinel("mymaster", List.of(Endpoint.of("127.0.0.1", 26379)));
 * }
 * }</pre>
 */
public interface VigilConnectionDetails extends ConnectionDetails {

  /** The single data node in standalone mode; null in sentinel mode. */
  Endpoint getNode();

  /** The sentinels and master name in sentinel mode; null in standalone mode. */
  default Sentinel getSentinel() {
    return null;
  }

  /** The data nodes' ACL user; null for the default user. */
  default String getUsername() {
    return null;
  }

  /** The data nodes' password; null for none. */
  default String getPassword() {
    return null;
  }

  /** The database selected on every connection. */
  default int getDatabase() {
    return 0;
  }

  /** Whether to connect with TLS; true when there is an {@link #getSslBundle() SSL bundle}. */
  default boolean isSslEnabled() {
    return getSslBundle() != null;
  }

  /** The trust material (and client certificate) for TLS; null for the JVM's defaults. */
  default SslBundle getSslBundle() {
    return null;
  }

  /** Details for one data node, without credentials. */
  static VigilConnectionDetails standalone(Endpoint node) {
    Objects.requireNonNull(node, "node");
    return () -> node;
  }

  /** Details for a Sentinel-managed master, without credentials. */
  static VigilConnectionDetails sentinel(String master, List<Endpoint> nodes) {
    Sentinel sentinel = Sentinel.of(master, nodes, null, null);
    return new VigilConnectionDetails() {
      @Override
      public Endpoint getNode() {
        return null;
      }

      @Override
      public Sentinel getSentinel() {
        return sentinel;
      }
    };
  }

  /** A Sentinel-managed master: the sentinels to ask first and the name they know it by. */
  interface Sentinel {

    /** The name the sentinels monitor the master under. */
    String getMaster();

    /** The sentinels to ask first (more are discovered from them); never empty. */
    List<Endpoint> getNodes();

    /** The sentinels' ACL user; null for none. */
    default String getUsername() {
      return null;
    }

    /** The sentinels' password; null for none. */
    default String getPassword() {
      return null;
    }

    /** A sentinel group; credentials may be null. */
    static Sentinel of(String master, List<Endpoint> nodes, String username, String password) {
      Objects.requireNonNull(master, "master");
      List<Endpoint> copy = List.copyOf(nodes);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("a sentinel group needs at least one sentinel node");
      }
      return new Sentinel() {
        @Override
        public String getMaster() {
          return master;
        }

        @Override
        public List<Endpoint> getNodes() {
          return copy;
        }

        @Override
        public String getUsername() {
          return username;
        }

        @Override
        public String getPassword() {
          return password;
        }

        @Override
        public String toString() {
          return "sentinel master " + master + " via " + copy;
        }
      };
    }
  }
}
