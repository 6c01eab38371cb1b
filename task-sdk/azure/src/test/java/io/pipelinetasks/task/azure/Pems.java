package io.pipelinetasks.task.azure;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites a PEM's PKCS#8 RSA key as PKCS#1, the form many exported connections hold. */
final class Pems {
  private Pems() {}

  static String toPkcs1(String pem) {
    Matcher key =
        Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL)
            .matcher(pem);
    if (!key.find()) {
      throw new IllegalArgumentException("no PKCS#8 key");
    }
    byte[] pkcs8 = Base64.getMimeDecoder().decode(key.group(1).trim());
    // PrivateKeyInfo: SEQUENCE { INTEGER, SEQUENCE algorithm, OCTET STRING pkcs1 }
    int[] at = {0};
    header(pkcs8, at);
    skip(pkcs8, at);
    skip(pkcs8, at);
    int length = header(pkcs8, at);
    byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1);
    return pem.substring(0, key.start())
        + "-----BEGIN RSA PRIVATE KEY-----\n"
        + body
        + "\n-----END RSA PRIVATE KEY-----"
        + pem.substring(key.end());
  }

  private static int header(byte[] der, int[] at) {
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

  private static void skip(byte[] der, int[] at) {
    int length = header(der, at);
    at[0] += length;
  }
}
