package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.AzurePipelinesCredentialBuilder;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Azure Identity's own credentials against the emulator's Entra ID, success and failure. */
class EntraCredentialsIT {
  private static final String ARM_SCOPE = "https://management.core.windows.net//.default";
  private static final String OTHER_APP = "de300000-0000-4000-8000-0000000000a1";
  private static final String EXPIRED_APP = "de300000-0000-4000-8000-0000000000a2";
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure =
        AzureEmulator.builder()
            .demo()
            .hostsFile(Clients.hostsFile())
            // An app whose federated credential names another connection: the wrong subject.
            .app(
                AppRegistration.of(Demo.TENANT_ID, OTHER_APP)
                    .withFederatedCredential(
                        "https://vstoken.dev.azure.com/" + Demo.ORGANIZATION_ID,
                        "sc://demo-org/demo-project/some-other-connection"))
            .app(
                AppRegistration.of(Demo.TENANT_ID, EXPIRED_APP)
                    .withSecret("expired-secret-value", Instant.parse("2020-01-01T00:00:00Z")))
            .start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  private static AccessToken token(TokenCredential credential, String scope) {
    return credential.getTokenSync(new TokenRequestContext().addScopes(scope));
  }

  private ClientSecretCredentialBuilder secretBuilder(String clientId, String secret) {
    return new ClientSecretCredentialBuilder()
        .authorityHost(azure.baseUrl().toString())
        .tenantId(Demo.TENANT_ID)
        .clientId(clientId)
        .clientSecret(secret)
        .disableInstanceDiscovery()
        .httpClient(Clients.azure(azure));
  }

  @Test
  void clientSecretCredentialGetsAnArmTokenWithTheRequestedAudienceAndIdentity() throws Exception {
    AccessToken token =
        token(
            secretBuilder(DemoConnection.SECRET.clientId(), Demo.CLIENT_SECRET).build(), ARM_SCOPE);

    JWTClaimsSet claims = Clients.claims(token.getToken());
    assertThat(claims.getAudience()).containsExactly("https://management.core.windows.net/");
    assertThat(claims.getIssuer()).isEqualTo("https://sts.windows.net/" + Demo.TENANT_ID + "/");
    assertThat(claims.getStringClaim("tid")).isEqualTo(Demo.TENANT_ID);
    assertThat(claims.getStringClaim("appid")).isEqualTo(DemoConnection.SECRET.clientId());
    assertThat(claims.getStringClaim("azp")).isEqualTo(DemoConnection.SECRET.clientId());
    assertThat(claims.getStringClaim("oid")).isEqualTo(DemoConnection.SECRET.objectId());
    assertThat(token.getExpiresAt().toInstant()).isAfter(Instant.now().plusSeconds(3000));
  }

  @Test
  void aWrongSecretFailsWith7000215AndAnExpiredOneWith7000222() {
    assertThatThrownBy(
            () ->
                token(
                    secretBuilder(DemoConnection.SECRET.clientId(), "not-the-secret")
                        .maxRetry(0)
                        .build(),
                    ARM_SCOPE))
        .hasMessageContaining("AADSTS7000215");
    assertThatThrownBy(
            () ->
                token(
                    secretBuilder(EXPIRED_APP, "expired-secret-value").maxRetry(0).build(),
                    ARM_SCOPE))
        .hasMessageContaining("AADSTS7000222");
  }

  @Test
  void anUnknownAppFailsWith700016AndAnUnknownTenantWith90002() {
    assertThatThrownBy(
            () ->
                token(
                    secretBuilder("de300000-0000-4000-8000-0000000000ff", "x").maxRetry(0).build(),
                    ARM_SCOPE))
        .hasMessageContaining("AADSTS700016");
    assertThatThrownBy(
            () ->
                token(
                    secretBuilder(DemoConnection.SECRET.clientId(), Demo.CLIENT_SECRET)
                        .tenantId("de300000-0000-4000-8000-0000000000fe")
                        .maxRetry(0)
                        .build(),
                    ARM_SCOPE))
        .hasMessageContaining("AADSTS90002");
  }

