package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Entra's error answer: {@code error}, an {@code error_description} that starts with {@code
 * AADSTSnnnn:} and ends with trace id, correlation id and timestamp, {@code error_codes}, {@code
 * timestamp}, {@code trace_id}, {@code correlation_id} and {@code error_uri}.
 */
final class EntraError {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private EntraError() {}

  static ApiException of(
      Req req, int status, String error, int code, String message, String errorOrigin) {
    String trace = UUID.randomUUID().toString();
    String clientRequestId = req.header("client-request-id");
    String correlation = clientRequestId != null ? clientRequestId : UUID.randomUUID().toString();
    String timestamp = TIMESTAMP.format(Instant.now());
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put(
        "error_description",
        "AADSTS"
            + code
            + ": "
            + message
            + " Trace ID: "
            + trace
            + " Correlation ID: "
            + correlation
            + " Timestamp: "
            + timestamp);
    body.putArray("error_codes").add(code);
    body.put("timestamp", timestamp);
    body.put("trace_id", trace);
    body.put("correlation_id", correlation);
    body.put("error_uri", errorOrigin + "/error?code=" + code);
    Res res = Res.json(status, body).header("x-ms-request-id", trace);
    if (clientRequestId != null) {
      res.header("client-request-id", clientRequestId);
    }
    return new ApiException(res);
  }
}
