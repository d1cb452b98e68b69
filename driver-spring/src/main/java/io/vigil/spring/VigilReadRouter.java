package io.vigil.spring;

import io.vigil.driver.ClientView;
import io.vigil.driver.VigilClient;

/**
 * Extension point for declarative read routing: chooses the view of the client that the current
 * call should read through.
 *
 * <p>Unless the application defines its own bean, the auto-configuration defines one that looks
 * at the {@link VigilReadScope} a {@link ReadFromReplica} method opened on the current thread: it
 * returns a view of {@code client} whose reads may go to replicas within the scope's lag bound,
 * and the client itself outside any scope. {@link VigilRoutingClient} asks the router on every
 * call; writes always go to the master. Must be thread-safe and must not block.
 */
@FunctionalInterface
public interface VigilReadRouter {

  /** Routes everything to the master: returns the client itself. */
  VigilReadRouter MASTER = client -> client;

  /** The view to use for the current call; never null. */
  ClientView<String, String> route(VigilClient client);
}
