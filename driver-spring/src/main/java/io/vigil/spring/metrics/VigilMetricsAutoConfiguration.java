package io.vigil.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.driver.VigilClient;
import io.vigil.spring.VigilAutoConfiguration;
import io.vigil.spring.VigilClientBuilderCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration that hands the application's {@link MeterRegistry} to the auto-configured
 * {@link VigilClient}, so its {@code vigil.*} meters (failovers, recovery time, queued and failed
 * commands) are published with the application's other metrics.
 *
 * <p>Active when Micrometer is on the class path and there is one {@link MeterRegistry} bean (or
 * a primary one, as Spring Boot's metrics auto-configuration defines). The binding is a {@link
 * VigilClientBuilderCustomizer} named {@code vigilMetricsCustomizer}, applied first; a bean of
 * that name replaces it.
 */
@AutoConfiguration(before = VigilAutoConfiguration.class,
    afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ VigilClient.class, MeterRegistry.class })
@ConditionalOnSingleCandidate(MeterRegistry.class)
public final class VigilMetricsAutoConfiguration {

  @Bean
  @Order(0)
  @ConditionalOnMissingBean(name = "vigilMetricsCustomizer")
  VigilClientBuilderCustomizer vigilMetricsCustomizer(MeterRegistry meterRegistry) {
    return builder -> builder.meterRegistry(meterRegistry);
  }
}
