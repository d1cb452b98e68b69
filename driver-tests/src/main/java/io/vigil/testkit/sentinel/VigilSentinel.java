package io.vigil.testkit.sentinel;

import io.vigil.testkit.sentinel.config.MonitoredMaster;
import io.vigil.testkit.sentinel.config.SentinelConfig;
import io.vigil.testkit.sentinel.config.SentinelConfigParser;
import io.vigil.testkit.sentinel.event.SentinelEvent;
import io.vigil.testkit.sentinel.monitor.Address;
import io.vigil.testkit.sentinel.monitor.SentinelTimings;
import io.vigil.testkit.server.command.Dispatcher;
import io.vigil.testkit.server.command.ServerContext;
import io.vigil.testkit.server.config.ConfigException;
import io.vigil.testkit.server.config.ServerConfig;
import io.vigil.testkit.server.network.RespServer;
import io.vigil.testkit.server.network.ServerLog;
import io.vigil.testkit.server.replication.ReplicationFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Redis Sentinel (Redis 7.0 semantics) running in this JVM: it monitors masters, agrees with
 * other sentinels — Java or real {@code redis-sentinel} — that one is down, elects a leader,
 * promotes a replica and tells clients through {@code +switch-master}, and answers the
 * {@code SENTINEL} command family over RESP like the real one.
 *
 * <p>Everything runs on one event loop thread, as Redis does. {@link #close()} stops it; so
 * does {@code SHUTDOWN}. Thread-safe.
 *
 * <pre>{@code
 * try (VigilSentinel sentinel = VigilSentinel.builder()
 *     .monitor("mymaster", master.getHostString(), master.getPort(), 2)
 *     .downAfter("mymaster", Duration.ofMillis(1000))
 *     .start()) {
 *   InetSocketAddress address = sentinel.address();
 * }
 * }</pre>
 */
public final class VigilSentinel implements AutoCloseable {

  private final RespServer network;
  private final ServerContext context;
  private final InetSocketAddress address;
  private SentinelRuntime runtime;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private VigilSentinel(RespServer network, ServerContext context, InetSocketAddress address) {
    this.network = network;
    this.context = context;
    this.address = address;
  }

  /** A builder: 127.0.0.1, an ephemeral port, no masters, Redis's timings. */
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

  /** This sentinel's id ({@code SENTINEL MYID}). */
  public String myId() {
    return runtime.config.myId();
  }

  /** The process run id INFO reports (not the sentinel id). */
  public String runId() {
    return context.runId();
  }

  /**
   * Calls {@code listener} with every event this sentinel publishes, on its event loop thread;
   * keep it short. For tests and demos that want a timeline without subscribing.
   */
  public void onEvent(Consumer<SentinelEvent> listener) {
    runtime.addListener(listener);
  }

  /** The address this sentinel gives for {@code master} now, as GET-MASTER-ADDR-BY-NAME. */
  public InetSocketAddress masterAddress(String master) {
    CompletableFuture<InetSocketAddress> result = new CompletableFuture<>();
    network.eventLoop().execute(() -> {
      SentinelRuntime.Monitored m = runtime.masters.get(master);
      if (m == null) {
        result.completeExceptionally(new IllegalArgumentException("this sentinel does not monitor '" + master + "'"));
      } else {
        Address a = m.monitor.currentMasterAddress();
        result.complete(InetSocketAddress.createUnresolved(a.host(), a.port()));
      }
    });
    return result.join();
  }

  /** Whether it has stopped. */
  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Waits until it stops; false on timeout. */
  public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
    return stopped.await(timeout, unit);
  }

  /** Stops monitoring, closes every link and client, ends the thread. Idempotent. */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    if (network.eventLoop().inEventLoop()) {
      runtime.stop();
    } else {
      try {
        network.eventLoop().submit(runtime::stop).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing anyway
      }
    }
    stopped.countDown();
    if (network.eventLoop().inEventLoop()) {
      Thread closer = new Thread(network::close, "vigil-sentinel-close");
      closer.setDaemon(true);
      closer.start();
    } else {
      network.close();
    }
  }

  /** Starts a sentinel from a parsed configuration. */
  static VigilSentinel start(SentinelConfig config, SentinelTimings timings, boolean quiet) {
    if (config.myId() == null) {
      byte[] id = new byte[20];
      new SecureRandom().nextBytes(id);
      config.myId(HexFormat.of().formatHex(id));
    }
    ServerLog log = new ServerLog('X');
    log.quiet(quiet);
    try {
      log.file(config.logfile());
    } catch (IOException e) {
      throw new UncheckedIOException("Can't open the log file: " + e.getMessage(), e);
    }
    config.warnings().forEach(log::warning);
    List<String> args = new ArrayList<>(List.of("--port", Integer.toString(config.port()), "--save", "",
        "--protected-mode", config.protectedMode() ? "yes" : "no", "--databases", "1"));
    args.add("--bind");
    args.addAll(config.bind().isEmpty() ? List.of("*") : config.bind());
    if (config.requirepass() != null) {
      args.addAll(List.of("--requirepass", config.requirepass()));
    }
    ServerConfig serverConfig;
    try {
      serverConfig = ServerConfig.load(null, args);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    ServerContext context = new ServerContext(serverConfig, Clock.systemUTC(), log, ReplicationFeed.NONE);
    SentinelCommands.Target target = new SentinelCommands.Target();
    Dispatcher dispatcher = Dispatcher.forSentinel(context, table -> SentinelCommands.install(table, target));
    RespServer network = new RespServer(dispatcher, log, context::requestLimits, "vigil-sentinel");
    context.network(network);
    InetSocketAddress bound = null;
    for (String host : config.bind().isEmpty() ? List.of("0.0.0.0") : config.bind()) {
      try {
        InetSocketAddress b = network.bind(host.equals("*") ? "0.0.0.0" : host, bound == null ? config.port() : bound.getPort());
        if (bound == null) {
          bound = b;
        }
      } catch (Exception e) {
        network.close();
        throw new UncheckedIOException(new IOException("Could not create server TCP listening socket "
            + host + ":" + config.port() + ": " + e.getMessage(), e));
      }
    }
    VigilSentinel sentinel = new VigilSentinel(network, context, bound);
    target.sentinel = sentinel;
    String announceHost = config.announceIp() != null ? config.announceIp()
        : config.bind().isEmpty() || config.bind().get(0).equals("0.0.0.0") || config.bind().get(0).equals("*")
            ? "127.0.0.1" : config.bind().get(0).replaceFirst("^-", "");
    int announcePort = config.announcePort() != 0 ? config.announcePort() : bound.getPort();
    if (config.port() == 0) {
      config.port(bound.getPort());
    }
    CompletableFuture<Void> ready = new CompletableFuture<>();
    network.eventLoop().execute(() -> {
      try {
        SentinelRuntime rt = new SentinelRuntime(config, timings, network.eventLoop(), log, context.pubsub(),
            new Address(announceHost, announcePort));
        target.runtime = rt;
        sentinel.runtime = rt;
        rt.flushConfig();
        log.notice("Sentinel ID is " + config.myId());
        for (MonitoredMaster m : config.masters().values()) {
          rt.event(new SentinelEvent("+monitor", "master " + m.name() + " " + m.host() + " " + m.port()
              + " quorum " + m.quorum()));
        }
        rt.start();
        ready.complete(null);
      } catch (RuntimeException e) {
        ready.completeExceptionally(e);
      }
    });
    ready.join();
    context.shutdownHook(sentinel::close);
    log.notice("Ready to accept connections");
    return sentinel;
  }

  /** Options for a sentinel: a sentinel.conf, or masters added one by one. */
  public static final class Builder {
    private Path configFile;
    private final StringBuilder lines = new StringBuilder();
    private SentinelTimings timings = SentinelTimings.REDIS;
    private boolean quiet = true;

    private Builder() {
      lines.append("port 0\nbind 127.0.0.1\n");
    }

    /** A sentinel.conf to read (and rewrite as the sentinel learns). */
    public Builder configFile(Path file) {
      this.configFile = file;
      return this;
    }

    /** {@code sentinel monitor <name> <host> <port> <quorum>}. */
    public Builder monitor(String name, String host, int port, int quorum) {
      return line("sentinel monitor " + name + " " + host + " " + port + " " + quorum);
    }

    /** {@code sentinel down-after-milliseconds <name> <ms>}. */
    public Builder downAfter(String name, Duration downAfter) {
      return line("sentinel down-after-milliseconds " + name + " " + downAfter.toMillis());
    }

    /** {@code sentinel failover-timeout <name> <ms>}. */
    public Builder failoverTimeout(String name, Duration timeout) {
      return line("sentinel failover-timeout " + name + " " + timeout.toMillis());
    }

    /** Any sentinel.conf line, applied after the file. */
    public Builder line(String line) {
      lines.append(line).append('\n');
      return this;
    }

    /** How eagerly to poll ({@link SentinelTimings#REDIS} by default). */
    public Builder timings(SentinelTimings timings) {
      this.timings = timings;
      return this;
    }

    /** Whether to log to standard output / the logfile; default off for embedded sentinels. */
    public Builder logging(boolean enabled) {
      this.quiet = !enabled;
      return this;
    }

    /**
     * Starts the sentinel and returns once it listens.
     *
     * @throws io.vigil.testkit.sentinel.config.SentinelConfigException naming the file, line and reason
     */
    public VigilSentinel start() {
      SentinelConfig config;
      if (configFile != null) {
        config = SentinelConfigParser.parse(configFile);
        SentinelConfigParser.apply(config, "builder", lines.toString().lines().skip(2).toList());
      } else {
        config = SentinelConfigParser.parse("builder", lines.toString());
      }
      return VigilSentinel.start(config, timings, quiet);
    }
  }
}
