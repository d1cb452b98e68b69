package io.vigil.driver.internal.connection;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.vigil.driver.Endpoint;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Makes the TLS handler of one client connection, first in its pipeline: the engine learns the
 * peer's host and port, a host name (not an IP literal) goes out as SNI, and the certificate must
 * name that host by the JDK's HTTPS endpoint identification (RFC 2818) unless verification is
 * turned off, in which case only the chain is checked.
 *
 * <p>The settings are applied to each engine rather than to the {@link SslContext}, so they hold
 * for every context alike: one the driver built, or a user's {@code javax.net.ssl.SSLContext}
 * wrapped as it came. Stateless and thread-safe.
 */
final class TlsHandlers {

  private TlsHandlers() {}

  /** A handler for a connection to {@code endpoint}. */
  static SslHandler newHandler(SslContext context, ByteBufAllocator alloc, Endpoint endpoint, boolean verifyHostname) {
    SslHandler handler = context.newHandler(alloc, endpoint.host(), endpoint.port());
    SSLEngine engine = handler.engine();
    SSLParameters parameters = engine.getSSLParameters();
    // Empty, not null, turns it off: the JDK ignores a null and keeps what the context set.
    parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : "");
    SNIHostName sni = serverName(endpoint.host());
    if (sni != null) {
      parameters.setServerNames(List.of(sni));
    }
    engine.setSSLParameters(parameters);
    return handler;
  }

  /** The SNI name for {@code host}, or null for an IP literal or a name SNI cannot carry. */
  static SNIHostName serverName(String host) {
    if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
      return null; // RFC 6066 allows no literal addresses in SNI
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    try {
      return new SNIHostName(name);
    } catch (IllegalArgumentException e) {
      return null; // for example an underscore, as in some container names: still verified, just not sent
    }
  }

  /**
   * The names a certificate is valid for, for messages: its DNS and IP subject alternative names
   * and its subject, e.g. {@code DNS:redis-1.internal, IP:10.0.0.5 (subject CN=redis-1)}.
   */
  static String names(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          int type = (Integer) entry.get(0);
          if (type == 2) {
            names.add("DNS:" + entry.get(1));
          } else if (type == 7) {
            names.add("IP:" + entry.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      names.add("(unreadable subject alternative names: " + e.getMessage() + ")");
    }
    String subject = "subject " + certificate.getSubjectX500Principal().getName();
    return names.isEmpty() ? "no DNS or IP subject alternative name (" + subject + ")"
        : String.join(", ", names) + " (" + subject + ")";
  }
}
