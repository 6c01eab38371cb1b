package io.pipelinetasks.tasks.keyvault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import io.pipelinetasks.task.azure.AuthenticationException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * A failed call to the vault, classified once so that retrying, reporting and aborting agree.
 *
 * <p>Messages come from Key Vault's error bodies or from exception types, never from a request or a
 * value, so they hold no secret.
 *
 * @param kind what failed
 * @param status the HTTP status, or 0 when there was no response
 * @param code Key Vault's error code, such as {@code Forbidden}, or empty
 * @param innerCode Key Vault's inner error code, such as {@code ForbiddenByRbac}, or empty
 * @param message the service's message on one line, or a description of the network failure
 * @param retryAfter how long the service asked us to wait, when it did
 * @param cause the exception, kept for debug output
 */
record VaultFailure(
    Kind kind,
    int status,
    String code,
    String innerCode,
    String message,
    Optional<Duration> retryAfter,
    Throwable cause) {

  /** What failed. */
  enum Kind {
    /** The vault answered with an error status. */
    HTTP,
    /** The connection failed, was reset or timed out: worth another try. */
    NETWORK,
    /** The vault's host name does not resolve: the vault does not exist (in this cloud). */
    HOST_NOT_FOUND,
    /** The TLS handshake failed on the certificate: not something a retry fixes. */
    TLS,
    /** The service connection could not get a token. */
    AUTHENTICATION,
    /** Anything else. */
    OTHER
  }

  VaultFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(innerCode, "innerCode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** Classifies an exception thrown by the Key Vault SDK or its HTTP client. */
  static VaultFailure of(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof AuthenticationException) {
        return simple(Kind.AUTHENTICATION, c.getMessage(), failure);
      }
    }
    HttpResponseException http = find(failure, HttpResponseException.class);
    if (http != null && http.getResponse() != null) {
      return fromResponse(http);
    }
    if (find(failure, UnresolvedAddressException.class) != null
        || find(failure, UnknownHostException.class) != null) {
      return simple(Kind.HOST_NOT_FOUND, "the host name does not resolve", failure);
    }
    SSLHandshakeException tls = find(failure, SSLHandshakeException.class);
    if (tls != null && find(failure, CertificateException.class) != null) {
      return simple(Kind.TLS, "TLS handshake failed: " + oneLine(tls.getMessage()), failure);
    }
    IOException io = find(failure, IOException.class);
    if (io != null) {
      String text = io.getMessage() == null ? "" : ": " + oneLine(io.getMessage());
      return simple(Kind.NETWORK, io.getClass().getSimpleName() + text, failure);
    }
    return simple(
        Kind.OTHER,
        failure.getClass().getSimpleName()
            + (failure.getMessage() == null ? "" : ": " + oneLine(failure.getMessage())),
        failure);
  }

  private static VaultFailure simple(Kind kind, String message, Throwable cause) {
    return new VaultFailure(
        kind, 0, "", "", message == null ? "" : message, Optional.empty(), cause);
  }

  private static VaultFailure fromResponse(HttpResponseException http) {
    int status = http.getResponse().getStatusCode();
    String code = "";
    String inner = "";
    String message = "";
    // The SDK hands the error body over as a parsed map: {"error":{"code","message","innererror"}}.
    if (http.getValue() instanceof Map<?, ?> body && body.get("error") instanceof Map<?, ?> error) {
      code = text(error.get("code"));
      message = oneLine(text(error.get("message")));
      if (error.get("innererror") instanceof Map<?, ?> innerError) {
        inner = text(innerError.get("code"));
      }
    }
    if (message.isEmpty()) {
      message = "HTTP " + status;
    }
    return new VaultFailure(
        Kind.HTTP, status, code, inner, message, retryAfter(http.getResponse().getHeaders()), http);
  }

  /** Whether another attempt may succeed: throttling, server errors, timeouts and resets. */
  boolean retryable() {
    return switch (kind) {
      case NETWORK -> true;
      case HTTP ->
          status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
      default -> false;
    };
  }

  /**
   * Whether the failure concerns the whole vault rather than one secret, so nothing else is worth
   * trying: no token, no such vault, a refused token, a certificate problem or the vault's
   * firewall.
   */
  boolean fatal() {
    return switch (kind) {
      case AUTHENTICATION, HOST_NOT_FOUND, TLS -> true;
      case HTTP -> status == 401 || firewall();
      default -> false;
    };
  }

  boolean firewall() {
    return kind == Kind.HTTP && status == 403 && innerCode.equalsIgnoreCase("ForbiddenByFirewall");
  }

  boolean forbidden() {
    return kind == Kind.HTTP && status == 403;
  }

  /** Key Vault refuses to return the value of a disabled secret with this error. */
  boolean secretDisabled() {
    return forbidden() && innerCode.equalsIgnoreCase("SecretDisabled");
  }

  /** {@code 403 Forbidden/ForbiddenByRbac}, or the network failure's kind. */
  String statusText() {
    if (kind != Kind.HTTP) {
      return "";
    }
    StringBuilder text = new StringBuilder().append(status);
    if (!code.isEmpty()) {
      text.append(' ').append(code);
    }
    if (!innerCode.isEmpty()) {
      text.append('/').append(innerCode);
    }
    return text.toString();
  }

  /**
   * The wait the service asked for: {@code retry-after-ms}, {@code x-ms-retry-after-ms}, or {@code
   * Retry-After} in seconds or as an HTTP date.
   */
  static Optional<Duration> retryAfter(HttpHeaders headers) {
    if (headers == null) {
      return Optional.empty();
    }
    for (String name : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
      String value = headers.getValue(HttpHeaderName.fromString(name));
      if (value != null) {
        try {
          long millis = Long.parseLong(value.trim());
          if (millis >= 0) {
            return Optional.of(Duration.ofMillis(millis));
          }
        } catch (NumberFormatException ignored) {
          // fall through to the next header
        }
      }
    }
    String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        OffsetDateTime at =
            OffsetDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(OffsetDateTime.now(at.getOffset()), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** Key Vault's RBAC messages span several CRLF-separated lines; an issue line needs one. */
  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  @Override
  public String toString() {
    return kind + (kind == Kind.HTTP ? " " + statusText() : "") + ": " + message;
  }
}
