package io.pipelinetasks.emulator;

import io.pipelinetasks.emulator.internal.Pki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A self-signed RSA certificate with its private key, for certificate credentials: register {@link
 * #certificate()} on an {@link AppRegistration} and give {@link #pem()} or {@link #pkcs12(char[])}
 * to the client. RSA because MSAL4J accepts only RSA keys in PKCS#8 PEM files.
 *
 * @param certificate the certificate
 * @param privateKey its RSA private key; never printed by {@link #toString()}
 */
public record ClientCertificate(X509Certificate certificate, PrivateKey privateKey) {
  /** Checks the fields. */
  public ClientCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /** Generates a fresh RSA 2048 key and a certificate valid from an hour ago for a year. */
  public static ClientCertificate generate(String commonName) {
    Instant now = Instant.now();
    return generate(commonName, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
  }

  /** Generates a fresh RSA 2048 key and a certificate with the given validity. */
  public static ClientCertificate generate(String commonName, Instant notBefore, Instant notAfter) {
    KeyPair keys = Pki.rsaKeyPair();
    return new ClientCertificate(
        Pki.selfSignedRsa(keys, commonName, notBefore, notAfter), keys.getPrivate());
  }

  /**
   * The certificate followed by the PKCS#8 private key, as an Azure DevOps service connection
   * stores it in {@code servicePrincipalCertificate}.
   */
  public String pem() {
    try {
      return Pki.pem("CERTIFICATE", certificate.getEncoded())
          + Pki.pem("PRIVATE KEY", privateKey.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key and certificate as a PKCS#12 (PFX) file image. */
  public byte[] pkcs12(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", privateKey, password, new Certificate[] {certificate});
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot write a PKCS#12 file", e);
    }
  }

  /** Writes {@link #pem()} to {@code file}. */
  public Path writePem(Path file) {
    try {
      return Files.writeString(file, pem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@link #pkcs12(char[])} to {@code file}. */
  public Path writePkcs12(Path file, char[] password) {
    try {
      return Files.write(file, pkcs12(password));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-1 thumbprint in upper-case hex, as the Azure portal shows it. */
  public String thumbprint() {
    return HexFormat.of().withUpperCase().formatHex(Pki.thumbprint(certificate, "SHA-1"));
  }

  @Override
  public String toString() {
    return "ClientCertificate[subject="
        + certificate.getSubjectX500Principal().getName()
        + ", thumbprint="
        + thumbprint()
        + ", privateKey=***]";
  }
}
