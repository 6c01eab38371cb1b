package io.pipelinetasks.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few ASN.1 DER encodings an X.509 v3 certificate needs. Written by hand because the JDK has no
 * public certificate builder, and running keytool at every start would cost a JVM start-up.
 */
final class Der {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private Der() {}

  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return tlv(0x30, concat(parts));
  }

  static byte[] set(byte[]... parts) {
    return tlv(0x31, concat(parts));
  }

  static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  static byte[] bool(boolean value) {
    return tlv(0x01, new byte[] {value ? (byte) 0xFF : 0});
  }

  static byte[] nullValue() {
    return new byte[] {0x05, 0x00};
  }

  static byte[] octetString(byte[] value) {
    return tlv(0x04, value);
  }

  static byte[] bitString(byte[] value, int unusedBits) {
    byte[] content = new byte[value.length + 1];
    content[0] = (byte) unusedBits;
    System.arraycopy(value, 0, content, 1, value.length);
    return tlv(0x03, content);
  }

  static byte[] utf8String(String value) {
    return tlv(0x0C, value.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
  static byte[] time(Instant instant) {
    if (instant.atOffset(ZoneOffset.UTC).getYear() < 2050) {
      return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }
    return tlv(0x18, GENERALIZED_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  /** A constructed, context-specific, explicit tag such as {@code [0]} or {@code [3]}. */
  static byte[] explicit(int number, byte[] content) {
    return tlv(0xA0 | number, content);
  }

  /** A primitive, context-specific, implicit tag such as a SAN {@code dNSName [2]}. */
  static byte[] implicitPrimitive(int number, byte[] content) {
    return tlv(0x80 | number, content);
  }

  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long value = Long.parseLong(parts[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        int septet = (int) ((value >>> (7 * g)) & 0x7F);
        out.write(g == 0 ? septet : septet | 0x80);
      }
    }
    return tlv(0x06, out.toByteArray());
  }
}
