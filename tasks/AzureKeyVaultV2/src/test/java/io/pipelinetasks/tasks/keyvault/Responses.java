package io.pipelinetasks.tasks.keyvault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Key Vault error responses as the SDK throws them, without a network. */
final class Responses {
  private Responses() {}

  static HttpResponseException error(int status, String code, String innerCode, String... headers) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", "Message for " + code + ".\r\nSecond line.");
    if (innerCode != null) {
      error.put("innererror", Map.of("code", innerCode));
    }
    return new HttpResponseException(
        "Status code " + status, new Fake(status, headers), Map.of("error", error));
  }

  private static final class Fake extends HttpResponse {
    private final int status;
    private final HttpHeaders headers = new HttpHeaders();

    Fake(int status, String... headers) {
      super(new HttpRequest(HttpMethod.GET, "https://test-kv.vault.azure.net/secrets/x"));
      this.status = status;
      for (int i = 0; i + 1 < headers.length; i += 2) {
        this.headers.set(HttpHeaderName.fromString(headers[i]), headers[i + 1]);
      }
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.empty();
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.empty();
    }

    @Override
    public Mono<String> getBodyAsString() {
      return Mono.empty();
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return Mono.empty();
    }
  }
}
