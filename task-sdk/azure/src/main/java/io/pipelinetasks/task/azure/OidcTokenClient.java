package io.pipelinetasks.task.azure;

import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.SystemInfo;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gets OIDC idTokens from Azure DevOps for a service connection, the Java counterpart of the Node
 * {@code getFederatedToken} helper that the Azure DevOps announcement of workload identity
 * federation asks custom task authors to use.
 *
 * <pre>{@code
 * Secret idToken = OidcTokenClient.of(context).idToken(connectionId);
 * }</pre>
 *
 * <p>Sources, in order: the late-bound {@code idToken} authorization parameter while it is still
 * valid; then {@code System.OidcRequestUri}; then the plan and job {@code oidctoken} URL built from
 * the system variables. The request authenticates with the job access token. Timeouts, connection
 * failures, 429 and 5xx answers are retried with backoff, honouring {@code Retry-After}; the
 * official AzureCLI task fails on the first transient error (microsoft/azure-pipelines-tasks#21118,
 * #19758). Every token is registered as a secret before it is returned, and only its issuer,
 * subject, audience and expiry are logged, in debug lines.
 *
 * <p>Each call asks for a new token: an idToken lives about ten minutes, so a credential that calls
 * this for every exchange with Entra ID keeps working in jobs of any length.
 */
public final class OidcTokenClient {
  private static final Duration LATE_BOUND_MARGIN = Duration.ofSeconds(60);
  private static final List<Duration> RETRY_DELAYS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(4),
          Duration.ofSeconds(8));

  private final TaskContext context;
  private final HttpClient http;
  private final List<Duration> retryDelays;
  private final Clock clock;

  OidcTokenClient(TaskContext context, HttpClient http, List<Duration> retryDelays, Clock clock) {
    this.context = context;
    this.http = http;
    this.retryDelays = List.copyOf(retryDelays);
    this.clock = clock;
  }

  /**
   * A client using the agent's proxy and certificate settings.
   *
   * @param context the task context
   */
  public static OidcTokenClient of(TaskContext context) {
    return new OidcTokenClient(
        context, context.http().httpClientBuilder().build(), RETRY_DELAYS, Clock.systemUTC());
  }

  /**
   * An idToken for a service connection.
   *
   * @param serviceConnectionId the endpoint id of the connection
   * @return the token, already registered as a secret
   * @throws AuthenticationException when there is no access token, no way to build the request URL,
   *     or Azure DevOps refuses or keeps failing the request
   */
  public Secret idToken(String serviceConnectionId) {
    Optional<Secret> lateBound =
        context
            .environment()
            .endpoint(serviceConnectionId)
            .flatMap(e -> e.authParameter("idToken"))
            .filter(t -> !t.isEmpty());
    if (lateBound.isPresent()) {
      Optional<IdTokenClaims> claims = IdTokenClaims.of(lateBound.get());
      if (claims.isPresent() && claims.get().validAt(clock.instant(), LATE_BOUND_MARGIN)) {
        context.setSecret(lateBound.get().reveal());
        debugClaims(serviceConnectionId, "the late-bound idToken parameter", claims);
        return lateBound.get();
      }
    }
    URI uri = requestUri(serviceConnectionId);
    Secret token = request(serviceConnectionId, uri, accessToken(serviceConnectionId));
    context.setSecret(token.reveal());
    debugClaims(serviceConnectionId, uri.getPath(), IdTokenClaims.of(token));
    return token;
  }

  private Secret accessToken(String connection) {
    return context
        .accessToken()
        .orElseThrow(
            () ->
                new AuthenticationException(
                    "AccessTokenMissing",
                    connection,
                    Optional.empty(),
                    "Service connection "
                        + connection
                        + " uses workload identity federation, which needs the job access token"
                        + " to ask Azure DevOps for an idToken, and the agent did not pass it. In a"
                        + " classic pipeline, enable 'Allow scripts to access the OAuth token' on the"
                        + " agent job; when running the task by hand, pass the token as the secret"
                        + " variable System.AccessToken."));
  }

  private URI requestUri(String connection) {
    String id = URLEncoder.encode(connection, StandardCharsets.UTF_8);
    SystemInfo system = context.system();
    if (system.oidcRequestUri().isPresent()) {
      String base = system.oidcRequestUri().get();
      return URI.create(
          base + (base.contains("?") ? "&" : "?") + "api-version=7.1&serviceConnectionId=" + id);
    }
    List<String> missing = new ArrayList<>();
    if (system.collectionUri().isEmpty()) {
      missing.add("System.CollectionUri");
    }
    if (system.teamProjectId().isEmpty()) {
      missing.add("System.TeamProjectId");
    }
    if (system.planId().isEmpty()) {
      missing.add("System.PlanId");
    }
    if (system.jobId().isEmpty()) {
      missing.add("System.JobId");
    }
    if (!missing.isEmpty()) {
      throw new AuthenticationException(
          "OidcRequestUriMissing",
          connection,
          Optional.empty(),
          "Cannot ask Azure DevOps for an idToken for service connection "
              + connection
              + ": System.OidcRequestUri is not set and neither are "
              + String.join(", ", missing)
              + ". The agent sets these in every job; when running the task by hand, set"
              + " System.OidcRequestUri.");
    }
    return URI.create(
        system.collectionUri().get()
            + system.teamProjectId().get()
            + "/_apis/distributedtask/hubs/"
            + system.hostType().orElse("build")
            + "/plans/"
            + system.planId().get()
            + "/jobs/"
            + system.jobId().get()
            + "/oidctoken?serviceConnectionId="
            + id
            + "&api-version=7.1-preview.1");
  }

  private Secret request(String connection, URI uri, Secret accessToken) {
    String token = accessToken.reveal();
    // azure-devops-node-api treats a 52-character token as a personal access token.
    String authorization =
        token.length() == 52
            ? "Basic "
                + Base64.getEncoder()
                    .encodeToString(("PAT:" + token).getBytes(StandardCharsets.UTF_8))
            : "Bearer " + token;
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    String lastFailure = "";
    for (int attempt = 0; ; attempt++) {
      Duration retryAfter = null;
      try {
        HttpResponse<String> response =
            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 200) {
          return parse(connection, response.body());
        }
        lastFailure = "HTTP " + status + describe(response.body());
        if (status != 429 && status < 500) {
          throw refused(connection, status, lastFailure);
        }
        retryAfter = retryAfter(response);
      } catch (HttpTimeoutException timeout) {
        lastFailure = "the request timed out";
      } catch (IOException failed) {
        lastFailure = "the connection failed (" + failed.getClass().getSimpleName() + ")";
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AuthenticationException(
            "Interrupted", connection, Optional.empty(), "The task was cancelled.");
      }
      if (attempt >= retryDelays.size()) {
        throw new AuthenticationException(
            "OidcTokenRequestFailed",
            connection,
            Optional.empty(),
            "Could not get an idToken for service connection "
                + connection
                + " from Azure DevOps after "
                + (attempt + 1)
                + " attempts: "
                + lastFailure
                + ". This is usually a transient Azure DevOps problem; re-run the job.");
      }
      Duration delay = retryAfter != null ? retryAfter : retryDelays.get(attempt);
      context
          .log()
          .info(
              "Requesting an idToken for service connection "
                  + connection
                  + " failed: "
                  + lastFailure
                  + ". Retrying in "
                  + delay.toMillis()
                  + " ms (attempt "
                  + (attempt + 2)
                  + " of "
                  + (retryDelays.size() + 1)
                  + ").");
      sleep(delay);
    }
  }

  private static Secret parse(String connection, String body) {
    try {
      Map<String, Object> json = Json.parseObject(body);
      if (json.get("oidcToken") instanceof String token && !token.isBlank()) {
        return Secret.of(token);
      }
    } catch (IllegalArgumentException notJson) {
      // Reported below without echoing the body, which could hold a token.
    }
    throw new AuthenticationException(
        "OidcTokenEmpty",
        connection,
        Optional.empty(),
        "Azure DevOps answered the idToken request for service connection "
            + connection
            + " without a token (no oidcToken in the response). Re-run the job; if it persists,"
            + " check the connection is a workload identity federation connection.");
  }

  private static AuthenticationException refused(String connection, int status, String failure) {
    String hint =
        status == 401 || status == 403
            ? " The job access token was not accepted: check that this pipeline is authorised to"
                + " use the service connection, and that the job's authorization scope can reach"
                + " the project that holds it."
            : status == 404 || status == 400
                ? " Check that the task input names an existing workload identity federation"
                    + " connection of this project."
                : "";
    return new AuthenticationException(
        "OidcTokenRequestDenied",
        connection,
        Optional.empty(),
        "Azure DevOps refused the idToken request for service connection "
            + connection
            + " ("
            + failure
            + ")."
            + hint);
  }

  private static String describe(String body) {
    try {
      if (Json.parseObject(body).get("message") instanceof String message && !message.isBlank()) {
        return ": " + message;
      }
    } catch (IllegalArgumentException notJson) {
      // No message to add.
    }
    return "";
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                return Optional.of(Duration.ofSeconds(Math.min(60, Long.parseLong(value.trim()))));
              } catch (NumberFormatException notSeconds) {
                return Optional.empty();
              }
            })
        .orElse(null);
  }

  private void debugClaims(String connection, String source, Optional<IdTokenClaims> claims) {
    context
        .log()
        .debug(
            () ->
                claims
                    .map(
                        c ->
                            "idToken for service connection "
                                + connection
                                + " from "
                                + source
                                + ": issuer="
                                + c.issuer()
                                + " subject="
                                + c.subject()
                                + " audience="
                                + c.audience()
                                + " expires="
                                + c.expiresAt().map(Instant::toString).orElse("?"))
                    .orElse(
                        "idToken for service connection " + connection + " is not a readable JWT"));
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
