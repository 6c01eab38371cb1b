package io.pipelinetasks.emulator.internal;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Makes the certificates the emulator needs, in-process: an EC P-256 CA and TLS leaf (EC keys and
 * signatures take a few milliseconds, RSA key generation takes 100-200 ms), and self-signed RSA
 * client certificates, which is the only kind MSAL4J accepts from a PEM file.
 *
 * <p>The extensions follow what strict verifiers (OpenSSL with {@code X509_V_FLAG_X509_STRICT}, as
 * Python 3.13 enables by default) require: a critical basicConstraints and keyUsage on the CA, and
 * subject and authority key identifiers on both.
 */
public final class Pki {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String EC_SHA256 = "1.2.840.10045.4.3.2";
  private static final String RSA_SHA256 = "1.2.840.113549.1.1.11";

  private Pki() {}

  /** A certificate with its private key. */
  public record Issued(X509Certificate certificate, PrivateKey privateKey) {}

  /** Generates an EC P-256 key pair. */
  public static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot generate EC P-256 keys", e);
    }
  }

  /** Generates an RSA 2048 key pair. */
  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot generate RSA keys", e);
    }
  }

  /** A self-signed EC certificate authority valid from an hour ago for a year. */
  public static Issued certificateAuthority(String commonName, Instant now) {
    KeyPair keys = ecKeyPair();
    byte[] name = name(commonName);
    byte[] keyId = keyIdentifier(keys.getPublic());
    List<byte[]> extensions = new ArrayList<>();
    extensions.add(extension("2.5.29.19", true, Der.sequence(Der.bool(true))));
    // digitalSignature, keyCertSign, cRLSign: 1000 0110, the last bit used is bit 6.
    extensions.add(extension("2.5.29.15", true, Der.bitString(new byte[] {(byte) 0x86}, 1)));
    extensions.add(extension("2.5.29.14", false, Der.octetString(keyId)));
    X509Certificate certificate =
        sign(
            name,
            name,
            keys.getPublic(),
            keys.getPrivate(),
            EC_SHA256,
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(365)),
            extensions);
    return new Issued(certificate, keys.getPrivate());
  }

  /** A TLS server certificate signed by {@code ca} for the given DNS names and IP addresses. */
  public static Issued serverCertificate(
      Issued ca, List<String> dnsNames, List<String> ipAddresses, Instant now) {
    KeyPair keys = ecKeyPair();
    List<byte[]> names = new ArrayList<>();
    for (String dns : dnsNames) {
      names.add(Der.implicitPrimitive(2, dns.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
    for (String ip : ipAddresses) {
      try {
        names.add(Der.implicitPrimitive(7, InetAddress.getByName(ip).getAddress()));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("Not an IP address literal: " + ip, e);
      }
    }
    List<byte[]> extensions = new ArrayList<>();
    extensions.add(extension("2.5.29.19", true, Der.sequence()));
    // digitalSignature only: an EC key signs the handshake and never encrypts a key.
    extensions.add(extension("2.5.29.15", true, Der.bitString(new byte[] {(byte) 0x80}, 7)));
    extensions.add(extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))));
    extensions.add(extension("2.5.29.17", false, Der.sequence(names.toArray(byte[][]::new))));
    extensions.add(extension("2.5.29.14", false, Der.octetString(keyIdentifier(keys.getPublic()))));
    extensions.add(authorityKeyIdentifier(ca.certificate().getPublicKey()));
    X509Certificate certificate =
        sign(
            name(dnsNames.isEmpty() ? "localhost" : dnsNames.get(0)),
            ca.certificate().getSubjectX500Principal().getEncoded(),
            keys.getPublic(),
            ca.privateKey(),
            EC_SHA256,
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(365)),
            extensions);
    return new Issued(certificate, keys.getPrivate());
  }

  /**
   * A self-signed RSA certificate for client authentication, the kind an Entra app registration
   * holds as a certificate credential.
   */
  public static X509Certificate selfSignedRsa(
      KeyPair keys, String commonName, Instant notBefore, Instant notAfter) {
    byte[] name = name(commonName);
    List<byte[]> extensions = new ArrayList<>();
    extensions.add(extension("2.5.29.19", true, Der.sequence()));
    // digitalSignature and keyEncipherment: 1010 0000, the last bit used is bit 2.
    extensions.add(extension("2.5.29.15", true, Der.bitString(new byte[] {(byte) 0xA0}, 5)));
    extensions.add(extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.2"))));
    extensions.add(extension("2.5.29.14", false, Der.octetString(keyIdentifier(keys.getPublic()))));
    return sign(
        name,
        name,
        keys.getPublic(),
        keys.getPrivate(),
        RSA_SHA256,
        notBefore,
        notAfter,
        extensions);
  }

  /** PEM armour with 64-character lines, as OpenSSL writes it. */
  public static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** A digest of the DER-encoded certificate, as used by {@code x5t} and {@code x5t#S256}. */
  public static byte[] thumbprint(X509Certificate certificate, String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot compute a " + algorithm + " thumbprint", e);
    }
  }

  private static byte[] name(String commonName) {
    return Der.sequence(
        Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8String("pipelinetasks emulator"))),
        Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  private static byte[] authorityKeyIdentifier(PublicKey issuerKey) {
    return extension(
        "2.5.29.35", false, Der.sequence(Der.implicitPrimitive(0, keyIdentifier(issuerKey))));
  }

  /** RFC 7093 method: a hash of the whole SubjectPublicKeyInfo, truncated to 160 bits. */
  private static byte[] keyIdentifier(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return java.util.Arrays.copyOf(digest, 20);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(
      byte[] subject,
      byte[] issuer,
      PublicKey subjectKey,
      PrivateKey issuerKey,
      String signatureOid,
      Instant notBefore,
      Instant notAfter,
      List<byte[]> extensions) {
    byte[] algorithm =
        signatureOid.equals(RSA_SHA256)
            ? Der.sequence(Der.oid(signatureOid), Der.nullValue())
            : Der.sequence(Der.oid(signatureOid));
    byte[] serial = new byte[16];
    RANDOM.nextBytes(serial);
    serial[0] &= 0x7F; // a positive serial number
    serial[0] |= 0x01; // and never a leading zero byte
    byte[] tbs =
        Der.sequence(
            Der.explicit(0, Der.integer(2)),
            Der.integer(new BigInteger(serial)),
            algorithm,
            issuer,
            Der.sequence(Der.time(notBefore), Der.time(notAfter)),
            subject,
            subjectKey.getEncoded(),
            Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))));
    try {
      Signature signer =
          Signature.getInstance(
              signatureOid.equals(RSA_SHA256) ? "SHA256withRSA" : "SHA256withECDSA");
      signer.initSign(issuerKey);
      signer.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign(), 0));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a certificate", e);
    }
  }
}
