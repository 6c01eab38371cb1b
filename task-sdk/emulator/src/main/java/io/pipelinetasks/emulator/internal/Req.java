package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A received request with its path, query and form decoded. */
final class Req {
  private static final int MAX_IN_MEMORY_BODY = 4 * 1024 * 1024;

  final HttpExchange exchange;
  final long sequence;
  final Instant time;
  final String method;
  final String hostHeader;
  final String host;
  final String path;
  final List<String> segments;
  final Map<String, List<String>> query;
  private Map<String, String> form;
  private byte[] body;

  Req(HttpExchange exchange, long sequence, String defaultHost) {
    this.exchange = exchange;
    this.sequence = sequence;
    this.time = Instant.now();
    this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String hostValue = exchange.getRequestHeaders().getFirst("Host");
    this.hostHeader = (hostValue == null ? defaultHost : hostValue).toLowerCase(Locale.ROOT);
    this.host = stripPort(hostHeader);
    URI uri = exchange.getRequestURI();
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    // "GET //metadata/endpoints" (which az sends) parses as a network-path reference whose
    // authority is "metadata"; put the path back together.
    if (uri.getScheme() == null && uri.getRawAuthority() != null) {
      rawPath = "//" + uri.getRawAuthority() + rawPath;
    }
    this.path = percentDecode(rawPath.isEmpty() ? "/" : rawPath);
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    this.segments = Collections.unmodifiableList(parts);
    this.query = parseQuery(uri.getRawQuery());
  }

  static String stripPort(String hostAndPort) {
    if (hostAndPort.startsWith("[")) {
      int end = hostAndPort.indexOf(']');
      return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
    }
    int colon = hostAndPort.lastIndexOf(':');
    return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
  }

  /** {@code https://} plus the Host header, for URLs that must point back at this host. */
  String origin() {
    return "https://" + hostHeader;
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** The first value of a query parameter; names are matched exactly, then ignoring case. */
  String query(String name) {
    List<String> values = query.get(name);
    if (values == null) {
      for (Map.Entry<String, List<String>> entry : query.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          values = entry.getValue();
          break;
        }
      }
    }
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  boolean queryFlag(String name) {
    return "true".equalsIgnoreCase(query(name));
  }

  boolean isForm() {
    String type = header("Content-Type");
    return type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  /** The form fields of a form body, in order; empty for other bodies. */
  Map<String, String> form() throws IOException {
    if (form == null) {
      form = new LinkedHashMap<>();
      if (isForm()) {
        String text = new String(bodyBytes(), StandardCharsets.UTF_8);
        for (Map.Entry<String, List<String>> entry : parseForm(text).entrySet()) {
          form.put(entry.getKey(), entry.getValue().get(0));
        }
      }
    }
    return form;
  }

  /** The streamed body, for uploads that go straight to disk. */
  InputStream bodyStream() {
    return exchange.getRequestBody();
  }

  /** The body in memory; bounded, because only small JSON and form bodies are read this way. */
  byte[] bodyBytes() throws IOException {
    if (body == null) {
      try (InputStream in = exchange.getRequestBody()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (out.size() + read > MAX_IN_MEMORY_BODY) {
            throw new ApiException(
                Res.armError(413, "RequestEntityTooLarge", "The request body is too large."));
          }
          out.write(buffer, 0, read);
        }
        body = out.toByteArray();
      }
    }
    return body;
  }

  JsonNode json() throws IOException {
    try {
      return Json.parse(bodyBytes());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ApiException(
          Res.armError(400, "InvalidRequestContent", "The request content is not valid JSON."));
    }
  }

  /** The bearer token of the Authorization header, or {@code null}. */
  String bearer() {
    String value = header("Authorization");
    if (value != null && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return value.substring(7).trim();
    }
    return null;
  }

  /** The user and password of a Basic Authorization header, or {@code null}. */
  String[] basic() {
    String value = header("Authorization");
    if (value == null || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? new String[] {decoded, ""}
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static Map<String, List<String>> parseQuery(String raw) {
    return parseForm(raw == null ? "" : raw);
  }

  static Map<String, List<String>> parseForm(String raw) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return result;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
      result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return result;
  }

  private static String formDecode(String value) {
    return percentDecode(value.replace('+', ' '));
  }

  /** Decodes %XX sequences as UTF-8, leaving '+' alone (paths do not encode spaces as '+'). */
  static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()) {
        int hi = Character.digit(value.charAt(i + 1), 16);
        int lo = Character.digit(value.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
