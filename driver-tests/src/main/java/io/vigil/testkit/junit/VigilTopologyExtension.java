package io.vigil.testkit.junit;

import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link VigilTopology}: starts the topology before the class (or
 * before each test with {@code perMethod = true}), keeps it in the class's (or test's) extension
 * store, which closes it when that scope ends, pass or fail, and resolves parameters and fields
 * of type {@link Topology}. {@code @Nested} classes share their enclosing class's topology
 * unless annotated themselves.
 *
 * <p>Stateless; safe for parallel test classes, each of which gets its own topology.
 */
public final class VigilTopologyExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VigilTopologyExtension.class);
  private static final String KEY = "topology";

  /** Used by JUnit. */
  public VigilTopologyExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    VigilTopology options = options(context);
    requireBinaries(options);
    boolean inherited = context.getStore(NAMESPACE).get(KEY, Topology.class) != null
        && !AnnotationSupport.isAnnotated(context.getRequiredTestClass(), VigilTopology.class);
    if (inherited) {
      return; // a @Nested class shares its enclosing class's topology
    }
    if (!options.perMethod()) {
      inject(context.getRequiredTestClass(), null, classTopology(context, options));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    VigilTopology options = options(context);
    Topology topology = options.perMethod() ? start(context, options) : topology(context);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      inject(instance.getClass(), instance, topology);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Topology.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    VigilTopology options = options(context);
    if (options.perMethod() && context.getTestMethod().isEmpty()) {
      throw new ExtensionConfigurationException("@VigilTopology(perMethod = true) starts a topology per test:"
          + " inject it into test methods or fields, not into " + parameter.getDeclaringExecutable());
    }
    if (options.perMethod()) {
      return Optional.ofNullable(context.getStore(NAMESPACE).get(KEY, Topology.class))
          .orElseGet(() -> start(context, options));
    }
    // With @TestInstance(PER_CLASS) the constructor is resolved before beforeAll: start it then.
    return classTopology(context, options);
  }

  private static Topology classTopology(ExtensionContext context, VigilTopology options) {
    Topology existing = context.getStore(NAMESPACE).get(KEY, Topology.class);
    if (existing != null) {
      return existing;
    }
    requireBinaries(options);
    return start(context, options);
  }

  private static Topology start(ExtensionContext context, VigilTopology options) {
    Topology topology = Topology.builder()
        .replicas(options.replicas())
        .sentinels(options.sentinels())
        .dataNodes(options.dataNodes())
        .sentinelNodes(options.sentinelNodes())
        .proxied(options.proxied())
        .downAfter(Duration.ofMillis(options.downAfterMillis()))
        .failoverTimeout(Duration.ofMillis(options.failoverTimeoutMillis()))
        .masterName(options.masterName())
        .start();
    // The store closes AutoCloseable values when its scope ends, whatever the outcome.
    context.getStore(NAMESPACE).put(KEY, topology);
    if (options.awaitHealthy()) {
      topology.awaitHealthy();
    }
    return topology;
  }

  private static Topology topology(ExtensionContext context) {
    Topology topology = context.getStore(NAMESPACE).get(KEY, Topology.class);
    if (topology == null) {
      throw new ExtensionConfigurationException("no topology was started for " + context.getDisplayName()
          + "; is the class annotated with @VigilTopology?");
    }
    return topology;
  }

  private static VigilTopology options(ExtensionContext context) {
    Class<?> type = context.getRequiredTestClass();
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      Optional<VigilTopology> found = AnnotationSupport.findAnnotation(c, VigilTopology.class);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new ExtensionConfigurationException(type.getName() + " uses VigilTopologyExtension without @VigilTopology;"
        + " annotate the class with @VigilTopology(...) instead of @ExtendWith");
  }

  private static void requireBinaries(VigilTopology options) {
    if (options.dataNodes() == NodeKind.REAL) {
      RealRedis.require("redis-server");
    }
    if (options.sentinelNodes() == NodeKind.REAL && options.sentinels() > 0) {
      RealRedis.require("redis-sentinel");
    }
  }

  /** Sets the static fields (instance == null) or instance fields of type Topology in the class and its superclasses. */
  private static void inject(Class<?> type, Object instance, Topology topology) throws IllegalAccessException {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getType() != Topology.class || Modifier.isFinal(field.getModifiers())
            || Modifier.isStatic(field.getModifiers()) != (instance == null)) {
          continue;
        }
        field.setAccessible(true);
        field.set(instance, topology);
      }
    }
  }
}
