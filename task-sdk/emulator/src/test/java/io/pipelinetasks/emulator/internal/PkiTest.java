package io.pipelinetasks.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PkiTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void theCaIsACriticalCertificateAuthorityThatSignsTheServerCertificate() throws Exception {
    Pki.Issued ca = Pki.certificateAuthority("test CA", NOW);
    Pki.Issued leaf =
        Pki.serverCertificate(
            ca, List.of("localhost", "*.vault.azure.net"), List.of("127.0.0.1", "::1"), NOW);

    X509Certificate caCert = ca.certificate();
    assertThat(caCert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(caCert.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    assertThat(caCert.getKeyUsage()[5]).as("keyCertSign").isTrue();
    caCert.verify(caCert.getPublicKey());

    X509Certificate server = leaf.certificate();
    server.verify(caCert.getPublicKey());
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getIssuerX500Principal()).isEqualTo(caCert.getSubjectX500Principal());
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(server.getExtensionValue("2.5.29.35")).as("authority key id").isNotNull();
    assertThat(server.getExtensionValue("2.5.29.14")).as("subject key id").isNotNull();
    List<String> names = new ArrayList<>();
    server.getSubjectAlternativeNames().forEach(n -> names.add(n.get(1).toString()));
    assertThat(names)
        .containsExactly("localhost", "*.vault.azure.net", "127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(server.getNotBefore().toInstant()).isBefore(NOW);
    assertThat(server.getNotAfter().toInstant()).isAfter(NOW.plusSeconds(300L * 24 * 3600));
    assertThat(server.getSerialNumber().signum()).isEqualTo(1);
  }

  @Test
  void pemHasOpenSslsArmourAndLineLength() {
    Pki.Issued ca = Pki.certificateAuthority("test CA", NOW);
    String pem = Pki.pem("CERTIFICATE", ca.certificate().getPublicKey().getEncoded());

    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")))
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(64));
  }

  @Test
  void derEncodesLengthsAndObjectIdentifiers() {
    assertThat(Der.oid("1.2.840.113549.1.1.11"))
        .containsExactly(0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B);
    byte[] longContent = new byte[300];
    byte[] encoded = Der.octetString(longContent);
    assertThat(encoded[0]).isEqualTo((byte) 0x04);
    assertThat(encoded[1]).isEqualTo((byte) 0x82);
    assertThat(((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF)).isEqualTo(300);
    assertThat(Der.time(Instant.parse("2049-12-31T23:59:59Z"))[0]).isEqualTo((byte) 0x17);
    assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z"))[0]).isEqualTo((byte) 0x18);
  }
}
