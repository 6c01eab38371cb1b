package io.pipelinetasks.task.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.FaultRule;
import io.pipelinetasks.emulator.JournalEntry;
import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.TaskContext;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OIDC idToken client against the emulator's Azure DevOps: sources, retries and refusals. */
class OidcTokenClientIT {
  private static final String OIDCTOKEN = "/oidctoken$";
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure = AzureEmulator.builder().demo().start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @BeforeEach
  void reset() {
    azure.clearFaults();
    azure.journal().clear();
  }

  private static OidcTokenClient client(TaskContext context) {
    // Short delays keep the retry tests fast; the backoff schedule itself is the same code.
    return new OidcTokenClient(
        context,
        context.http().httpClientBuilder().build(),
        List.of(
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400)),
        Clock.systemUTC());
  }

  private static List<JournalEntry> tokenRequests() {
    return azure.journal().find("POST", OIDCTOKEN);
  }

  @Test
  void anIdTokenComesFromTheOidcRequestUriAndIsRegisteredAsASecret() {
    Connections.Result<Secret> result =
        Connections.inTask(
            azure.agentEnvironment(), context -> client(context).idToken("demo-wif"));
    IdTokenClaims claims = IdTokenClaims.of(result.value()).orElseThrow();
    assertThat(claims.subject()).isEqualTo("sc://demo-org/demo-project/demo-wif");
    assertThat(claims.audience()).containsExactly("api://AzureADTokenExchange");
    assertThat(result.run().secretsRegistered()).contains(result.value().reveal());
    assertThat(result.run().leaks()).isZero();
    assertThat(tokenRequests()).hasSize(1);
    assertThat(tokenRequests().get(0).queryValue("api-version")).isEqualTo("7.1");
    assertThat(tokenRequests().get(0).header("authorization")).isEqualTo("Bearer ***");
  }

  @Test
  void withoutTheOidcRequestUriThePlanAndJobUrlIsBuiltFromTheSystemVariables() {
    Map<String, String> env = new HashMap<>(azure.agentEnvironment());
    env.remove("SYSTEM_OIDCREQUESTURI");
    Connections.inTask(env, context -> client(context).idToken("demo-wif"));
    assertThat(tokenRequests())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.path())
                  .isEqualTo(
                      "/demo-org/"
                          + Demo.PROJECT_ID
                          + "/_apis/distributedtask/hubs/build/plans/"
                          + Demo.PLAN_ID
                          + "/jobs/"
                          + Demo.JOB_ID
                          + "/oidctoken");
              assertThat(entry.queryValue("serviceConnectionId")).isEqualTo("demo-wif");
            });
  }

  @Test
  void transientFailuresAreRetriedUntilATokenArrives() {
    azure.addFault(FaultRule.status(503).onPath(OIDCTOKEN).times(2));
    azure.addFault(FaultRule.reset().onPath(OIDCTOKEN).times(1));
    Connections.Result<Secret> result =
        Connections.inTask(
            azure.agentEnvironment(), context -> client(context).idToken("demo-wif"));
    assertThat(IdTokenClaims.of(result.value())).isPresent();
    assertThat(tokenRequests().stream().map(JournalEntry::status).toList())
        .containsSubsequence(503, 503, 200);
    assertThat(result.run().output())
        .anyMatch(l -> l.contains("HTTP 503") && l.contains("Retrying"));
  }

  @Test
  void aTooManyRequestsAnswerHonoursRetryAfter() {
    azure.addFault(
        FaultRule.status(429).onPath(OIDCTOKEN).withRetryAfter(Duration.ofSeconds(1)).times(1));
    long start = System.nanoTime();
    Connections.inTask(azure.agentEnvironment(), context -> client(context).idToken("demo-wif"));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void retriesStopAfterTheLastAttemptWithANamedError() {
    azure.addFault(FaultRule.status(500).onPath(OIDCTOKEN));
    assertThatThrownBy(
            () ->
                Connections.inTask(
                    azure.agentEnvironment(), context -> client(context).idToken("demo-wif")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("after 5 attempts")
        .extracting(e -> ((AuthenticationException) e).code())
        .isEqualTo("OidcTokenRequestFailed");
  }

  @Test
  void aRejectedAccessTokenIsNotRetried() {
    Map<String, String> env = new HashMap<>(azure.agentEnvironment());
    env.replaceAll((k, v) -> k.contains("ACCESSTOKEN") ? "not-the-job-token" : v);
    env.put(
        "ENDPOINT_AUTH_SYSTEMVSSCONNECTION",
        "{\"parameters\":{\"AccessToken\":\"not-the-job-token\"},\"scheme\":\"OAuth\"}");
    assertThatThrownBy(
            () -> Connections.inTask(env, context -> client(context).idToken("demo-wif")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("authorised to use the service connection");
    assertThat(tokenRequests()).hasSize(1);
  }

  @Test
  void aMissingAccessTokenSaysHowToAllowIt() {
    Map<String, String> env = new HashMap<>(azure.agentEnvironment());
    env.keySet().removeIf(k -> k.contains("SYSTEMVSSCONNECTION") || k.contains("ACCESSTOKEN"));
    assertThatThrownBy(
            () -> Connections.inTask(env, context -> client(context).idToken("demo-wif")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Allow scripts to access the OAuth token")
        .extracting(e -> ((AuthenticationException) e).code())
        .isEqualTo("AccessTokenMissing");
  }

  @Test
  void aValidLateBoundIdTokenIsUsedWithoutARequestAndAnExpiredOneIsNot() {
    Map<String, String> env = new HashMap<>(azure.agentEnvironment());
    String lateBound = azure.oidcToken("demo-wif");
    env.put("ENDPOINT_AUTH_PARAMETER_demo-wif_IDTOKEN", lateBound);
    env.remove("ENDPOINT_AUTH_demo-wif");
    Connections.Result<Secret> fresh =
        Connections.inTask(env, context -> client(context).idToken("demo-wif"));
    assertThat(fresh.value().reveal()).isEqualTo(lateBound);
    assertThat(tokenRequests()).isEmpty();
    env.put("ENDPOINT_AUTH_PARAMETER_demo-wif_IDTOKEN", "e30.eyJleHAiOjEwMDB9.");
    Connections.inTask(env, context -> client(context).idToken("demo-wif"));
    assertThat(tokenRequests()).hasSize(1);
  }
}
