package io.vigil.spring;

import io.vigil.driver.ClientView;
import io.vigil.driver.VigilClient;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * The client services inject for declarative read routing: every call goes to the view the
 * {@link VigilReadRouter} chooses at that moment, so reads inside a {@link ReadFromReplica}
 * method may go to replicas and everything else goes to the master.
 *
 * <p>The auto-configured bean is a fallback: injecting {@code ClientView<String, String>} still
 * gives the {@link VigilClient} bean; inject this type to get routing. A view it returns ({@code
 * async()}, for example) keeps the routing of the moment it was obtained.
 */
public interface VigilRoutingClient extends ClientView<String, String> {

  /** A routing client that asks {@code router} for the view of {@code client} on every call. */
  static VigilRoutingClient of(VigilClient client, VigilReadRouter router) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(router, "router");
    InvocationHandler handler = new InvocationHandler() {
      @Override
      public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
          return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "VigilRoutingClient[" + client + "]";
          };
        }
        ClientView<String, String> view = router.route(client);
        try {
          return method.invoke(view, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    };
    return (VigilRoutingClient) Proxy.newProxyInstance(VigilRoutingClient.class.getClassLoader(),
        new Class<?>[] { VigilRoutingClient.class }, handler);
  }
}
