package io.pipelinetasks.tasks.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinetasks.task.HttpSettings;
import io.pipelinetasks.task.TaskCommands;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A thin client for the Kudu (SCM) site of one app or slot: the calls the deployment needs and
 * nothing else, on the JDK HTTP client with the agent's proxy and certificate authorities. Every
 * request carries the {@code Authorization} header the supplier gives, which is either Basic with
 * the publishing credentials or a fresh Microsoft Entra ID token.
 *
 * <p>The Azure SDK's own Kudu calls are synchronous and build the SCM host from the default host
 * name; this client talks to the host ARM reports and streams request bodies of unknown length,
 * which a folder zipped on the fly needs.
 */
final class KuduClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(100);
  private static final int ERROR_TEXT_LIMIT = 2000;

  /**
   * An answer from Kudu.
   *
   * @param status the HTTP status
   * @param body the body as text
   * @param headers the response headers
   */
  record Response(int status, String body, java.net.http.HttpHeaders headers) {
    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    JsonNode json() throws IOException {
      return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    }

    /** The body for an error message: cut short, and with logging commands neutralised. */
    String errorText() {
      String text = body.strip();
      if (text.length() > ERROR_TEXT_LIMIT) {
        text = text.substring(0, ERROR_TEXT_LIMIT) + "...";
      }
      return TaskCommands.neutraliseCommands(text, Set.of());
    }
  }

  private final HttpClient http;
  private final URI base;
  private final Supplier<String> authorization;

  /**
   * A client for one SCM site.
   *
   * @param http the HTTP client
   * @param base {@code https://<scm host>/}
   * @param authorization gives the {@code Authorization} header value for each request
   */
  KuduClient(HttpClient http, URI base, Supplier<String> authorization) {
    this.http = Objects.requireNonNull(http, "http");
    this.base = Objects.requireNonNull(base, "base");
    this.authorization = Objects.requireNonNull(authorization, "authorization");
  }

  /**
   * A JDK HTTP client with the agent's TLS trust, client certificate and proxy (with its
   * credentials). HTTP/1.1, as Kudu's front end speaks it; redirects are not followed, so the
   * credentials never go to another host.
   */
  static HttpClient httpClient(HttpSettings settings) {
    return settings
        .httpClientBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * A URL on the SCM site: a path relative to the base, or an absolute URL Kudu returned, which
   * must point at the same host so the credentials stay there.
   */
  URI resolve(String pathOrUrl) {
    URI uri = base.resolve(pathOrUrl.startsWith("/") ? pathOrUrl.substring(1) : pathOrUrl);
    if (!uri.getHost().equalsIgnoreCase(base.getHost())) {
      throw new IllegalArgumentException(
          "Kudu returned a URL on another host (" + uri.getHost() + "); it is not followed.");
    }
    return uri;
  }

  Response get(URI uri, Duration timeout) throws IOException, InterruptedException {
    return send(request(uri, timeout).GET().build());
  }

  Response get(String path) throws IOException, InterruptedException {
    return get(resolve(path), CALL_TIMEOUT);
  }

  Response putJson(String path, String json) throws IOException, InterruptedException {
    return send(
        request(resolve(path), CALL_TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  Response putBytes(String path, byte[] body) throws IOException, InterruptedException {
    return send(
        request(resolve(path), CALL_TIMEOUT)
            .header("Content-Type", "application/octet-stream")
            .header("If-Match", "*")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /**
   * Posts a package. The timeout covers sending the body and the answer, so it is the time left
   * before the deployment's deadline.
   */
  Response upload(URI uri, BodyPublisher body, Duration timeout)
      throws IOException, InterruptedException {
    return send(
        request(uri, timeout)
            .header("Content-Type", "application/octet-stream")
            .POST(body)
            .build());
  }

  private HttpRequest.Builder request(URI uri, Duration timeout) {
    return HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Authorization", authorization.get())
        .header("Accept", "application/json")
        .header("User-Agent", "pipelinetasks-AzureWebApp/1");
  }

  private Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(response.statusCode(), response.body(), response.headers());
  }
}
