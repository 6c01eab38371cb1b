package io.pipelinetasks.task.azure.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the PEM of a certificate service connection (certificate plus private key, in either order)
 * into an in-memory PKCS#12 archive that Azure Identity accepts.
 *
 * <p>Azure Identity's PEM reader takes only PKCS#8 RSA keys: a PKCS#1 key ({@code BEGIN RSA PRIVATE
 * KEY}) fails with "not a valid PEM file" and an EC key with "Version must be 0". Keys are
 * therefore parsed here, PKCS#1 and SEC1 wrapped into PKCS#8, and handed over as PKCS#12, which
 * never touches the disk.
 */
public final class CertificatePem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final byte[] RSA_OID = {
    0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01
  };
  private static final byte[] EC_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private CertificatePem() {}

  /** What went wrong reading the PEM; the message never contains key material. */
  public static final class InvalidPemException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidPemException(String message) {
      super(message);
    }
  }

  /**
   * Reads the PEM and writes an unprotected-by-default PKCS#12 archive (empty password).
   *
   * @param pem the PEM text
   * @return the archive bytes
   * @throws InvalidPemException when the PEM has no certificate, no key, an encrypted key, or
   *     unreadable blocks
   */
  public static byte[] toPkcs12(String pem) throws InvalidPemException {
    List<Certificate> chain = new ArrayList<>();
    PrivateKey key = null;
    Matcher matcher = BLOCK.matcher(pem);
    while (matcher.find()) {
      String type = matcher.group(1);
      byte[] der = decode(matcher.group(2), type);
      switch (type) {
        case "CERTIFICATE" -> chain.add(certificate(der));
        case "PRIVATE KEY" -> key = pkcs8(der);
        case "RSA PRIVATE KEY" -> key = pkcs8(wrap(RSA_OID, new byte[] {0x05, 0x00}, der));
        case "EC PRIVATE KEY" -> key = pkcs8(wrap(EC_OID, curveOf(der), der));
        case "ENCRYPTED PRIVATE KEY" ->
            throw new InvalidPemException(
                "the private key is encrypted; export the certificate's PEM without a password");
        default -> {
          // Other blocks (parameters, bags) carry nothing Azure Identity needs.
        }
      }
    }
    if (chain.isEmpty()) {
      throw new InvalidPemException("it holds no CERTIFICATE block");
    }
    if (key == null) {
      throw new InvalidPemException(
          "it holds no private key block (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("connection", key, new char[0], chain.toArray(new Certificate[0]));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, new char[0]);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException failed) {
      throw new InvalidPemException(
          "the key does not belong with the certificate or cannot be stored ("
              + failed.getClass().getSimpleName()
              + ")");
    }
  }

  private static byte[] decode(String body, String type) throws InvalidPemException {
    try {
      return Base64.getMimeDecoder()
          .decode(
              body.replaceAll("(?m)^[A-Za-z-]+:.*$", "")
                  .trim()
                  .getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException bad) {
      throw new InvalidPemException("its " + type + " block is not valid base64");
    }
  }

  private static Certificate certificate(byte[] der) throws InvalidPemException {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException bad) {
      throw new InvalidPemException("its CERTIFICATE block is not an X.509 certificate");
    }
  }

  private static PrivateKey pkcs8(byte[] der) throws InvalidPemException {
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisAlgorithm) {
        // Try the next one.
      }
    }
    throw new InvalidPemException("its private key is neither an RSA nor an EC key");
  }

  /**
   * PKCS#8 PrivateKeyInfo: SEQUENCE { 0, AlgorithmIdentifier { oid, parameters }, OCTET STRING key
   * }.
   */
  private static byte[] wrap(byte[] algorithmOid, byte[] parameters, byte[] key) {
    byte[] algorithm = sequence(concat(algorithmOid, parameters));
    byte[] version = {0x02, 0x01, 0x00};
    return sequence(concat(version, algorithm, tlv(0x04, key)));
  }

  /** The named-curve OID in a SEC1 ECPrivateKey's {@code [0]} parameters. */
  private static byte[] curveOf(byte[] sec1) throws InvalidPemException {
    // SEQUENCE { INTEGER 1, OCTET STRING key, [0] { OID curve }, [1] public key }
    int[] at = {0};
    readHeader(sec1, at, 0x30);
    skip(sec1, at); // version
    skip(sec1, at); // private key
    while (at[0] < sec1.length) {
      int tag = sec1[at[0]] & 0xff;
      if (tag == 0xa0) {
        int length = readHeader(sec1, at, 0xa0);
        byte[] oid = new byte[length];
        System.arraycopy(sec1, at[0], oid, 0, length);
        return oid;
      }
      skip(sec1, at);
    }
    throw new InvalidPemException("its EC key does not name its curve");
  }

  private static int readHeader(byte[] der, int[] at, int expectedTag) throws InvalidPemException {
    if (at[0] >= der.length || (der[at[0]] & 0xff) != expectedTag) {
      throw new InvalidPemException("its EC key is not a valid SEC1 structure");
    }
    at[0]++;
    int length = der[at[0]++] & 0xff;
    if (length > 0x80) {
      int bytes = length - 0x80;
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = (length << 8) | (der[at[0]++] & 0xff);
      }
    }
    return length;
  }

  private static void skip(byte[] der, int[] at) throws InvalidPemException {
    int tag = der[at[0]] & 0xff;
    int length = readHeader(der, at, tag);
    at[0] += length;
  }

  private static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    out.write(content, 0, content.length);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part, 0, part.length);
    }
    return out.toByteArray();
  }
}
