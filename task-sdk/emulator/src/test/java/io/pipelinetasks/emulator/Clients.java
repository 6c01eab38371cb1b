package io.pipelinetasks.emulator;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.stream.Collectors;

/** Small helpers the tests share: clients that trust the emulator, JSON and JWT decoding. */
final class Clients {
  static final ObjectMapper JSON = new ObjectMapper();

  private Clients() {}

  /** The path the failsafe JVM resolves host names from (see the module pom). */
  static Path hostsFile() {
    String file = System.getProperty("jdk.net.hosts.file");
    if (file == null) {
      throw new IllegalStateException("Run with -Djdk.net.hosts.file (failsafe sets it)");
    }
    return Path.of(file);
  }

  /** An azure-core HTTP client on the JDK client, trusting only the emulator's CA. */
  static HttpClient azure(AzureEmulator emulator) {
    return new JdkHttpClientBuilder(
            java.net.http.HttpClient.newBuilder().sslContext(emulator.sslContext()))
        .build();
  }

  /** A plain JDK client trusting only the emulator's CA. */
  static java.net.http.HttpClient jdk(AzureEmulator emulator) {
    return java.net.http.HttpClient.newBuilder().sslContext(emulator.sslContext()).build();
  }

  static HttpResponse<String> send(java.net.http.HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(AzureEmulator emulator, URI uri, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(jdk(emulator), request.build());
  }

  static HttpResponse<String> postForm(
      AzureEmulator emulator, URI uri, Map<String, String> form, String... headers) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(jdk(emulator), request.build());
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JWTClaimsSet claims(String jwt) {
    try {
      return SignedJWT.parse(jwt).getJWTClaimsSet();
    } catch (ParseException e) {
      throw new IllegalArgumentException("Not a JWT", e);
    }
  }

  /** A client-secret request to the emulator's v2 token endpoint, whatever it answers. */
  static HttpResponse<String> secretLogin(
      AzureEmulator emulator, String tenant, String clientId, String secret, String scope) {
    return postForm(
        emulator,
        emulator.baseUrl().resolve(tenant + "/oauth2/v2.0/token"),
        Map.of(
            "grant_type", "client_credentials",
            "client_id", clientId,
            "client_secret", secret,
            "scope", scope));
  }

  /** A token from the emulator's v2 endpoint with a client secret. */
  static String secretToken(
      AzureEmulator emulator, String tenant, String clientId, String secret, String scope) {
    HttpResponse<String> response = secretLogin(emulator, tenant, clientId, secret, scope);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Token request failed: " + response.body());
    }
    return json(response.body()).get("access_token").asText();
  }
}
