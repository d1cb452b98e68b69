package io.vigil.driver.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority and one node certificate it signed, made in memory when
 * first asked for and shared by the TLS tests of one JVM. Nothing is committed: the PEM files the
 * servers read live in a temporary directory, and the certificates expire within two days.
 *
 * <p>The node certificate names only {@code localhost} (a DNS subject alternative name), so a
 * client that connects to {@code 127.0.0.1} reaches the right server under a name the
 * certificate does not carry.
 */
final class TestCertificates {

  /** The one name in the node certificate. */
  static final String NODE_NAME = "localhost";

  private static TestCertificates instance;

  private final Path caPem;
  private final Path nodeCertPem;
  private final Path nodeKeyPem;
  private final X509Certificate ca;

  private TestCertificates(Path caPem, Path nodeCertPem, Path nodeKeyPem, X509Certificate ca) {
    this.caPem = caPem;
    this.nodeCertPem = nodeCertPem;
    this.nodeKeyPem = nodeKeyPem;
    this.ca = ca;
  }

  /** The certificates, made on the first call. */
  static synchronized TestCertificates get() {
    if (instance == null) {
      try {
        instance = make(Files.createTempDirectory("vigil-tls-"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException | OperatorCreationException e) {
        throw new IllegalStateException("cannot make the test certificates", e);
      }
    }
    return instance;
  }

  /**
   * The redis.conf directives that turn TLS on at {@code tlsPort} with the node certificate; the
   * plain port stays, and clients need no certificate of their own.
   */
  List<String> serverDirectives(int tlsPort) {
    return List.of("tls-port", Integer.toString(tlsPort), "tls-cert-file", nodeCertPem.toString(),
        "tls-key-file", nodeKeyPem.toString(), "tls-ca-cert-file", caPem.toString(), "tls-auth-clients", "no");
  }

  /** A client context that trusts the test CA and nothing else. */
  SSLContext trustingContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("vigil-test-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TestCertificates make(Path dir)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair caKeys = generator.generateKeyPair();
    KeyPair nodeKeys = generator.generateKeyPair();
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

    X500Name caName = new X500Name("CN=Vigil test CA");
    X509v3CertificateBuilder caBuilder = builder(caName, 1, caName, caKeys)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate ca = sign(caBuilder, caKeys);

    X509v3CertificateBuilder nodeBuilder = builder(caName, 2, new X500Name("CN=Vigil test node"), nodeKeys)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, NODE_NAME)))
        .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
    X509Certificate node = sign(nodeBuilder, caKeys);

    Path caPem = Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", ca.getEncoded()));
    Path certPem = Files.writeString(dir.resolve("node.pem"), pem("CERTIFICATE", node.getEncoded()));
    Path keyPem = Files.writeString(dir.resolve("node.key"), pem("PRIVATE KEY", nodeKeys.getPrivate().getEncoded()));
    return new TestCertificates(caPem, certPem, keyPem, ca);
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, long serial, X500Name subject, KeyPair subjectKeys)
      throws CertIOException, GeneralSecurityException {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
        subjectKeys.getPublic())
        .addExtension(Extension.subjectKeyIdentifier, false,
            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(subjectKeys.getPublic()));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
