package io.vigil.spring;

import org.springframework.aop.Advisor;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The advisor that opens a read scope around {@link ReadFromReplica} methods, and an auto-proxy
 * creator to apply it when the application has none (as {@code @EnableTransactionManagement} does).
 */
@Configuration(proxyBeanMethods = false)
@Import(VigilReadRoutingConfiguration.AutoProxyRegistrar.class)
class VigilReadRoutingConfiguration {

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  @ConditionalOnMissingBean(name = "vigilReadFromReplicaAdvisor")
  static Advisor vigilReadFromReplicaAdvisor() {
    ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(ReadFromReplica.class, true))
        .union(AnnotationMatchingPointcut.forMethodAnnotation(ReadFromReplica.class));
    DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(pointcut, new ReadFromReplicaInterceptor());
    advisor.setOrder(0);
    return advisor;
  }

  /** Registers Spring's infrastructure auto-proxy creator unless a stronger one is there. */
  static final class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {
    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
    }
  }
}
