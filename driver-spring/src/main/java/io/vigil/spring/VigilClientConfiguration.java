package io.vigil.spring;

import io.vigil.driver.ReadPolicy;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.VigilClient;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * The {@link VigilClient} bean, built from the connection details and the {@code vigil.*} options,
 * and the read router and routing client over it.
 */
@Configuration(proxyBeanMethods = false)
class VigilClientConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  VigilClient vigilClient(VigilProperties properties, VigilConnectionDetails connectionDetails,
      ObjectProvider<VigilClientBuilderCustomizer> customizers) {
    VigilClient.Builder builder = VigilClient.builder();
    applyConnection(builder, connectionDetails);
    applyOptions(builder, properties);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean
  VigilReadRouter vigilReadRouter(VigilProperties properties) {
    return new ScopedVigilReadRouter(properties.getRead().getMaxLag());
  }

  @Bean
  @Fallback
  @ConditionalOnMissingBean
  VigilRoutingClient vigilRoutingClient(VigilClient client, VigilReadRouter router) {
    return VigilRoutingClient.of(client, router);
  }

  private static void applyConnection(VigilClient.Builder builder, VigilConnectionDetails details) {
    VigilConnectionDetails.Sentinel sentinel = details.getSentinel();
    if (sentinel != null) {
      builder.sentinels(sentinel.getNodes()).masterName(sentinel.getMaster())
          .sentinelCredentials(sentinel.getUsername(), sentinel.getPassword());
    } else if (details.getNode() != null) {
      builder.node(details.getNode());
    } else {
      throw new IllegalStateException(details.getClass().getName()
          + " returns neither a node nor a sentinel group; a VigilConnectionDetails must return one of them");
    }
    builder.username(details.getUsername()).password(details.getPassword()).database(details.getDatabase());
    if (details.getSslBundle() != null) {
      builder.sslContext(details.getSslBundle().createSslContext());
    } else {
      builder.tls(details.isSslEnabled());
    }
  }

  private static void applyOptions(VigilClient.Builder builder, VigilProperties p) {
    option("vigil.client-name", p.getClientName(), () -> builder.clientName(p.getClientName()),
        "Set vigil.client-name to printable ASCII without spaces, for example orders-service, or remove it.");
    option("vigil.command-timeout", shown(p.getCommandTimeout()), () -> builder.commandTimeout(p.getCommandTimeout()),
        "Set vigil.command-timeout to a positive duration, for example 5s.");
    option("vigil.connect-timeout", shown(p.getConnectTimeout()), () -> builder.connectTimeout(p.getConnectTimeout()),
        "Set vigil.connect-timeout to a positive duration, for example 10s.");
    option("vigil.connections-per-node", Integer.toString(p.getConnectionsPerNode()),
        () -> builder.connectionsPerNode(p.getConnectionsPerNode()),
        "Set vigil.connections-per-node between 1 and 64; 1 suits most applications.");
    option("vigil.max-exclusive-connections", Integer.toString(p.getMaxExclusiveConnections()),
        () -> builder.maxExclusiveConnections(p.getMaxExclusiveConnections()),
        "Set vigil.max-exclusive-connections to 1 or more (default 64).");
    VigilProperties.Sentinel s = p.getSentinel();
    option("vigil.sentinel.poll-interval", shown(s.getPollInterval()),
        () -> builder.sentinelPollInterval(s.getPollInterval()),
        "Set vigil.sentinel.poll-interval to a positive duration, for example 3s.");
    builder.verifyHostname(p.getSsl().isVerifyHostname());
    builder.retryPolicy(retryPolicy(p.getRetry()));
    builder.readPolicy(readPolicy(p));
  }

  private static ReadPolicy readPolicy(VigilProperties p) {
    Duration maxLag = p.getRead().getMaxLag();
    if (maxLag != null && (maxLag.isNegative() || maxLag.isZero())) {
      throw new InvalidVigilPropertyException("vigil.read.max-lag", shown(maxLag), "a lag bound must be positive",
          "Set vigil.read.max-lag to a positive duration, for example 100ms, or remove it for no bound.");
    }
    String text = p.getReadPolicy() == null ? "" : p.getReadPolicy().strip();
    ReadPolicy policy = switch (text.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "", "master" -> ReadPolicy.master();
      case "master-preferred" -> ReadPolicy.masterPreferred();
      case "replica" -> ReadPolicy.replica();
      case "replica-preferred" -> ReadPolicy.replicaPreferred();
      case "nearest" -> ReadPolicy.nearest();
      default -> throw new InvalidVigilPropertyException("vigil.read-policy", p.getReadPolicy(),
          "it is not a read policy",
          "Set vigil.read-policy to one of master, master-preferred, replica, replica-preferred or nearest"
              + " (master when unset).");
    };
    return maxLag != null && policy.mayReadReplicas() ? policy.maxLag(maxLag) : policy;
  }

  private static RetryPolicy retryPolicy(VigilProperties.Retry r) {
    RetryPolicy.Builder policy = RetryPolicy.builder().acceptDuplicates(r.isAcceptDuplicates());
    option("vigil.retry.max-attempts", Integer.toString(r.getMaxAttempts()), () -> policy.maxAttempts(r.getMaxAttempts()),
        "Set vigil.retry.max-attempts between 1 (no retry) and 100.");
    option("vigil.retry.initial-backoff", shown(r.getInitialBackoff()), () -> positive(r.getInitialBackoff()),
        "Set vigil.retry.initial-backoff to a positive duration, for example 5ms.");
    option("vigil.retry.max-backoff", shown(r.getMaxBackoff()),
        () -> policy.backoff(r.getInitialBackoff(), r.getMaxBackoff()),
        "Set vigil.retry.max-backoff to a duration at least vigil.retry.initial-backoff, for example 200ms.");
    option("vigil.retry.jitter", Double.toString(r.getJitter()), () -> policy.jitter(r.getJitter()),
        "Set vigil.retry.jitter to at least 0 and below 1, for example 0.5.");
    return policy.build();
  }

  /** Runs a builder setter, turning its complaint into one that names the property. */
  private static void option(String property, String shown, Runnable setter, String action) {
    try {
      setter.run();
    } catch (IllegalArgumentException | NullPointerException e) {
      String reason = e instanceof NullPointerException ? "a value is required" : e.getMessage();
      throw new InvalidVigilPropertyException(property, shown, reason, action);
    }
  }

  private static void positive(Duration d) {
    if (d == null) {
      throw new NullPointerException();
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("a backoff must be positive");
    }
  }

  private static String shown(Duration d) {
    return d == null ? null : d.toMillis() + "ms";
  }
}
