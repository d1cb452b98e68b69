package io.vigil.driver.internal.connection;

import io.vigil.driver.ConnectionException;
import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sets a fresh connection up: {@code HELLO 3} (with {@code AUTH} and {@code SETNAME} folded
 * in), falling back to RESP2 with separate {@code AUTH} and {@code CLIENT SETNAME} when the
 * server does not know {@code HELLO} or refuses protocol 3; then {@code SELECT}.
 *
 * <p>Runs before the connection is handed to anyone, so its commands are the only ones on the
 * wire. Fails with {@link ConnectionException} carrying the server's error; the password never
 * appears in a message.
 */
final class Handshake {

  private final Connection connection;
  private final ConnectionSettings settings;
  private final String node;

  private Handshake(Connection connection, ConnectionSettings settings) {
    this.connection = connection;
    this.settings = settings;
    this.node = connection.endpoint().toString();
  }

  /** Runs the handshake; completes when the connection is ready for commands. */
  static CompletableFuture<Void> run(Connection connection, ConnectionSettings settings) {
    return new Handshake(connection, settings).start();
  }

  private CompletableFuture<Void> start() {
    CompletableFuture<Void> protocol = settings.protocol() == RespVersion.RESP3 ? hello() : resp2Setup();
    if (settings.database() == 0) {
      return protocol;
    }
    return protocol.thenCompose(ignored -> send("SELECT", Integer.toString(settings.database())))
        .thenAccept(reply -> check(reply, "SELECT"));
  }

  private CompletableFuture<Void> hello() {
    List<String> args = new ArrayList<>(List.of("HELLO", "3"));
    if (settings.password() != null) {
      args.add("AUTH");
      args.add(settings.username() == null ? "default" : settings.username());
      args.add(settings.password());
    }
    if (settings.clientName() != null) {
      args.add("SETNAME");
      args.add(settings.clientName());
    }
    return send(args.toArray(String[]::new)).thenCompose(reply -> {
      if (reply instanceof RespError error && refusesResp3(error)) {
        return resp2Setup();
      }
      check(reply, "HELLO");
      connection.protocol(RespVersion.RESP3);
      return CompletableFuture.completedFuture(null);
    });
  }

  /** Older servers do not know HELLO; some proxies refuse protocol 3 with NOPROTO. */
  private static boolean refusesResp3(RespError error) {
    String prefix = error.prefix();
    return prefix.equals("NOPROTO")
        || (prefix.equals("ERR") && error.message().toLowerCase().contains("unknown command"));
  }

  private CompletableFuture<Void> resp2Setup() {
    connection.protocol(RespVersion.RESP2);
    CompletableFuture<RespValue> auth = null;
    CompletableFuture<RespValue> name = null;
    if (settings.password() != null) {
      auth = settings.username() == null
          ? send("AUTH", settings.password())
          : send("AUTH", settings.username(), settings.password());
    }
    if (settings.clientName() != null) {
      name = send("CLIENT", "SETNAME", settings.clientName());
    }
    CompletableFuture<RespValue> authStep = auth == null ? CompletableFuture.completedFuture(null) : auth;
    CompletableFuture<RespValue> nameStep = name == null ? CompletableFuture.completedFuture(null) : name;
    return authStep.thenCompose(a -> {
      check(a, "AUTH");
      return nameStep;
    }).thenAccept(n -> check(n, "CLIENT"));
  }

  private void check(RespValue reply, String command) {
    if (reply instanceof RespError error) {
      String hint = "";
      if (error.prefix().equals("NOAUTH")) {
        hint = "; the node requires a password: configure one (redis://user:password@host:port)";
      } else if (error.prefix().equals("WRONGPASS")) {
        hint = "; check the username and password configured for the client";
      }
      throw new CompletionException(new ConnectionException(
          "cannot set up a connection to " + node + ": " + command + " failed: " + error.message() + hint,
          RedisErrors.toException(error, command, node)));
    }
  }

  private CompletableFuture<RespValue> send(String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    Ticker ticker = connection.ticker();
    return connection.submit(Command.of(bytes, ticker.nanoTime(), settings.commandTimeout().toNanos()));
  }
}
