package io.vigil.spring;

import io.vigil.driver.ClientView;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.VigilClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes by the {@link VigilReadScope} open on the current thread: inside one, a view of the
 * client with the scope's policy (built once per client and policy); outside, the client itself
 * (whose reads follow {@code vigil.read-policy}).
 */
final class ScopedVigilReadRouter implements VigilReadRouter {

  private record Key(VigilClient client, ReadPolicy policy) {
  }

  private final Duration defaultMaxLag;
  private final Map<Key, ClientView<String, String>> views = new ConcurrentHashMap<>();

  ScopedVigilReadRouter(Duration defaultMaxLag) {
    this.defaultMaxLag = defaultMaxLag;
  }

  @Override
  public ClientView<String, String> route(VigilClient client) {
    VigilReadScope scope = VigilReadScope.current();
    if (scope == null) {
      return client;
    }
    ReadPolicy policy = scope.toReadPolicy(defaultMaxLag);
    return views.computeIfAbsent(new Key(client, policy), k -> k.client().withReadPolicy(k.policy()));
  }
}
