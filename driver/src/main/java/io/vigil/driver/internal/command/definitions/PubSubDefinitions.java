package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;

/** Publishing: messages to channels (subscribing has its own API on the client view). */
public interface PubSubDefinitions<K, V> extends Definitions<K, V> {

  /** Publishes {@code message} on {@code channel}; how many subscribers received it. */
  default Spec<Long> publish(K channel, V message) {
    return command("PUBLISH").key(channel).value(message).spec(Replies.INTEGER);
  }
}