  @Test
  void clientCertificateCredentialWorksWithThePemOfTheDemoConnection(@TempDir Path dir)
      throws Exception {
    Path pem = azure.demoCertificate().writePem(dir.resolve("spnCert.pem"));
    TokenCredential credential =
        new ClientCertificateCredentialBuilder()
            .authorityHost(azure.baseUrl().toString())
            .tenantId(Demo.TENANT_ID)
            .clientId(DemoConnection.CERT.clientId())
            .pemCertificate(pem.toString())
            .disableInstanceDiscovery()
            .httpClient(Clients.azure(azure))
            .build();

    AccessToken token = token(credential, "https://vault.azure.net/.default");

    JWTClaimsSet claims = Clients.claims(token.getToken());
    assertThat(claims.getAudience()).containsExactly("https://vault.azure.net");
    assertThat(claims.getStringClaim("appid")).isEqualTo(DemoConnection.CERT.clientId());
    assertThat(claims.getStringClaim("appidacr")).isEqualTo("2");
    // The PEM in the connection is the same certificate the app has registered.
    assertThat(azure.agentEnvironment())
        .containsEntry(
            "ENDPOINT_AUTH_PARAMETER_demo-cert_SERVICEPRINCIPALCERTIFICATE",
            azure.demoCertificate().pem());
  }

  @Test
  void clientCertificateCredentialWorksWithAPfxAndFailsWithAnUnregisteredCertificate(
      @TempDir Path dir) {
    Path pfx =
        azure.demoCertificate().writePkcs12(dir.resolve("spn.pfx"), "pfx-pass".toCharArray());
    TokenCredential credential =
        new ClientCertificateCredentialBuilder()
            .authorityHost(azure.baseUrl().toString())
            .tenantId(Demo.TENANT_ID)
            .clientId(DemoConnection.CERT.clientId())
            .pfxCertificate(pfx.toString())
            .clientCertificatePassword("pfx-pass")
            .disableInstanceDiscovery()
            .httpClient(Clients.azure(azure))
            .build();
    assertThat(token(credential, ARM_SCOPE).getToken()).isNotBlank();

    Path stranger = ClientCertificate.generate("stranger").writePem(dir.resolve("stranger.pem"));
    TokenCredential unregistered =
        new ClientCertificateCredentialBuilder()
            .authorityHost(azure.baseUrl().toString())
            .tenantId(Demo.TENANT_ID)
            .clientId(DemoConnection.CERT.clientId())
            .pemCertificate(stranger.toString())
            .disableInstanceDiscovery()
            .maxRetry(0)
            .httpClient(Clients.azure(azure))
            .build();
    assertThatThrownBy(() -> token(unregistered, ARM_SCOPE)).hasMessageContaining("AADSTS700027");
  }

