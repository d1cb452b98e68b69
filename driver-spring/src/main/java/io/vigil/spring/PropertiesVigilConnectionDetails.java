package io.vigil.spring;

import io.vigil.driver.Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

/**
 * {@link VigilConnectionDetails} read from the {@code vigil.*} properties, or from
 * {@code spring.data.redis.*} when no {@code vigil.*} connection property is set.
 *
 * <p>Everything is checked in the constructor, so a bad property fails the context at start-up
 * with an {@link InvalidVigilPropertyException} naming it (with the prefix it was read from).
 */
class PropertiesVigilConnectionDetails implements VigilConnectionDetails {

  /** The {@code vigil.*} properties that make up the connection; any of them disables the fallback. */
  static final List<String> CONNECTION_PROPERTIES = List.of("mode", "url", "host", "port", "username", "password",
      "database", "sentinel.master", "sentinel.nodes", "sentinel.username", "sentinel.password");

  static final String SPRING_DATA_REDIS = "spring.data.redis";

  private final String prefix;
  private final Endpoint node;
  private final Sentinel sentinel;
  private final String username;
  private final String password;
  private final int database;
  private final boolean sslEnabled;
  private final SslBundle sslBundle;

  PropertiesVigilConnectionDetails(VigilProperties properties, Environment environment, SslBundles sslBundles) {
    Binder binder = Binder.get(environment);
    Source source = usesVigilConnection(binder) ? Source.of(properties) : Source.springDataRedis(binder);
    this.prefix = source.prefix;

    String user = source.username;
    String pass = source.password;
    int db = source.database;
    boolean ssl = source.sslEnabled;
    Endpoint standaloneNode = null;
    Sentinel sentinelGroup = null;
    VigilProperties.Mode mode = source.mode;

    if (source.url != null && !source.url.isBlank()) {
      Url url = Url.parse(prefix + ".url", source.url);
      if (mode != null && mode != url.mode) {
        throw new InvalidVigilPropertyException(prefix + ".mode", mode.name().toLowerCase(Locale.ROOT),
            "the URL in " + prefix + ".url is a " + url.mode.name().toLowerCase(Locale.ROOT) + " URL",
            "Remove " + prefix + ".mode (it follows the URL's scheme) or change the URL's scheme.");
      }
      mode = url.mode;
      user = url.username != null ? url.username : user;
      pass = url.password != null ? url.password : pass;
      db = url.database != null ? url.database : db;
      ssl = ssl || url.tls;
      if (mode == VigilProperties.Mode.SENTINEL) {
        sentinelGroup = Sentinel.of(url.master != null ? url.master : requireMaster(source.master), url.nodes,
            source.sentinelUsername, source.sentinelPassword);
      } else {
        standaloneNode = url.nodes.get(0);
      }
    } else {
      boolean sentinelConfigured = !source.nodes.isEmpty() || source.master != null;
      if (mode == null) {
        mode = sentinelConfigured ? VigilProperties.Mode.SENTINEL : VigilProperties.Mode.STANDALONE;
      }
      if (mode == VigilProperties.Mode.SENTINEL) {
        sentinelGroup = Sentinel.of(requireMaster(source.master), sentinelNodes(source.nodes),
            source.sentinelUsername, source.sentinelPassword);
      } else {
        if (!source.nodes.isEmpty()) {
          throw new InvalidVigilPropertyException(prefix + ".mode", "standalone",
              prefix + ".sentinel.nodes is set too, and a standalone client never asks sentinels",
              "Remove " + prefix + ".mode=standalone to use the sentinels, or remove " + prefix + ".sentinel.nodes.");
        }
        if (source.host == null || source.host.isBlank()) {
          throw new InvalidVigilPropertyException(prefix + ".host", source.host, "the host must not be blank",
              "Set " + prefix + ".host to the Redis server's host name or IP address, for example localhost.");
        }
        if (source.port < 1 || source.port > 65535) {
          throw new InvalidVigilPropertyException(prefix + ".port", Integer.toString(source.port),
              "a port must be between 1 and 65535", "Set " + prefix + ".port to the Redis server's port, for example 6379.");
        }
        standaloneNode = Endpoint.of(source.host.trim(), source.port);
      }
    }
    if (db < 0) {
      throw new InvalidVigilPropertyException(prefix + ".database", Integer.toString(db),
          "a database index must not be negative", "Set " + prefix + ".database to 0 or more (0 is Redis's default).");
    }
    checkUsername(prefix + ".username", user);
    checkPassword(prefix + ".password", pass);
    if (sentinelGroup != null) {
      checkUsername(prefix + ".sentinel.username", sentinelGroup.getUsername());
      checkPassword(prefix + ".sentinel.password", sentinelGroup.getPassword());
    }
    SslBundle bundle = null;
    if (source.sslBundle != null && ssl) {
      if (sslBundles == null) {
        throw new InvalidVigilPropertyException(prefix + ".ssl.bundle", source.sslBundle,
            "no SslBundles bean is available to look it up", "Define the bundle under spring.ssl.bundle.* and keep"
            + " Spring Boot's SSL auto-configuration enabled, or remove " + prefix + ".ssl.bundle.");
      }
      try {
        bundle = sslBundles.getBundle(source.sslBundle);
      } catch (NoSuchSslBundleException e) {
        throw new InvalidVigilPropertyException(prefix + ".ssl.bundle", source.sslBundle,
            "no SSL bundle has that name", "Define it under spring.ssl.bundle.jks." + source.sslBundle
            + " or spring.ssl.bundle.pem." + source.sslBundle + ", or correct the name.");
      }
    }
    this.node = standaloneNode;
    this.sentinel = sentinelGroup;
    this.username = user;
    this.password = pass;
    this.database = db;
    this.sslEnabled = ssl;
    this.sslBundle = bundle;
  }

