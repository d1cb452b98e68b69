package io.vigil.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the reads made inside the annotated method (or every public method of the annotated class)
 * go to replicas within a lag bound, when they go through the {@link VigilRoutingClient} bean.
 * Writes always go to the master, and so do reads made outside any such method (unless {@code
 * vigil.read-policy} says otherwise).
 *
 * <p>The scope belongs to the calling thread, from the method's start to its return or exception.
 * Nested scopes: the innermost wins, and the outer one is restored when it ends. A scope does not
 * follow work handed to another thread ({@code async()} stages, executors, {@code @Async}): such
 * work reads from the master unless it is given a view captured inside the scope.
 *
 * <p>A method annotation overrides its class's. The method must be called through the Spring
 * proxy: a call from the same object ({@code this.read()}) opens no scope.
 *
 * <pre>{@code
 * @ReadFromReplica(maxLag = "100ms")
 * Profile profile(String id) {
 *   return Profile.parse(redis.get("profile:" + id));   // redis is the VigilRoutingClient
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface ReadFromReplica {

  /**
   * How far behind the master a replica may be to serve a read, as a duration such as {@code
   * "100ms"} or {@code "2s"}; empty for {@code vigil.read.max-lag} (no bound when that is unset).
   */
  String maxLag() default "";

  /** Which nodes reads may go to; replica-preferred unless set. */
  Policy policy() default Policy.REPLICA_PREFERRED;

  /** The nodes a read in the scope may go to. */
  enum Policy {
    /** A replica within the bound, the master when there is none. */
    REPLICA_PREFERRED,
    /** A replica within the bound only; the read fails when there is none. */
    REPLICA,
    /** The node with the lowest measured round trip among the master and the replicas within the bound. */
    NEAREST,
    /** The master; a replica within the bound only while no master is known. */
    MASTER_PREFERRED
  }
}
