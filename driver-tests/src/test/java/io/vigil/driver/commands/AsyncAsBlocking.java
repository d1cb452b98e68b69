package io.vigil.driver.commands;

import io.vigil.driver.RedisAsyncCommands;
import io.vigil.driver.RedisCommands;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The async API seen through the blocking interface: each call goes to the async method of the
 * same signature and waits for its stage, rethrowing what completed it exceptionally. So one
 * scenario, written once against {@link RedisCommands}, drives both APIs.
 */
final class AsyncAsBlocking implements InvocationHandler {

  private static final long WAIT_SECONDS = 30;

  private final RedisAsyncCommands<?, ?> async;

  private AsyncAsBlocking(RedisAsyncCommands<?, ?> async) {
    this.async = async;
  }

  @SuppressWarnings("unchecked")
  static <K, V> RedisCommands<K, V> of(RedisAsyncCommands<K, V> async) {
    return (RedisCommands<K, V>) Proxy.newProxyInstance(RedisCommands.class.getClassLoader(),
        new Class<?>[] {RedisCommands.class}, new AsyncAsBlocking(async));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.getName().equals("toString") ? "async view of " + async : method.invoke(this, args);
    }
    Method twin = RedisAsyncCommands.class.getMethod(method.getName(), method.getParameterTypes());
    CompletionStage<?> stage;
    try {
      stage = (CompletionStage<?>) twin.invoke(async, args);
    } catch (InvocationTargetException e) {
      throw e.getCause(); // thrown before a stage exists: bad input
    }
    try {
      return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("async " + method.getName() + " did not complete within " + WAIT_SECONDS + " s", e);
    }
  }
}