  /** What a task does for workload identity federation: POST to System.OidcRequestUri. */
  private static String idToken(String connection) {
    Map<String, String> env = azure.agentEnvironment();
    HttpResponse<String> response =
        Clients.send(
            Clients.jdk(azure),
            HttpRequest.newBuilder(
                    URI.create(
                        env.get("SYSTEM_OIDCREQUESTURI")
                            + "?api-version=7.1&serviceConnectionId="
                            + connection))
                .header("Authorization", "Bearer " + env.get("SECRET_SYSTEM_ACCESSTOKEN"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Clients.json(response.body()).get("oidcToken").asText();
  }

  private TokenCredential assertionCredential(String clientId, Supplier<String> assertion) {
    return new ClientAssertionCredentialBuilder()
        .authorityHost(azure.baseUrl().toString())
        .tenantId(Demo.TENANT_ID)
        .clientId(clientId)
        .clientAssertion(assertion)
        .disableInstanceDiscovery()
        .maxRetry(0)
        .httpClient(Clients.azure(azure))
        .build();
  }

  @Test
  void clientAssertionCredentialExchangesTheOidcTokenOfTheConnection() {
    TokenCredential credential =
        assertionCredential(
            DemoConnection.WIF.clientId(), () -> idToken(DemoConnection.WIF.connectionId()));

    AccessToken token = token(credential, ARM_SCOPE);

    assertThat(Clients.claims(token.getToken()).getClaims())
        .containsEntry("appid", DemoConnection.WIF.clientId())
        .containsEntry("oid", DemoConnection.WIF.objectId());
  }

  @Test
  void azurePipelinesCredentialWorksFromTheAgentEnvironment() {
    Map<String, String> env = azure.agentEnvironment();
    TokenCredential credential =
        new AzurePipelinesCredentialBuilder()
            .configuration(
                new ConfigurationBuilder()
                    .putProperty("SYSTEM_OIDCREQUESTURI", env.get("SYSTEM_OIDCREQUESTURI"))
                    .build())
            .authorityHost(azure.baseUrl().toString())
            .tenantId(env.get("ENDPOINT_AUTH_PARAMETER_demo-wif_TENANTID"))
            .clientId(env.get("ENDPOINT_AUTH_PARAMETER_demo-wif_SERVICEPRINCIPALID"))
            .serviceConnectionId("demo-wif")
            .systemAccessToken(env.get("SECRET_SYSTEM_ACCESSTOKEN"))
            .disableInstanceDiscovery()
            .httpClient(Clients.azure(azure))
            .build();

    assertThat(token(credential, ARM_SCOPE).getToken()).isNotBlank();
  }

  @Test
  void aFederatedCredentialForAnotherSubjectFailsWith700213NamingThePresentedSubject() {
    TokenCredential credential =
        assertionCredential(OTHER_APP, () -> idToken(DemoConnection.WIF.connectionId()));

    assertThatThrownBy(() -> token(credential, ARM_SCOPE))
        .hasMessageContaining("AADSTS700213")
        .hasMessageContaining("sc://demo-org/demo-project/demo-wif");
  }

  @Test
  void anExpiredOidcTokenFailsWith700024() throws Exception {
    try (AzureEmulator shortLived =
        AzureEmulator.builder().demo().oidcTokenLifetime(Duration.ofSeconds(1)).start()) {
      String idToken = shortLived.oidcToken("demo-wif");
      Thread.sleep(1100);
      TokenCredential credential =
          new ClientAssertionCredentialBuilder()
              .authorityHost(shortLived.baseUrl().toString())
              .tenantId(Demo.TENANT_ID)
              .clientId(DemoConnection.WIF.clientId())
              .clientAssertion(() -> idToken)
              .disableInstanceDiscovery()
              .maxRetry(0)
              .httpClient(Clients.azure(shortLived))
              .build();

      assertThatThrownBy(() -> token(credential, ARM_SCOPE)).hasMessageContaining("AADSTS700024");
    }
  }

  @Test
  void theEntraIssuerStyleIsAcceptedToo() {
    try (AzureEmulator entraStyle =
        AzureEmulator.builder().demo().issuerStyle(IssuerStyle.ENTRA).start()) {
      String idToken = entraStyle.oidcToken("demo-wif");
      JWTClaimsSet claims = Clients.claims(idToken);
      assertThat(claims.getIssuer())
          .isEqualTo("https://login.microsoftonline.com/" + Demo.TENANT_ID + "/v2.0");
      assertThat(claims.getSubject())
          .startsWith("/eid1/c/pub/t/")
          .endsWith("/sc/" + Demo.ORGANIZATION_ID + "/" + DemoConnection.WIF.connectionId());
      TokenCredential credential =
          new ClientAssertionCredentialBuilder()
              .authorityHost(entraStyle.baseUrl().toString())
              .tenantId(Demo.TENANT_ID)
              .clientId(DemoConnection.WIF.clientId())
              .clientAssertion(() -> idToken)
              .disableInstanceDiscovery()
              .httpClient(Clients.azure(entraStyle))
              .build();
      assertThat(token(credential, ARM_SCOPE).getToken()).isNotBlank();
    }
  }

  @Test
  void aV1TokenRequestGetsResourceAndAbsoluteExpiry() {
    HttpResponse<String> response =
        Clients.postForm(
            azure,
            azure.baseUrl().resolve(Demo.TENANT_ID + "/oauth2/token/"),
            Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                DemoConnection.SECRET.clientId(),
                "client_secret",
                Demo.CLIENT_SECRET,
                "resource",
                azure.baseUrl().toString()));

    assertThat(response.statusCode()).isEqualTo(200);
    var body = Clients.json(response.body());
    assertThat(body.get("resource").asText()).isEqualTo(azure.baseUrl().toString());
    assertThat(body.get("expires_on").asText()).matches("\\d+");
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(Clients.claims(body.get("access_token").asText()).getAudience())
        .containsExactly(azure.baseUrl().toString());
  }

  @Test
  void errorsHaveEntrasShape() {
    HttpResponse<String> response =
        Clients.postForm(
            azure,
            azure.baseUrl().resolve(Demo.TENANT_ID + "/oauth2/v2.0/token"),
            Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                DemoConnection.SECRET.clientId(),
                "client_secret",
                "wrong",
                "scope",
                ARM_SCOPE),
            "client-request-id",
            "11111111-2222-3333-4444-555555555555");

    assertThat(response.statusCode()).isEqualTo(401);
    var body = Clients.json(response.body());
    assertThat(body.get("error").asText()).isEqualTo("invalid_client");
    assertThat(body.get("error_description").asText())
        .startsWith("AADSTS7000215: ")
        .contains("Trace ID: ")
        .contains("Correlation ID: 11111111-2222-3333-4444-555555555555")
        .containsPattern("Timestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$");
    assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(7000215);
    assertThat(body.get("correlation_id").asText())
        .isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(body.has("trace_id")).isTrue();
    assertThat(body.has("timestamp")).isTrue();
    assertThat(body.get("error_uri").asText()).endsWith("/error?code=7000215");
  }

  @Test
  void theStrictScopeRuleAndUnknownResourcesAreEnforced() {
    var noDefault =
        Clients.secretLogin(
            azure,
            Demo.TENANT_ID,
            DemoConnection.SECRET.clientId(),
            Demo.CLIENT_SECRET,
            "https://management.azure.com/user_impersonation");
    assertThat(noDefault.body()).contains("AADSTS1002012");
    var unknown =
        Clients.secretLogin(
            azure,
            Demo.TENANT_ID,
            DemoConnection.SECRET.clientId(),
            Demo.CLIENT_SECRET,
            "https://unknown.example.com/.default offline_access openid profile");
    assertThat(unknown.body()).contains("AADSTS500011");
  }

  @Test
  void theV2OpenIdConfigurationAndKeysAreServed() throws Exception {
    var config =
        Clients.get(
            azure,
            azure.baseUrl().resolve(Demo.TENANT_ID + "/v2.0/.well-known/openid-configuration"));
    assertThat(config.statusCode()).isEqualTo(200);
    var doc = Clients.json(config.body());
    assertThat(doc.get("token_endpoint").asText())
        .isEqualTo(azure.baseUrl() + Demo.TENANT_ID + "/oauth2/v2.0/token");
    assertThat(doc.get("issuer").asText())
        .isEqualTo("https://login.microsoftonline.com/" + Demo.TENANT_ID + "/v2.0");
    var keys = Clients.get(azure, URI.create(doc.get("jwks_uri").asText()));
    assertThat(Clients.json(keys.body()).get("keys").get(0).get("kty").asText()).isEqualTo("RSA");
    assertThat(Files.exists(azure.caPemFile())).isTrue();
  }
}
