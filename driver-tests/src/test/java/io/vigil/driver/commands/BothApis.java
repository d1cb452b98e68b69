package io.vigil.driver.commands;

import io.vigil.driver.RedisAsyncCommands;
import io.vigil.driver.RedisCommands;
import io.vigil.driver.VigilClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a family test's scenario twice, each time on an empty database: through the blocking API,
 * then through the async API (each call's stage awaited), so both generated interfaces are held to
 * the same assertions. A failure says which API it came from.
 *
 * <p>The async side is a proxy of {@link RedisCommands} that calls the method of the same name and
 * parameters on {@link RedisAsyncCommands} and waits for its stage: a failed stage rethrows its
 * cause, and an argument refused before sending still throws at the call, as the async API does.
 */
final class BothApis {

  private static final long AWAIT_SECONDS = 30;
  private static final Map<Method, Method> ASYNC_TWINS = new ConcurrentHashMap<>();

  private BothApis() {}

  /** A scenario against one API. */
  @FunctionalInterface
  interface Scenario {
    void run(RedisCommands<String, String> redis) throws Exception;
  }

  /** Runs {@code scenario} through the blocking API, then through the async API. */
  static void run(Target target, Scenario scenario) throws Exception {
    run("blocking API", target.client(), scenario);
    VigilClient client = target.client();
    run("async API", awaiting(client.async()), scenario);
  }

  private static void run(String api, RedisCommands<String, String> redis, Scenario scenario) throws Exception {
    try {
      scenario.run(redis);
    } catch (AssertionError e) {
      AssertionError named = new AssertionError("through the " + api + ": " + e.getMessage(), e);
      named.setStackTrace(e.getStackTrace());
      throw named;
    }
  }

  /** The blocking commands, served by {@code async} with each stage awaited. */
  @SuppressWarnings("unchecked")
  static RedisCommands<String, String> awaiting(RedisAsyncCommands<String, String> async) {
    return (RedisCommands<String, String>) Proxy.newProxyInstance(BothApis.class.getClassLoader(),
        new Class<?>[] {RedisCommands.class}, (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> "awaiting(" + async + ")";
            };
          }
          Method twin = ASYNC_TWINS.computeIfAbsent(method, BothApis::asyncTwin);
          Object stage;
          try {
            stage = twin.invoke(async, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          try {
            return ((CompletionStage<?>) stage).toCompletableFuture().get(AWAIT_SECONDS, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            throw e.getCause();
          } catch (TimeoutException e) {
            throw new AssertionError(method.getName() + " through the async API did not complete in "
                + AWAIT_SECONDS + " s", e);
          }
        });
  }

  private static Method asyncTwin(Method blocking) {
    try {
      Method twin = RedisAsyncCommands.class.getMethod(blocking.getName(), blocking.getParameterTypes());
      if (!CompletionStage.class.isAssignableFrom(twin.getReturnType())) {
        throw new AssertionError(twin + " does not return a CompletionStage");
      }
      return twin;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("the async API lacks the twin of " + blocking, e);
    }
  }
}
