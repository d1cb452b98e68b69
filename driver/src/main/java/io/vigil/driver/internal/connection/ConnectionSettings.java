package io.vigil.driver.internal.connection;

import io.netty.handler.ssl.SslContext;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespVersion;
import java.time.Duration;
import java.util.Objects;

/**
 * What every connection to a node is set up with: credentials, database, name, protocol,
 * TLS (with or without host-name verification), timeouts and decoder limits.
 *
 * <p>Immutable; built by the public client builder after it validated each value. {@link
 * #toString()} never shows the password.
 */
public final class ConnectionSettings {

  private final String username;
  private final String password;
  private final int database;
  private final String clientName;
  private final RespVersion protocol;
  private final SslContext sslContext;
  private final Duration connectTimeout;
  private final Duration commandTimeout;
  private final RespLimits limits;
  private final Ticker ticker;
  private final boolean verifyHostname;

  /** All settings, with host names verified; {@code username}, {@code password}, {@code clientName} and {@code sslContext} may be null. */
  public ConnectionSettings(String username, String password, int database, String clientName,
      RespVersion protocol, SslContext sslContext, Duration connectTimeout, Duration commandTimeout,
      RespLimits limits, Ticker ticker) {
    this(username, password, database, clientName, protocol, sslContext, connectTimeout, commandTimeout, limits,
        ticker, true);
  }

  private ConnectionSettings(String username, String password, int database, String clientName,
      RespVersion protocol, SslContext sslContext, Duration connectTimeout, Duration commandTimeout,
      RespLimits limits, Ticker ticker, boolean verifyHostname) {
    this.username = username;
    this.password = password;
    this.database = database;
    this.clientName = clientName;
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.sslContext = sslContext;
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.verifyHostname = verifyHostname;
  }

  /** These settings, with TLS host-name verification on or off. */
  public ConnectionSettings withVerifyHostname(boolean verify) {
    return new ConnectionSettings(username, password, database, clientName, protocol, sslContext, connectTimeout,
        commandTimeout, limits, ticker, verify);
  }

  /** Defaults for tests: no auth, database 0, RESP3 preferred, 5 s timeouts. */
  public static ConnectionSettings defaults() {
    return new ConnectionSettings(null, null, 0, null, RespVersion.RESP3, null,
        Duration.ofSeconds(5), Duration.ofSeconds(5), RespLimits.DEFAULT, Ticker.SYSTEM);
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public int database() {
    return database;
  }

  public String clientName() {
    return clientName;
  }

  /** The protocol to ask for: RESP3 tries {@code HELLO 3} first, RESP2 never sends HELLO. */
  public RespVersion protocol() {
    return protocol;
  }

  public SslContext sslContext() {
    return sslContext;
  }

  /**
   * Whether a TLS connection checks that the node's certificate names the host connected to;
   * true unless turned off.
   */
  public boolean verifyHostname() {
    return verifyHostname;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  public RespLimits limits() {
    return limits;
  }

  public Ticker ticker() {
    return ticker;
  }

  /** How often deadlines are checked: a tenth of the command timeout, within 1 ms to 100 ms. */
  public long sweepNanos() {
    long tenth = commandTimeout.toNanos() / 10;
    return Math.max(Duration.ofMillis(1).toNanos(), Math.min(Duration.ofMillis(100).toNanos(), tenth));
  }

  @Override
  public String toString() {
    return "ConnectionSettings{username=" + username
        + ", password=" + (password == null ? "none" : "(hidden)")
        + ", database=" + database + ", clientName=" + clientName + ", protocol=" + protocol
        + ", tls=" + (sslContext == null ? "off" : verifyHostname ? "on" : "on without host-name verification")
        + ", connectTimeout=" + connectTimeout
        + ", commandTimeout=" + commandTimeout + "}";
  }
}
