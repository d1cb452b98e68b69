package io.vigil.driver.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.vigil.driver.Endpoint;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class TlsHandlersTest {

  private static SSLEngine engine(SslContext context, String host, boolean verify) {
    return TlsHandlers.newHandler(context, ByteBufAllocator.DEFAULT, Endpoint.of(host, 6380), verify).engine();
  }

  /** A user's context wrapped as it comes, the way sslContext(...) and Spring's SSL bundles hand it over. */
  private static SslContext userContext() throws Exception {
    return new JdkSslContext(SSLContext.getDefault(), true, ClientAuth.NONE);
  }

  @Test
  void userContextGetsHttpsIdentificationAndTheHostAsSni() throws Exception {
    SSLEngine engine = engine(userContext(), "redis-1.internal", true);

    SSLParameters parameters = engine.getSSLParameters();
    assertThat(parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(parameters.getServerNames()).containsExactly(new SNIHostName("redis-1.internal"));
    assertThat(engine.getPeerHost()).isEqualTo("redis-1.internal");
    assertThat(engine.getPeerPort()).isEqualTo(6380);
  }

  @Test
  void singleLabelNamesGoOutAsSniToo() throws Exception {
    // The JDK sends SNI on its own only for names with a dot.
    assertThat(engine(userContext(), "localhost", true).getSSLParameters().getServerNames())
        .containsExactly(new SNIHostName("localhost"));
  }

  @Test
  void ipLiteralsAreVerifiedButNotSentAsSni() throws Exception {
    for (String ip : new String[] {"10.0.0.5", "::1"}) {
      SSLParameters parameters = engine(userContext(), ip, true).getSSLParameters();
      assertThat(parameters.getEndpointIdentificationAlgorithm()).as(ip).isEqualTo("HTTPS");
      assertThat(parameters.getServerNames()).as(ip).isNullOrEmpty();
    }
  }

  @Test
  void optOutDropsIdentificationEvenFromAContextThatHadIt() throws Exception {
    SslContext context = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
    SSLParameters parameters = engine(context, "redis-1.internal", false).getSSLParameters();

    assertThat(parameters.getEndpointIdentificationAlgorithm()).isNullOrEmpty();
    assertThat(parameters.getServerNames()).containsExactly(new SNIHostName("redis-1.internal"));
  }

  @Test
  void namesSniCannotCarryAreStillVerified() throws Exception {
    SSLParameters parameters = engine(userContext(), "redis_1", true).getSSLParameters();

    assertThat(parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(parameters.getServerNames()).isNullOrEmpty();
  }

  @Test
  void aTrailingDotIsLeftOutOfSni() {
    assertThat(TlsHandlers.serverName("redis.example.com.")).isEqualTo(new SNIHostName("redis.example.com"));
  }
}
