package io.vigil.spring;

import io.vigil.driver.ClientView;
import io.vigil.driver.VigilClient;

/**
 * Extension point for declarative read routing: chooses the view of the client that the current
 * call should read through.
 *
 * <p>The auto-configuration defines {@link #MASTER} (everything on the master) unless the
 * application defines its own bean. A routing implementation looks at the caller's context — for
 * example a read scope an annotation opened on the current thread — and returns a view of {@code
 * client} whose reads may go to replicas within a lag bound; writes always go to the master.
 * Must be thread-safe and must not block.
 */
@FunctionalInterface
public interface VigilReadRouter {

  /** Routes everything to the master: returns the client itself. */
  VigilReadRouter MASTER = client -> client;

  /** The view to use for the current call; never null. */
  ClientView<String, String> route(VigilClient client);
}
