package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Azure DevOps oidctoken endpoint in the forms the Node tasks and Azure Identity use. */
class DevOpsOidcIT {
  private static AzureEmulator azure;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    azure = AzureEmulator.builder().demo().hostsFile(Clients.hostsFile()).start();
    env = azure.agentEnvironment();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  private static HttpResponse<String> post(URI uri, String authorization, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return Clients.send(Clients.jdk(azure), request.build());
  }

  private static String bearer() {
    return "Bearer " + env.get("SECRET_SYSTEM_ACCESSTOKEN");
  }

  /** The template the Node client fills in: collection, project id, hub, plan and job. */
  private static URI planUri(String project, String connection) {
    return URI.create(
        env.get("SYSTEM_COLLECTIONURI")
            + project
            + "/_apis/distributedtask/hubs/build/plans/"
            + env.get("SYSTEM_PLANID")
            + "/jobs/"
            + env.get("SYSTEM_JOBID")
            + "/oidctoken?serviceConnectionId="
            + connection);
  }

  @Test
  void theNodeClientFormAnswersWithAnRs256TokenCarryingTheRealClaims() throws Exception {
    HttpResponse<String> locations =
        Clients.send(
            Clients.jdk(azure),
            HttpRequest.newBuilder(
                    URI.create(env.get("SYSTEM_COLLECTIONURI") + "_apis/distributedtask"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(Clients.json(locations.body()).at("/value/0/id").asText())
        .isEqualTo("69a319f4-28c1-4bfd-93e6-ea0ff5c6f1a2");

    HttpResponse<String> response =
        post(
            planUri(Demo.PROJECT_ID, DemoConnection.WIF.connectionId()),
            bearer(),
            "Accept",
            "application/json;api-version=7.2-preview.1");

    assertThat(response.statusCode()).isEqualTo(200);
    SignedJWT jwt = SignedJWT.parse(Clients.json(response.body()).get("oidcToken").asText());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getHeader().getKeyID()).isNotBlank();
    assertThat(claims.getIssuer())
        .isEqualTo("https://vstoken.dev.azure.com/" + Demo.ORGANIZATION_ID);
    assertThat(claims.getSubject()).isEqualTo("sc://demo-org/demo-project/demo-wif");
    assertThat(claims.getAudience()).containsExactly("api://AzureADTokenExchange");
    assertThat(claims.getExpirationTime().getTime() - claims.getNotBeforeTime().getTime())
        .isEqualTo(600_000);
    assertThat(claims.getIssueTime()).isNotNull();
    assertThat(claims.getSubject())
        .isEqualTo(env.get("ENDPOINT_AUTH_PARAMETER_demo-wif_WORKLOADIDENTITYFEDERATIONSUBJECT"));

    JsonNode configuration =
        Clients.json(
            Clients.get(
                    azure,
                    azure
                        .baseUrl()
                        .resolve(
                            "_vstoken/"
                                + Demo.ORGANIZATION_ID
                                + "/.well-known/openid-configuration"))
                .body());
    assertThat(configuration.get("issuer").asText()).isEqualTo(claims.getIssuer());
    JWKSet keys =
        JWKSet.parse(Clients.get(azure, URI.create(configuration.get("jwks_uri").asText())).body());
    RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
  }

  @Test
  void theOidcRequestUriFormAcceptsTheConnectionNameAndBasicAuth() {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (":" + env.get("SECRET_SYSTEM_ACCESSTOKEN")).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        post(
            URI.create(
                env.get("SYSTEM_OIDCREQUESTURI") + "?api-version=7.1&serviceConnectionId=demo-wif"),
            basic);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Clients.claims(Clients.json(response.body()).get("oidcToken").asText()).getSubject())
        .isEqualTo("sc://demo-org/demo-project/demo-wif");
    // The project may be named instead of given by id.
    assertThat(
            post(
                    planUri(Demo.PROJECT, "demo-wif"),
                    bearer(),
                    "Accept",
                    "application/json;api-version=7.1")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void theIssuerDocumentsAreServedAtTheRealHostNameToo() {
    URI uri =
        URI.create(
            "https://vstoken.dev.azure.com:"
                + azure.port()
                + "/"
                + Demo.ORGANIZATION_ID
                + "/.well-known/openid-configuration");
    JsonNode configuration = Clients.json(Clients.get(azure, uri).body());
    assertThat(configuration.get("issuer").asText())
        .isEqualTo("https://vstoken.dev.azure.com/" + Demo.ORGANIZATION_ID);
    assertThat(Clients.get(azure, URI.create(configuration.get("jwks_uri").asText())).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aMissingOrWrongTokenIs401() {
    HttpResponse<String> missing =
        post(
            URI.create(
                env.get("SYSTEM_OIDCREQUESTURI") + "?api-version=7.1&serviceConnectionId=demo-wif"),
            null);
    HttpResponse<String> wrong =
        post(
            URI.create(
                env.get("SYSTEM_OIDCREQUESTURI") + "?api-version=7.1&serviceConnectionId=demo-wif"),
            "Bearer not-the-job-token");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(Clients.json(wrong.body()).get("typeKey").asText())
        .isEqualTo("UnauthorizedRequestException");
  }

  @Test
  void anUnknownConnectionPlanOrMissingVersionGetsAnAzureDevOpsError() {
    HttpResponse<String> unknown =
        post(
            URI.create(
                env.get("SYSTEM_OIDCREQUESTURI") + "?api-version=7.1&serviceConnectionId=nope"),
            bearer());
    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode error = Clients.json(unknown.body());
    assertThat(error.get("typeKey").asText()).isEqualTo("ServiceEndpointNotFoundException");
    assertThat(error.get("message").asText()).contains("nope");
    assertThat(error.has("$id")).isTrue();

    HttpResponse<String> noVersion =
        post(
            URI.create(env.get("SYSTEM_OIDCREQUESTURI") + "?serviceConnectionId=demo-wif"),
            bearer());
    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThat(noVersion.body()).contains("VssVersionNotSpecifiedException");

    HttpResponse<String> wrongPlan =
        post(
            URI.create(
                env.get("SYSTEM_OIDCREQUESTURI")
                        .replace(Demo.PLAN_ID, "de300000-0000-4000-8000-0000000000ee")
                    + "?api-version=7.1&serviceConnectionId=demo-wif"),
            bearer());
    assertThat(wrongPlan.statusCode()).isEqualTo(404);
  }
}
