package io.vigil.driver.internal.client;

import io.vigil.driver.Endpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed connection URI: {@code redis://[user:password@]host[:port][/database]} ({@code
 * rediss://} for TLS) or {@code redis-sentinel://[user:password@]host1:26379,host2:26380[/masterName][?options]}
 * ({@code rediss-sentinel://}). Parsing never echoes a password: messages show the URI with it
 * masked.
 *
 * <p>Immutable. Fields the URI does not set are null (or 0 / false).
 *
 * @param tls whether the scheme asks for TLS
 * @param node the node of a {@code redis://} URI; null for Sentinel
 * @param sentinels the sentinels of a {@code redis-sentinel://} URI; null otherwise
 * @param masterName the master name (path or {@code masterName} option); null when absent
 * @param username the data nodes' user; null for the default user
 * @param password the data nodes' password; null for none
 * @param database the database, or null
 * @param clientName {@code clientName} option, or null
 * @param sentinelUsername {@code sentinelUsername} option, or null
 * @param sentinelPassword {@code sentinelPassword} option, or null
 * @param commandTimeout {@code commandTimeout} option (milliseconds), or null
 */
public record RedisUri(boolean tls, Endpoint node, List<Endpoint> sentinels, String masterName, String username,
    String password, Integer database, String clientName, String sentinelUsername, String sentinelPassword,
    Duration commandTimeout) {

  private static final String SENTINEL_OPTIONS =
      "masterName, database, clientName, sentinelUsername, sentinelPassword, commandTimeout";

  /**
   * Parses {@code uri}.
   *
   * @throws IllegalArgumentException naming what is wrong, the password masked
   */
  public static RedisUri parse(String uri) {
    if (uri == null) {
      throw new IllegalArgumentException("the URI must not be null");
    }
    if (uri.startsWith("redis-sentinel://") || uri.startsWith("rediss-sentinel://")) {
      return sentinel(uri);
    }
    return standalone(uri);
  }

  private static RedisUri standalone(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid redis URI: " + redact(uri) + " (" + e.getReason() + ")");
    }
    String scheme = parsed.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw new IllegalArgumentException("unsupported URI scheme '" + scheme + "' in " + redact(uri)
          + ": use redis://, rediss:// or redis-sentinel://");
    }
    if (parsed.getHost() == null) {
      throw new IllegalArgumentException("the URI " + redact(uri) + " names no host");
    }
    String host = parsed.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    Endpoint node = Endpoint.of(host, parsed.getPort() == -1 ? 6379 : parsed.getPort());
    String[] credentials = credentials(parsed.getRawUserInfo());
    Integer database = null;
    String path = parsed.getPath();
    if (path != null && path.length() > 1) {
      database = number("the database", path.substring(1), uri);
    }
    if (parsed.getRawQuery() != null) {
      throw new IllegalArgumentException("URI query parameters are not supported (" + redact(uri)
          + "); set options on the builder");
    }
    return new RedisUri("rediss".equals(scheme), node, null, null, credentials[0], credentials[1], database, null,
        null, null, null);
  }

  private static RedisUri sentinel(String uri) {
    String rest = uri.substring(uri.indexOf("://") + 3);
    int at = rest.lastIndexOf('@');
    int slashOrQuery = indexOfAny(rest, at + 1, '/', '?');
    String[] credentials = {null, null};
    if (at >= 0 && at < (slashOrQuery < 0 ? rest.length() : slashOrQuery)) {
      credentials = credentials(rest.substring(0, at));
      rest = rest.substring(at + 1);
      slashOrQuery = indexOfAny(rest, 0, '/', '?');
    }
    String hosts = slashOrQuery < 0 ? rest : rest.substring(0, slashOrQuery);
    String tail = slashOrQuery < 0 ? "" : rest.substring(slashOrQuery);
    List<Endpoint> sentinels;
    try {
      sentinels = hostList(hosts, 26379, "sentinel");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad sentinel list in " + redact(uri) + ": " + e.getMessage());
    }
    String query = "";
    int q = tail.indexOf('?');
    if (q >= 0) {
      query = tail.substring(q + 1);
      tail = tail.substring(0, q);
    }
    String masterName = tail.length() > 1 ? decode(tail.substring(1)) : null;
    Integer database = null;
    String clientName = null;
    String sentinelUsername = null;
    String sentinelPassword = null;
    Duration commandTimeout = null;
    for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      switch (key) {
        case "masterName" -> masterName = value;
        case "database" -> database = number("database", value, uri);
        case "clientName" -> clientName = value;
        case "sentinelUsername" -> sentinelUsername = value;
        case "sentinelPassword" -> sentinelPassword = value;
        case "commandTimeout" -> {
          try {
            commandTimeout = Duration.ofMillis(Long.parseLong(value));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("commandTimeout in " + redact(uri) + " must be milliseconds, got '"
                + value + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + key + "' in " + redact(uri) + "; known: "
            + SENTINEL_OPTIONS);
      }
    }
    return new RedisUri(uri.startsWith("rediss-"), null, sentinels, masterName, credentials[0], credentials[1],
        database, clientName, sentinelUsername, sentinelPassword, commandTimeout);
  }

  /**
   * Parses {@code "host1:port,host2,[::1]:port"}: a port may be left out for {@code defaultPort};
   * IPv6 hosts in brackets.
   *
   * @param what what the entries are, for messages ({@code "sentinel"})
   */
  public static List<Endpoint> hostList(String hostsAndPorts, int defaultPort, String what) {
    if (hostsAndPorts == null) {
      throw new IllegalArgumentException("the " + what + " list must not be null");
    }
    List<Endpoint> list = new ArrayList<>();
    for (String part : hostsAndPorts.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty entry in the " + what + " list '" + hostsAndPorts + "'");
      }
      String host = p;
      int port = defaultPort;
      int colon = p.lastIndexOf(':');
      if (p.startsWith("[")) {
        int close = p.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '[' in " + what + " '" + p + "'");
        }
        host = p.substring(1, close);
        if (close + 1 < p.length()) {
          port = port(p.substring(close + 2), p, what);
        }
      } else if (colon >= 0) {
        host = p.substring(0, colon);
        port = port(p.substring(colon + 1), p, what);
      }
      list.add(Endpoint.of(host, port));
    }
    return list;
  }

  private static int port(String s, String entry, String what) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port '" + s + "' in " + what + " '" + entry + "'");
    }
  }

  private static String[] credentials(String userInfo) {
    if (userInfo == null || userInfo.isEmpty()) {
      return new String[] {null, null};
    }
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? null : decode(userInfo.substring(0, colon));
    String pass = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
    return new String[] {user == null || user.isEmpty() ? null : user, pass};
  }

  private static Integer number(String what, String value, String uri) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " in " + redact(uri) + " must be a number, got '" + value + "'");
    }
  }

  private static int indexOfAny(String s, int from, char a, char b) {
    for (int i = Math.max(0, from); i < s.length(); i++) {
      if (s.charAt(i) == a || s.charAt(i) == b) {
        return i;
      }
    }
    return -1;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URI with its password masked, for messages. */
  public static String redact(String uri) {
    int at = uri.lastIndexOf('@');
    int scheme = uri.indexOf("://");
    if (at < 0 || scheme < 0 || at < scheme) {
      return uri;
    }
    String userInfo = uri.substring(scheme + 3, at);
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? "" : userInfo.substring(0, colon);
    return uri.substring(0, scheme + 3) + user + ":****" + uri.substring(at);
  }

  @Override
  public String toString() {
    return "RedisUri{" + (node != null ? node : "sentinels " + sentinels + " master " + masterName)
        + (password == null ? "" : ", password (hidden)") + "}";
  }
}
