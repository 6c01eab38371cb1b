package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fault rules, latency, and a journal that never holds a secret in clear. */
class FaultsAndJournalIT {
  private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
  private static AzureEmulator azure;
  private static String armToken;

  @BeforeAll
  static void start() {
    azure = AzureEmulator.builder().demo().requestLog(LOG::add).start();
    armToken = azure.accessToken(DemoConnection.SECRET.clientId(), "https://management.azure.com/");
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @AfterEach
  void reset() {
    azure.clearFaults();
    azure.setLatency(Duration.ZERO);
  }

  private static HttpResponse<String> subscriptions() {
    return Clients.get(
        azure,
        azure.baseUrl().resolve("subscriptions?api-version=2019-11-01"),
        "Authorization",
        "Bearer " + armToken);
  }

  @Test
  void aThrottlingRuleFailsTheFirstTwoRequestsWithRetryAfterThenLetsThemThrough() {
    FaultRule rule =
        FaultRule.status(429)
            .onMethod("GET")
            .onPath("^/subscriptions$")
            .withRetryAfter(Duration.ofSeconds(2))
            .times(2);
    azure.addFault(rule);

    HttpResponse<String> first = subscriptions();
    HttpResponse<String> second = subscriptions();
    HttpResponse<String> third = subscriptions();

    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(Clients.json(first.body()).at("/error/code").asText()).isEqualTo("TooManyRequests");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(azure.faultApplications(rule)).isEqualTo(2);
  }

  @Test
  void serverErrorsMatchByHostAndMethod() {
    azure.addFault(
        FaultRule.status(503).onHost("^localhost$").onMethod("GET").onPath("^/subscriptions$"));
    azure.addFault(FaultRule.status(500).onPath("/oauth2/v2.0/token$"));

    assertThat(subscriptions().statusCode()).isEqualTo(503);
    assertThat(
            Clients.postForm(
                    azure,
                    azure.baseUrl().resolve(Demo.TENANT_ID + "/oauth2/v2.0/token"),
                    Map.of("grant_type", "client_credentials"))
                .statusCode())
        .isEqualTo(500);
    // A rule for another path leaves this one alone.
    assertThat(
            Clients.get(azure, azure.baseUrl().resolve("metadata/endpoints?api-version=2022-09-01"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aResetDropsTheConnectionWithoutAnAnswer() {
    // Every time: the JDK client silently retries a GET once on a dropped connection.
    azure.addFault(FaultRule.reset().onPath("^/metadata/endpoints$"));

    assertThatThrownBy(
            () ->
                Clients.get(
                    azure, azure.baseUrl().resolve("metadata/endpoints?api-version=2022-09-01")))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(IOException.class);
    azure.clearFaults();
    assertThat(
            Clients.get(azure, azure.baseUrl().resolve("metadata/endpoints?api-version=2022-09-01"))
                .statusCode())
        .isEqualTo(200);
    assertThat(azure.journal().find("GET", "^/metadata/endpoints$"))
        .extracting(JournalEntry::status)
        .contains(-1, 200);
  }

  @Test
  void delayAndLatencySlowRequestsDown() {
    azure.addFault(FaultRule.delay(Duration.ofMillis(300)).onPath("^/subscriptions$").times(1));
    long start = System.nanoTime();
    assertThat(subscriptions().statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));

    azure.setLatency(Duration.ofMillis(120));
    start = System.nanoTime();
    subscriptions();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(120));
  }

  @Test
  void theJournalKeepsOrderHeadersAndFormFieldsButRedactsEverySecret() {
    azure.journal().clear();
    String assertion = azure.oidcToken("demo-wif");
    Clients.secretLogin(
        azure,
        Demo.TENANT_ID,
        DemoConnection.SECRET.clientId(),
        Demo.CLIENT_SECRET,
        "https://management.azure.com//.default openid profile offline_access");
    Clients.postForm(
        azure,
        azure.baseUrl().resolve(Demo.TENANT_ID + "/oauth2/v2.0/token"),
        Map.of(
            "grant_type", "client_credentials",
            "client_id", DemoConnection.WIF.clientId(),
            "client_assertion", assertion,
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "scope", "https://vault.azure.net/.default"));
    subscriptions();
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("$demo-app:hunter2".getBytes(StandardCharsets.UTF_8));
    Clients.get(
        azure,
        URI.create(azure.baseUrl() + "subscriptions?api-version=2019-11-01&sig=s3cr3t-signature"),
        "Authorization",
        basic);
    Map<String, String> env = azure.agentEnvironment();
    Clients.send(
        Clients.jdk(azure),
        HttpRequest.newBuilder(
                URI.create(
                    env.get("SYSTEM_OIDCREQUESTURI")
                        + "?api-version=7.1&serviceConnectionId=demo-wif"))
            .header("Authorization", "Bearer " + env.get("SECRET_SYSTEM_ACCESSTOKEN"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());

    List<JournalEntry> entries = azure.journal().entries();
    assertThat(entries)
        .extracting(JournalEntry::method)
        .containsExactly("POST", "POST", "GET", "GET", "POST");
    assertThat(entries).extracting(JournalEntry::sequence).isSorted();
    JournalEntry secretLogin = entries.get(0);
    assertThat(secretLogin.form())
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", DemoConnection.SECRET.clientId())
        .containsEntry("client_secret", JournalEntry.REDACTED)
        .containsEntry(
            "scope", "https://management.azure.com//.default openid profile offline_access");
    assertThat(entries.get(1).form())
        .containsEntry("client_assertion", JournalEntry.REDACTED)
        .containsEntry(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    assertThat(entries.get(2).header("Authorization")).isEqualTo("Bearer ***");
    assertThat(entries.get(2).header("Content-Type")).isNull();
    assertThat(entries.get(3).header("authorization")).isEqualTo("Basic ***");
    assertThat(entries.get(3).queryValue("api-version")).isEqualTo("2019-11-01");
    assertThat(entries.get(3).queryValue("sig")).isEqualTo(JournalEntry.REDACTED);
    assertThat(entries.get(4).queryValue("serviceConnectionId")).isEqualTo("demo-wif");

    String everything =
        entries.toString()
            + entries.stream().map(e -> e.form() + " " + e.headers() + " " + e.query()).toList();
    assertThat(everything)
        .doesNotContain(Demo.CLIENT_SECRET)
        .doesNotContain(assertion)
        .doesNotContain(armToken)
        .doesNotContain("hunter2")
        .doesNotContain("s3cr3t-signature")
        .doesNotContain(env.get("SECRET_SYSTEM_ACCESSTOKEN"));
    assertThat(String.join("\n", LOG))
        .contains(
            "POST localhost:" + azure.port() + "/" + Demo.TENANT_ID + "/oauth2/v2.0/token -> 200")
        .doesNotContain(Demo.CLIENT_SECRET)
        .doesNotContain("s3cr3t-signature");
  }
}