  /** Whether any {@code vigil.*} connection property is set (then {@code spring.data.redis.*} is ignored). */
  static boolean usesVigilConnection(Binder binder) {
    for (String name : CONNECTION_PROPERTIES) {
      Bindable<?> type = name.equals("sentinel.nodes") ? Bindable.listOf(String.class) : Bindable.of(String.class);
      if (binder.bind("vigil." + name, type).isBound()) {
        return true;
      }
    }
    return false;
  }

  /** The prefix the connection was read from: {@code vigil} or {@code spring.data.redis}. */
  String getPrefix() {
    return prefix;
  }

  @Override
  public Endpoint getNode() {
    return node;
  }

  @Override
  public Sentinel getSentinel() {
    return sentinel;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public String getPassword() {
    return password;
  }

  @Override
  public int getDatabase() {
    return database;
  }

  @Override
  public boolean isSslEnabled() {
    return sslEnabled;
  }

  @Override
  public SslBundle getSslBundle() {
    return sslBundle;
  }

  @Override
  public String toString() {
    return "VigilConnectionDetails{from " + prefix + ".*, " + (sentinel != null ? sentinel : "standalone " + node)
        + (username == null ? "" : ", user " + username) + (password == null ? "" : ", password (hidden)")
        + ", database " + database + (sslEnabled ? ", tls" : "") + "}";
  }

  private String requireMaster(String master) {
    if (master == null || master.isBlank()) {
      throw new InvalidVigilPropertyException(prefix + ".sentinel.master", null,
          "sentinel mode needs the name the sentinels monitor the master under",
          "Set " + prefix + ".sentinel.master, for example " + prefix + ".sentinel.master=mymaster"
          + " (the name in the sentinels' 'sentinel monitor' line).");
    }
    String name = master.trim();
    if (name.chars().anyMatch(c -> c <= ' ')) {
      throw new InvalidVigilPropertyException(prefix + ".sentinel.master", master,
          "a master name cannot contain spaces", "Set " + prefix + ".sentinel.master to the name in the sentinels'"
          + " 'sentinel monitor' line, for example mymaster.");
    }
    return name;
  }

  private List<Endpoint> sentinelNodes(List<String> entries) {
    if (entries.isEmpty()) {
      throw new InvalidVigilPropertyException(prefix + ".sentinel.nodes", null,
          "sentinel mode needs at least one sentinel address",
          "Set " + prefix + ".sentinel.nodes to the sentinels as host:port, for example "
          + prefix + ".sentinel.nodes=127.0.0.1:26379,127.0.0.1:26380,127.0.0.1:26381.");
    }
    List<Endpoint> nodes = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      nodes.add(address(prefix + ".sentinel.nodes[" + i + "]", entries.get(i), 26379));
    }
    return nodes;
  }

