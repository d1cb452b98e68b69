package io.vigil.spring;

import io.vigil.driver.VigilClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of a {@link VigilClient}: from the {@code vigil.*} properties (or, without
 * them, {@code spring.data.redis.*}), through a {@link VigilConnectionDetails} bean, adjusted by
 * every {@link VigilClientBuilderCustomizer} bean, and closed with the application context.
 *
 * <p>Each bean backs off when the application defines its own of the same type. A property that
 * cannot be used fails the start with a report naming it and the fix; in sentinel mode the start
 * also fails when no sentinel answers, or none knows the master name (the client asks them while
 * the bean is created).
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(VigilClient.class)
@EnableConfigurationProperties(VigilProperties.class)
@Import({ VigilClientConfiguration.class, VigilReadRoutingConfiguration.class })
public final class VigilAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(VigilConnectionDetails.class)
  PropertiesVigilConnectionDetails vigilConnectionDetails(VigilProperties properties, Environment environment,
      ObjectProvider<SslBundles> sslBundles) {
    return new PropertiesVigilConnectionDetails(properties, environment, sslBundles.getIfAvailable());
  }
}
