package io.vigil.testkit.server;

import io.vigil.testkit.server.command.Dispatcher;
import io.vigil.testkit.server.command.ServerContext;
import io.vigil.testkit.server.config.ConfigException;
import io.vigil.testkit.server.config.ServerConfig;
import io.vigil.testkit.server.network.RespServer;
import io.vigil.testkit.server.network.ServerLog;
import io.vigil.testkit.server.persistence.AppendOnlyFile;
import io.vigil.testkit.server.persistence.RdbFiles;
import io.vigil.testkit.server.replication.ReplicationFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Redis-compatible data server (Redis 7.0 behaviour) running in this JVM, for tests and
 * demos.
 *
 * <p>All clients are served by one event loop thread, as Redis does, so every command is
 * atomic. {@link #close()} stops it; so does a client's {@code SHUTDOWN}. Thread-safe.
 *
 * <pre>{@code
 * try (VigilServer server = VigilServer.builder().port(0).start()) {
 *   InetSocketAddress address = server.address();
 * }
 * }</pre>
 */
public final class VigilServer implements AutoCloseable {

  private final RespServer network;
  private final ServerContext context;
  private Dispatcher dispatcher;
  /** The append-only file, or null; closed after the server thread stops. */
  private AppendOnlyFile aof;
  private final InetSocketAddress address;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private VigilServer(RespServer network, ServerContext context, InetSocketAddress address) {
    this.network = network;
    this.context = context;
    this.address = address;
  }

  /** A builder with Redis's defaults, listening on 127.0.0.1 and an ephemeral port. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return address;
  }

  /** The bound port. */
  public int port() {
    return address.getPort();
  }

  /** The 40-hex run id INFO reports. */
  public String runId() {
    return context.runId();
  }

  /**
   * Runs {@code task} on the server thread with the dispatcher, for the parts of the test kit
   * that feed commands in without a client (replication streams, append-only files).
   */
  public void onServerThread(java.util.function.Consumer<Dispatcher> task) {
    network.eventLoop().execute(() -> task.accept(dispatcher));
  }

  /** Whether the server has stopped (close() or SHUTDOWN). */
  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Waits until the server stops; false on timeout. */
  public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
    return stopped.await(timeout, unit);
  }

  /** Logs Redis's shutdown lines, then {@link #close()}s (SIGTERM in the standalone server). */
  void shutdownOnSignal(String signal) {
    if (isStopped()) {
      return;
    }
    context.log().notice("Received " + signal + " scheduling shutdown...");
    context.log().warning("User requested shutdown...");
    context.log().warning("Redis is now ready to exit, bye bye...");
    close();
  }

  /** Stops listening, disconnects every client and ends the server thread. Idempotent. */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    network.close();
    if (aof != null) {
      aof.close();
    }
    stopped.countDown();
  }

  /**
   * Loads the data set as Redis does at start-up: the append-only file when {@code appendonly
   * yes} (created with a base snapshot when missing), else {@code dump.rdb} when it exists.
   */
  private static AppendOnlyFile loadData(ServerContext context, Dispatcher dispatcher, ServerLog log)
      throws IOException {
    long start = System.nanoTime();
    if (context.config().getBool("appendonly")) {
      AppendOnlyFile aof = AppendOnlyFile.open(context, dispatcher);
      context.appendOnlyFile(aof);
      log.notice("DB loaded from append only file: " + String.format(java.util.Locale.ROOT, "%.3f",
          (System.nanoTime() - start) / 1e9) + " seconds");
      return aof;
    }
    Path dump = RdbFiles.dumpFile(context.config());
    if (java.nio.file.Files.exists(dump)) {
      long keys = RdbFiles.load(context, dump);
      log.notice("DB loaded from disk: " + keys + " keys in " + String.format(java.util.Locale.ROOT, "%.3f",
          (System.nanoTime() - start) / 1e9) + " seconds");
    }
    return null;
  }

  /**
   * Options for a server: any redis.conf directive, a config file and command-line style
   * arguments; the last word wins, as with redis-server. Validation happens in {@link #start()}.
   */
  public static final class Builder {
    private Path configFile;
    private final List<String> arguments = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private ReplicationFeed feed = ReplicationFeed.NONE;
    private boolean quiet = true;

    private Builder() {}

    /** The port; 0 (the builder's default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
      }
      return directive("port", Integer.toString(port));
    }

    /** The address to bind; default 127.0.0.1. */
    public Builder bind(String host) {
      return directive("bind", host);
    }

    /** A redis.conf file read before the directives. */
    public Builder configFile(Path file) {
      this.configFile = file;
      return this;
    }

    /** Any directive, as {@code --name value...} on redis-server's command line. */
    public Builder directive(String name, String... values) {
      arguments.add("--" + name);
      arguments.addAll(Arrays.asList(values));
      return this;
    }

    /** Command-line style arguments ({@code --port 7000 --save ""}). */
    public Builder arguments(List<String> args) {
      arguments.addAll(args);
      return this;
    }

    /** The clock that decides expiry (tests move it instead of sleeping). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Where every write is propagated (replication, AOF); default nowhere. */
    public Builder replicationFeed(ReplicationFeed feed) {
      this.feed = feed;
      return this;
    }

    /** Whether to log to standard output / the logfile; default off for embedded servers. */
    public Builder logging(boolean enabled) {
      this.quiet = !enabled;
      return this;
    }

    /**
     * Starts the server and returns once it listens.
     *
     * @throws IllegalArgumentException when the configuration is invalid (the message is
     *     Redis's fatal config report)
     * @throws UncheckedIOException when the port cannot be bound
     */
    public VigilServer start() {
      List<String> args = new ArrayList<>();
      if (configFile == null) {
        args.addAll(List.of("--port", "0", "--bind", "127.0.0.1", "--save", ""));
      }
      args.addAll(arguments);
      ServerConfig config;
      try {
        config = ServerConfig.load(configFile, args);
      } catch (ConfigException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      return VigilServer.start(config, clock, feed, quiet);
    }
  }

  /** Starts a server for an already loaded configuration (used by {@link ServerMain}). */
  static VigilServer start(ServerConfig config, Clock clock, ReplicationFeed feed, boolean quiet) {
    ServerLog log = new ServerLog('M');
    log.quiet(quiet);
    ServerLog.Level level = ServerLog.Level.parse(config.get("loglevel"));
    if (level != null) {
      log.level(level);
    }
    try {
      log.file(config.get("logfile"));
    } catch (IOException e) {
      throw new UncheckedIOException("Can't open the log file: " + e.getMessage(), e);
    }
    for (String warning : config.warnings()) {
      log.warning(warning);
    }
    ServerContext context = new ServerContext(config, clock, log, feed);
    Dispatcher dispatcher = new Dispatcher(context);
    RespServer network = new RespServer(dispatcher, log, context::requestLimits, "vigil-server");
    context.network(network);
    AppendOnlyFile aof;
    try {
      aof = network.eventLoop().submit(() -> loadData(context, dispatcher, log)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      network.close();
      throw new IllegalStateException("interrupted while loading the data set", e);
    } catch (java.util.concurrent.ExecutionException e) {
      network.close();
      Throwable cause = e.getCause();
      throw new UncheckedIOException(cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause));
    }
    InetSocketAddress address = null;
    int port = (int) config.getLong("port");
    for (String entry : config.get("bind").trim().split("\\s+")) {
      // "-addr" is optional (skipped when unavailable), "*" is every IPv4 address, "::*" every IPv6
      boolean optional = entry.startsWith("-");
      String host = optional ? entry.substring(1) : entry;
      host = host.equals("*") ? "0.0.0.0" : host.equals("::*") ? "::" : host;
      try {
        InetSocketAddress bound = network.bind(host, address == null ? port : address.getPort());
        if (address == null) {
          address = bound;
        }
      } catch (Exception e) {
        if (optional) {
          log.verbose("Skipping optional bind address " + host + ": " + e.getMessage());
          continue;
        }
        network.close();
        throw new UncheckedIOException(new IOException("Could not create server TCP listening socket "
            + host + ":" + config.get("port") + ": " + e.getMessage(), e));
      }
    }
    if (address == null) {
      network.close();
      throw new UncheckedIOException(new IOException("Failed listening on port " + port
          + " (tcp), aborting: no bind address could be used"));
    }
    VigilServer server = new VigilServer(network, context, address);
    server.dispatcher = dispatcher;
    server.aof = aof;
    context.shutdownHook(() -> new Thread(server::close, "vigil-server-shutdown").start());
    ConfigApplier.install(context);
    int boundPort = address.getPort();
    network.eventLoop().execute(() -> {
      context.setPort(boundPort);
      dispatcher.startReplication();
    });
    ActiveExpiry.start(context);
    log.notice("Server initialized");
    log.notice("Running mode=standalone, port=" + address.getPort() + ".");
    log.notice("Ready to accept connections");
    return server;
  }
}
