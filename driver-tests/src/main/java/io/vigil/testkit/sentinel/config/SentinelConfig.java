package io.vigil.testkit.sentinel.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed sentinel.conf: the server directives a sentinel honours, the sentinel-wide state
 * ({@code myid}, {@code current-epoch}, announce address) and every monitored master.
 *
 * <p>Parse one with {@link SentinelConfigParser}; write it back, with the state the sentinel
 * learned, with {@link SentinelConfigWriter}. Mutable, owned by one sentinel; not thread-safe.
 */
public final class SentinelConfig {

  /** Redis Sentinel's default port. */
  public static final int DEFAULT_PORT = 26379;

  private final Path file;
  private final List<String> originalLines;
  private int port = DEFAULT_PORT;
  private List<String> bind = List.of();
  private String dir;
  private String logfile = "";
  private String pidfile;
  private boolean daemonize;
  private boolean protectedMode = true;
  private String requirepass;
  private String myId;
  private long currentEpoch;
  private String announceIp;
  private int announcePort;
  private boolean resolveHostnames;
  private boolean announceHostnames;
  private boolean denyScriptsReconfig = true;
  private String sentinelUser;
  private String sentinelPass;
  private final Map<String, MonitoredMaster> masters = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();

  SentinelConfig(Path file, List<String> originalLines) {
    this.file = file;
    this.originalLines = List.copyOf(originalLines);
  }

  /** An empty configuration, as for {@code --sentinel} with no file. */
  public static SentinelConfig empty() {
    return new SentinelConfig(null, List.of());
  }

  /** The file it was read from, if any (CONFIG REWRITE writes there). */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The lines of the file as read, for a rewrite that keeps the user's layout. */
  public List<String> originalLines() {
    return originalLines;
  }

  public int port() {
    return port;
  }

  public void port(int port) {
    this.port = port;
  }

  /** Addresses to bind; empty means all interfaces, as Redis. */
  public List<String> bind() {
    return bind;
  }

  public void bind(List<String> addresses) {
    this.bind = List.copyOf(addresses);
  }

  /** The working directory, or null for the current one. */
  public String dir() {
    return dir;
  }

  public void dir(String dir) {
    this.dir = dir;
  }

  /** The log file; empty means standard output, as Redis. */
  public String logfile() {
    return logfile;
  }

  public void logfile(String logfile) {
    this.logfile = logfile;
  }

  public String pidfile() {
    return pidfile;
  }

  public void pidfile(String pidfile) {
    this.pidfile = pidfile;
  }

  /** Whether the file asked to daemonize (ignored, with a warning). */
  public boolean daemonize() {
    return daemonize;
  }

  public void daemonize(boolean daemonize) {
    this.daemonize = daemonize;
  }

  public boolean protectedMode() {
    return protectedMode;
  }

  public void protectedMode(boolean protectedMode) {
    this.protectedMode = protectedMode;
  }

  /** The password clients must give this sentinel, or null. Never log it. */
  public String requirepass() {
    return requirepass;
  }

  public void requirepass(String password) {
    this.requirepass = password;
  }

  /** The 40-hex id of this sentinel, or null until one is generated. */
  public String myId() {
    return myId;
  }

  public void myId(String id) {
    this.myId = id;
  }

  public long currentEpoch() {
    return currentEpoch;
  }

  public void currentEpoch(long epoch) {
    this.currentEpoch = epoch;
  }

  /** The address announced in hello messages instead of the local one, or null. */
  public String announceIp() {
    return announceIp;
  }

  public void announceIp(String ip) {
    this.announceIp = ip;
  }

  /** The port announced in hello messages, 0 for the real one. */
  public int announcePort() {
    return announcePort;
  }

  public void announcePort(int port) {
    this.announcePort = port;
  }

  public boolean resolveHostnames() {
    return resolveHostnames;
  }

  public void resolveHostnames(boolean resolve) {
    this.resolveHostnames = resolve;
  }

  public boolean announceHostnames() {
    return announceHostnames;
  }

  public void announceHostnames(boolean announce) {
    this.announceHostnames = announce;
  }

  public boolean denyScriptsReconfig() {
    return denyScriptsReconfig;
  }

  public void denyScriptsReconfig(boolean deny) {
    this.denyScriptsReconfig = deny;
  }

  /** The user this sentinel authenticates as with other sentinels, or null. */
  public String sentinelUser() {
    return sentinelUser;
  }

  public void sentinelUser(String user) {
    this.sentinelUser = user;
  }

  /** The password this sentinel gives other sentinels, or null. Never log it. */
  public String sentinelPass() {
    return sentinelPass;
  }

  public void sentinelPass(String password) {
    this.sentinelPass = password;
  }

  /** Monitored masters by name, in file order. */
  public Map<String, MonitoredMaster> masters() {
    return masters;
  }

  /** Lines that were accepted but have no effect here (for example {@code daemonize yes}). */
  public List<String> warnings() {
    return warnings;
  }
}
