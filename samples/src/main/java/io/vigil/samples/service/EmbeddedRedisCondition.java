package io.vigil.samples.service;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the embedded stack should start: {@code sample.embedded=true}, or {@code
 * sample.embedded} unset and no Redis connection property configured (under {@code vigil.*} or
 * {@code spring.data.redis.*}, the two places the Vigil auto-configuration reads it from).
 */
final class EmbeddedRedisCondition extends SpringBootCondition {

  static final String PROPERTY = "sample.embedded";

  /** The properties that say where Redis is; any of them turns the embedded stack off. */
  static final List<String> CONNECTION_PROPERTIES = List.of(
      "vigil.mode", "vigil.url", "vigil.host", "vigil.port", "vigil.sentinel.master", "vigil.sentinel.nodes",
      "spring.data.redis.url", "spring.data.redis.host", "spring.data.redis.port",
      "spring.data.redis.sentinel.master", "spring.data.redis.sentinel.nodes");

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    Boolean embedded = binder.bind(PROPERTY, Boolean.class).orElse(null);
    if (embedded != null) {
      return new ConditionOutcome(embedded, PROPERTY + " is " + embedded);
    }
    for (String property : CONNECTION_PROPERTIES) {
      if (binder.bind(property, Bindable.listOf(String.class)).isBound()) {
        return ConditionOutcome.noMatch(property + " is set: connecting there instead of an embedded stack");
      }
    }
    return ConditionOutcome.match("no Redis connection property is set");
  }
}
