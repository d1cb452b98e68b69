package io.vigil.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** When the sample service starts its embedded stack, and when it connects where the properties say. */
class EmbeddedRedisConditionTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Probe.class);

  @Test
  void matchesWithoutConnectionProperties() {
    runner.run(context -> assertThat(context).hasBean("embedded"));
  }

  @Test
  void vigilSentinelPropertiesTurnItOff() {
    runner.withPropertyValues("vigil.sentinel.master=mymaster", "vigil.sentinel.nodes=127.0.0.1:26379")
        .run(context -> assertThat(context).doesNotHaveBean("embedded"));
  }

  @Test
  void anIndexedSentinelNodeTurnsItOff() {
    runner.withPropertyValues("vigil.sentinel.nodes[0]=127.0.0.1:26379")
        .run(context -> assertThat(context).doesNotHaveBean("embedded"));
  }

  @Test
  void springDataRedisPropertiesTurnItOff() {
    runner.withPropertyValues("spring.data.redis.sentinel.nodes=127.0.0.1:26379")
        .run(context -> assertThat(context).doesNotHaveBean("embedded"));
    runner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:6379")
        .run(context -> assertThat(context).doesNotHaveBean("embedded"));
  }

  @Test
  void otherVigilOptionsKeepIt() {
    runner.withPropertyValues("vigil.command-timeout=2s", "vigil.read.max-lag=50ms")
        .run(context -> assertThat(context).hasBean("embedded"));
  }

  @Test
  void sampleEmbeddedDecidesWhenSet() {
    runner.withPropertyValues("sample.embedded=false").run(context -> assertThat(context).doesNotHaveBean("embedded"));
    runner.withPropertyValues("sample.embedded=true", "vigil.sentinel.nodes=127.0.0.1:26379")
        .run(context -> assertThat(context).hasBean("embedded"));
  }

  @Configuration(proxyBeanMethods = false)
  @Conditional(EmbeddedRedisCondition.class)
  static class Probe {
    @Bean
    String embedded() {
      return "embedded";
    }
  }
}
