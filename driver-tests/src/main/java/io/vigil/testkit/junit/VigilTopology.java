package io.vigil.testkit.junit;

import io.vigil.testkit.chaos.NodeKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link io.vigil.testkit.chaos.Topology} for a test class and injects it into test
 * and lifecycle method parameters, constructors, and fields of type {@code Topology}. One
 * topology per class by default ({@link #perMethod()} for a fresh one per test), closed after the
 * class even when tests fail. Tests are skipped with a reason when the real Redis binaries the
 * topology needs are missing (failed under {@code CI=true}; see {@link RealRedis}).
 *
 * <pre>{@code
 * @VigilTopology(replicas = 2, sentinels = 3, dataNodes = NodeKind.REAL, sentinelNodes = NodeKind.JAVA)
 * class FailoverTest {
 *   @Test
 *   void survivesAFailover(Topology topology) {
 *     Node master = topology.currentMaster();
 *     master.kill();
 *     topology.awaitFailover(master, Duration.ofSeconds(30));
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(VigilTopologyExtension.class)
public @interface VigilTopology {

  /** Replicas besides the master. */
  int replicas() default 2;

  /** Sentinels. */
  int sentinels() default 3;

  /** How data nodes run. */
  NodeKind dataNodes() default NodeKind.REAL;

  /** How sentinels run. */
  NodeKind sentinelNodes() default NodeKind.JAVA;

  /** Whether every node sits behind proxies, for partitions. */
  boolean proxied() default false;

  /** {@code down-after-milliseconds}. */
  long downAfterMillis() default 1000;

  /** {@code failover-timeout} in milliseconds. */
  long failoverTimeoutMillis() default 5000;

  /** The master's name in Sentinel. */
  String masterName() default "mymaster";

  /** Whether to wait until the topology is healthy before the first test. */
  boolean awaitHealthy() default true;

  /** Whether each test gets a topology of its own instead of sharing the class's. */
  boolean perMethod() default false;
}
