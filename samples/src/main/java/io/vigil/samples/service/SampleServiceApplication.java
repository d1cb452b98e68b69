package io.vigil.samples.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small REST service on Vigil with read/write splitting: writes go to the master, reads go to
 * a replica at most 100 ms behind it, one endpoint reads its own writes through a session and
 * one writes durably; Actuator shows Vigil's health and {@code vigil.*} metrics.
 *
 * <p>With no Redis connection property set it starts an embedded stack first (1 master, 2
 * replicas, 3 sentinels, all Java, in this JVM; see {@link EmbeddedRedisConfiguration}). Point
 * it at a real deployment with {@code vigil.sentinel.master} and {@code vigil.sentinel.nodes}
 * (or {@code spring.data.redis.sentinel.*}):
 *
 * <pre>{@code
 * java ... io.vigil.samples.service.SampleServiceApplication \
 *     --vigil.sentinel.master=mymaster --vigil.sentinel.nodes=s1:26379,s2:26379,s3:26379
 * }</pre>
 */
@SpringBootApplication(proxyBeanMethods = false)
public final class SampleServiceApplication {

  /** Starts the service; Spring Boot's command-line properties ({@code --server.port=...}) apply. */
  public static void main(String[] args) {
    SpringApplication.run(SampleServiceApplication.class, args);
  }
}
