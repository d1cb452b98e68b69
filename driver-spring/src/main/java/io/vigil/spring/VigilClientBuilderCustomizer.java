package io.vigil.spring;

import io.vigil.driver.VigilClient;

/**
 * Customizes the {@link VigilClient.Builder} of the auto-configured client after the properties
 * were applied and before the client is built.
 *
 * <p>Every bean of this type is applied, in {@link org.springframework.core.annotation.Order
 * order} (or {@link org.springframework.core.Ordered}), lowest first, so a later customizer wins
 * over an earlier one. Called once, on the thread that creates the client bean. Use it for what
 * properties cannot express: a {@link io.vigil.driver.TopologyListener}, an {@link
 * io.vigil.driver.AddressMapper}, a {@link io.vigil.driver.RetryPolicy} built in code.
 *
 * <pre>{@code
 * @Bean
 * VigilClientBuilderCustomizer natMapping() {
 *   return builder -> builder.addressMapper(a -> Endpoint.of("localhost", a.port()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface VigilClientBuilderCustomizer {

  /** Customizes the builder; it already carries the connection and the {@code vigil.*} options. */
  void customize(VigilClient.Builder builder);
}
