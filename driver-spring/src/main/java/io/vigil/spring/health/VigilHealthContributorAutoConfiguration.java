package io.vigil.spring.health;

import io.vigil.driver.VigilClient;
import io.vigil.spring.VigilAutoConfiguration;
import io.vigil.spring.VigilProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code vigil} health indicator ({@link VigilHealthIndicator}) when
 * Spring Boot's health support is on the class path and a {@link VigilClient} bean exists.
 *
 * <p>Turn it off with {@code management.health.vigil.enabled=false}; it backs off when the
 * application defines a bean named {@code vigilHealthIndicator} or {@code vigilHealthContributor}.
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnClass({ VigilClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(VigilClient.class)
@ConditionalOnEnabledHealthIndicator("vigil")
public final class VigilHealthContributorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = { "vigilHealthIndicator", "vigilHealthContributor" })
  VigilHealthIndicator vigilHealthIndicator(VigilClient vigilClient, ObjectProvider<VigilProperties> properties) {
    VigilProperties p = properties.getIfAvailable(VigilProperties::new);
    return new VigilHealthIndicator(vigilClient, p.getCommandTimeout());
  }
}
