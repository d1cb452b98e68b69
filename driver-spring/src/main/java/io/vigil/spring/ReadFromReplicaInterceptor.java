package io.vigil.spring;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** Opens a {@link VigilReadScope} for the duration of a {@link ReadFromReplica} method. */
final class ReadFromReplicaInterceptor implements MethodInterceptor {

  private final Map<Method, VigilReadScope> scopes = new ConcurrentHashMap<>();

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Class<?> targetClass = invocation.getThis() != null ? AopUtils.getTargetClass(invocation.getThis()) : null;
    Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
    VigilReadScope scope = scopes.computeIfAbsent(method, m -> scopeOf(m, targetClass));
    try (VigilReadScope.Closer closer = VigilReadScope.open(scope.policy(), scope.maxLag())) {
      return invocation.proceed();
    }
  }

  private static VigilReadScope scopeOf(Method method, Class<?> targetClass) {
    ReadFromReplica a = AnnotatedElementUtils.findMergedAnnotation(method, ReadFromReplica.class);
    if (a == null) {
      a = AnnotatedElementUtils.findMergedAnnotation(targetClass != null ? targetClass : method.getDeclaringClass(),
          ReadFromReplica.class);
    }
    if (a == null) {
      return new VigilReadScope(ReadFromReplica.Policy.REPLICA_PREFERRED, null);
    }
    return new VigilReadScope(a.policy(), maxLag(a.maxLag(), method));
  }

  private static Duration maxLag(String text, Method method) {
    if (text.isBlank()) {
      return null;
    }
    Duration d;
    try {
      d = DurationStyle.detectAndParse(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("@ReadFromReplica(maxLag = \"" + text + "\") on " + method
          + " is not a duration; write it like \"100ms\" or \"2s\"", e);
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("@ReadFromReplica(maxLag = \"" + text + "\") on " + method
          + " must be positive, for example \"100ms\"");
    }
    return d;
  }
}
