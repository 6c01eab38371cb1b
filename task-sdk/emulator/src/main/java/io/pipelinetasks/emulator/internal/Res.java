package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A response to send: status, headers and a body held in memory or in a file. */
final class Res {
  final int status;
  final List<Map.Entry<String, String>> headers = new ArrayList<>();
  final byte[] body;
  final Path file;

  private Res(int status, byte[] body, Path file) {
    this.status = status;
    this.body = body;
    this.file = file;
  }

  static Res json(int status, JsonNode node) {
    return new Res(status, Json.bytes(node), null)
        .header("Content-Type", "application/json; charset=utf-8");
  }

  static Res text(int status, String contentType, String text) {
    return new Res(status, text.getBytes(StandardCharsets.UTF_8), null)
        .header("Content-Type", contentType);
  }

  static Res empty(int status) {
    return new Res(status, new byte[0], null);
  }

  static Res file(int status, String contentType, Path file) {
    return new Res(status, null, file).header("Content-Type", contentType);
  }

  /** ARM's error body: {@code {"error":{"code":…,"message":…}}}. */
  static Res armError(int status, String code, String message) {
    ObjectNode error = Json.object();
    error.putObject("error").put("code", code).put("message", message);
    return json(status, error);
  }

  Res header(String name, String value) {
    headers.add(Map.entry(name, value));
    return this;
  }
}