  /** Parses {@code host:port}, {@code [v6]:port} or a bare host (then {@code defaultPort}). */
  static Endpoint address(String property, String entry, int defaultPort) {
    String action = "Write each address as host:port, for example 127.0.0.1:26379 ([::1]:26379 for IPv6).";
    String p = entry == null ? "" : entry.trim();
    if (p.isEmpty()) {
      throw new InvalidVigilPropertyException(property, entry, "an address must not be empty", action);
    }
    String host = p;
    String port = null;
    if (p.startsWith("[")) {
      int close = p.indexOf(']');
      if (close < 0) {
        throw new InvalidVigilPropertyException(property, entry, "the IPv6 address has no closing ']'", action);
      }
      host = p.substring(1, close);
      if (close + 1 < p.length()) {
        if (p.charAt(close + 1) != ':') {
          throw new InvalidVigilPropertyException(property, entry, "expected ':' after ']'", action);
        }
        port = p.substring(close + 2);
      }
    } else {
      int colon = p.lastIndexOf(':');
      if (colon >= 0) {
        if (p.indexOf(':') != colon) {
          throw new InvalidVigilPropertyException(property, entry, "an IPv6 address must be in brackets", action);
        }
        host = p.substring(0, colon);
        port = p.substring(colon + 1);
      }
    }
    if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
      throw new InvalidVigilPropertyException(property, entry, "'" + host + "' is not a host name or IP address",
          action);
    }
    int portNumber = defaultPort;
    if (port != null) {
      try {
        portNumber = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new InvalidVigilPropertyException(property, entry, "the port '" + port + "' is not a number", action);
      }
      if (portNumber < 1 || portNumber > 65535) {
        throw new InvalidVigilPropertyException(property, entry, "the port " + portNumber
            + " is not between 1 and 65535", action);
      }
    }
    return Endpoint.of(host, portNumber);
  }

  private static void checkUsername(String property, String username) {
    if (username != null && (username.isEmpty() || username.chars().anyMatch(Character::isWhitespace))) {
      throw new InvalidVigilPropertyException(property, username, "a user name cannot be empty or contain spaces",
          "Set " + property + " to the Redis ACL user, or remove it for the default user.");
    }
  }

  private static void checkPassword(String property, String password) {
    if (password != null && password.isEmpty()) {
      throw new InvalidVigilPropertyException(property, "", "an empty password is not sent",
          "Remove " + property + " when the server requires no password.");
    }
  }

  /** The connection properties as read from one prefix. */
  private static final class Source {
    String prefix;
    VigilProperties.Mode mode;
    String url;
    String host;
    int port;
    String username;
    String password;
    int database;
    String master;
    List<String> nodes = List.of();
    String sentinelUsername;
    String sentinelPassword;
    boolean sslEnabled;
    String sslBundle;

    static Source of(VigilProperties p) {
      Source s = new Source();
      s.prefix = "vigil";
      s.mode = p.getMode();
      s.url = p.getUrl();
      s.host = p.getHost();
      s.port = p.getPort();
      s.username = p.getUsername();
      s.password = p.getPassword();
      s.database = p.getDatabase();
      s.master = p.getSentinel().getMaster();
      s.nodes = p.getSentinel().getNodes() == null ? List.of() : p.getSentinel().getNodes();
      s.sentinelUsername = p.getSentinel().getUsername();
      s.sentinelPassword = p.getSentinel().getPassword();
      s.sslEnabled = p.getSsl().isEnabled();
      s.sslBundle = p.getSsl().getBundle();
      return s;
    }

    /** Spring Boot's Redis properties, read without depending on Spring Data Redis. */
    static Source springDataRedis(Binder binder) {
      String prefix = SPRING_DATA_REDIS;
      Source s = new Source();
      s.prefix = prefix;
      s.url = binder.bind(prefix + ".url", String.class).orElse(null);
      s.host = binder.bind(prefix + ".host", String.class).orElse("localhost");
      s.port = binder.bind(prefix + ".port", Integer.class).orElse(6379);
      s.username = binder.bind(prefix + ".username", String.class).orElse(null);
      s.password = binder.bind(prefix + ".password", String.class).orElse(null);
      s.database = binder.bind(prefix + ".database", Integer.class).orElse(0);
      s.master = binder.bind(prefix + ".sentinel.master", String.class).orElse(null);
      s.nodes = binder.bind(prefix + ".sentinel.nodes", Bindable.listOf(String.class)).orElse(List.of());
      s.sentinelUsername = binder.bind(prefix + ".sentinel.username", String.class).orElse(null);
      s.sentinelPassword = binder.bind(prefix + ".sentinel.password", String.class).orElse(null);
      s.sslBundle = binder.bind(prefix + ".ssl.bundle", String.class).orElse(null);
      s.sslEnabled = binder.bind(prefix + ".ssl.enabled", Boolean.class).orElse(s.sslBundle != null);
      return s;
    }
  }

  /**
   * A parsed connection URL: {@code redis[s]://[user:password@]host[:port][/database]} or
   * {@code redis[s]-sentinel://[user:password@]host:port[,host:port...][/master]}.
   */
  private static final class Url {
    VigilProperties.Mode mode;
    boolean tls;
    String username;
    String password;
    Integer database;
    String master;
    List<Endpoint> nodes = new ArrayList<>();

    static Url parse(String property, String raw) {
      String shown = redact(raw);
      String action = "Write " + property + " as redis://[user:password@]host:port[/database] (rediss:// for TLS)"
          + " or redis-sentinel://[user:password@]host1:26379,host2:26379/master-name; percent-encode special"
          + " characters in the user and password.";
      int schemeEnd = raw.indexOf("://");
      String scheme = schemeEnd < 0 ? "" : raw.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      Url url = new Url();
      switch (scheme) {
        case "redis":
        case "rediss":
          url.mode = VigilProperties.Mode.STANDALONE;
          break;
        case "redis-sentinel":
        case "rediss-sentinel":
          url.mode = VigilProperties.Mode.SENTINEL;
          break;
        default:
          throw new InvalidVigilPropertyException(property, shown, schemeEnd < 0 ? "it has no scheme"
              : "the scheme '" + scheme + "' is not supported", action);
      }
      url.tls = scheme.startsWith("rediss");
      String rest = raw.substring(schemeEnd + 3);
      int pathStart = indexOfAny(rest, '/', '?');
      int at = rest.lastIndexOf('@', pathStart < 0 ? rest.length() : pathStart);
      if (at >= 0) {
        String userInfo = rest.substring(0, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? null : decode(userInfo.substring(0, colon));
        String pass = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        url.username = user == null || user.isEmpty() ? null : user;
        url.password = pass.isEmpty() ? null : pass;
        rest = rest.substring(at + 1);
        pathStart = indexOfAny(rest, '/', '?');
      }
      String hosts = pathStart < 0 ? rest : rest.substring(0, pathStart);
      String tail = pathStart < 0 ? "" : rest.substring(pathStart);
      if (tail.contains("?")) {
        throw new InvalidVigilPropertyException(property, shown, "query options are not supported",
            "Remove the '?...' part and set the matching vigil.* properties instead.");
      }
      if (hosts.isEmpty()) {
        throw new InvalidVigilPropertyException(property, shown, "it names no host", action);
      }
      String[] parts = hosts.split(",", -1);
      if (url.mode == VigilProperties.Mode.STANDALONE && parts.length > 1) {
        throw new InvalidVigilPropertyException(property, shown, "a redis:// URL names exactly one node",
            "Use a redis-sentinel:// URL to list sentinels.");
      }
      int defaultPort = url.mode == VigilProperties.Mode.SENTINEL ? 26379 : 6379;
      for (String part : parts) {
        try {
          url.nodes.add(address(property, part, defaultPort));
        } catch (InvalidVigilPropertyException e) {
          throw new InvalidVigilPropertyException(property, shown, e.getReason() + " ('" + part + "')", action);
        }
      }
      String path = tail.length() > 1 ? tail.substring(1) : null;
      if (path != null) {
        if (url.mode == VigilProperties.Mode.SENTINEL) {
          url.master = decode(path);
        } else {
          try {
            url.database = Integer.parseInt(path);
          } catch (NumberFormatException e) {
            throw new InvalidVigilPropertyException(property, shown, "the database '" + path + "' is not a number",
                action);
          }
        }
      }
      if (url.mode == VigilProperties.Mode.STANDALONE) {
        // Let java.net.URI judge what the hand-written split above might accept too leniently.
        try {
          new URI(raw);
        } catch (URISyntaxException e) {
          throw new InvalidVigilPropertyException(property, shown, "it is not a valid URI (" + e.getReason() + ")",
              action);
        }
      }
      return url;
    }

    private static int indexOfAny(String s, char a, char b) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) == a || s.charAt(i) == b) {
          return i;
        }
      }
      return -1;
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL with its password masked, for messages. */
    static String redact(String uri) {
      int scheme = uri.indexOf("://");
      int at = uri.lastIndexOf('@');
      if (scheme < 0 || at < scheme) {
        return uri;
      }
      String userInfo = uri.substring(scheme + 3, at);
      int colon = userInfo.indexOf(':');
      return uri.substring(0, scheme + 3) + (colon < 0 ? "" : userInfo.substring(0, colon)) + ":****"
          + uri.substring(at);
    }
  }
}
