package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Key Vault SDK against the emulated data plane, through the hosts file and without {@code
 * disableChallengeResourceVerification}.
 */
class KeyVaultIT {
  private static final String NO_ACCESS_APP = "de300000-0000-4000-8000-0000000000c1";
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    AzureEmulator.Builder builder =
        AzureEmulator.builder()
            .demo()
            .hostsFile(Clients.hostsFile())
            .app(AppRegistration.of(Demo.TENANT_ID, NO_ACCESS_APP).withSecret("no-access"))
            // The task test case: one identity may read every secret but one.
            .updateKeyVault(
                Demo.VAULT,
                v -> v.withSecretDenied(DemoConnection.SECRET.clientId(), Demo.SECRET_PASSWORD));
    KeyVault big = KeyVault.of(Demo.SUBSCRIPTION_ID, Demo.RESOURCE_GROUP, "big-kv", Demo.TENANT_ID);
    for (int i = 0; i < 60; i++) {
      big = big.withSecret(String.format("secret-%02d", i), "value-" + i);
    }
    azure =
        builder
            .keyVault(big)
            // An RBAC-mode vault: no access policies, a data role instead.
            .roleAssignment(
                new RoleAssignment(
                    DemoConnection.SECRET.clientId(),
                    big.resourceId(),
                    Role.KEY_VAULT_SECRETS_USER))
            .start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  private static SecretClient client(String vault, String clientId, String secret) {
    return new SecretClientBuilder()
        .vaultUrl(azure.keyVaultUrl(vault).toString())
        .credential(
            new ClientSecretCredentialBuilder()
                .authorityHost(azure.baseUrl().toString())
                .tenantId(Demo.TENANT_ID)
                .clientId(clientId)
                .clientSecret(secret)
                .disableInstanceDiscovery()
                .httpClient(Clients.azure(azure))
                .build())
        .httpClient(Clients.azure(azure))
        .buildClient();
  }

  @Test
  void theSdkListsEveryDemoSecretWithTheirAttributes() {
    SecretClient client = client(Demo.VAULT, DemoConnection.SECRET.clientId(), Demo.CLIENT_SECRET);

    List<SecretProperties> secrets = new ArrayList<>();
    client.listPropertiesOfSecrets().forEach(secrets::add);

    assertThat(secrets)
        .extracting(SecretProperties::getName)
        .containsExactlyInAnyOrderElementsOf(Demo.SECRET_VALUES.keySet());
    SecretProperties disabled =
        secrets.stream()
            .filter(s -> s.getName().equals(Demo.SECRET_DISABLED))
            .findFirst()
            .orElseThrow();
    assertThat(disabled.isEnabled()).isFalse();
    SecretProperties expired =
        secrets.stream()
            .filter(s -> s.getName().equals(Demo.SECRET_EXPIRED))
            .findFirst()
            .orElseThrow();
    assertThat(expired.getExpiresOn().toInstant()).isEqualTo(Demo.EXPIRED_ON);
    SecretProperties future =
        secrets.stream()
            .filter(s -> s.getName().equals(Demo.SECRET_NOT_YET_VALID))
            .findFirst()
            .orElseThrow();
    assertThat(future.getNotBefore().toInstant()).isEqualTo(Demo.NOT_BEFORE);
    assertThat(future.getCreatedOn()).isNotNull();
  }

  @Test
  void theSdkGetsCurrentAndOlderVersionsAndMultiLineValues() {
    SecretClient bySecret =
        client(Demo.VAULT, DemoConnection.SECRET.clientId(), Demo.CLIENT_SECRET);

    KeyVaultSecret rotated = bySecret.getSecret(Demo.SECRET_ROTATED);
    assertThat(rotated.getValue()).isEqualTo("rotated-value-2");
    List<SecretProperties> versions = new ArrayList<>();
    bySecret.listPropertiesOfSecretVersions(Demo.SECRET_ROTATED).forEach(versions::add);
    assertThat(versions).hasSize(2);
    String older =
        versions.stream()
            .map(SecretProperties::getVersion)
            .filter(v -> !v.equals(rotated.getProperties().getVersion()))
            .findFirst()
            .orElseThrow();
    assertThat(bySecret.getSecret(Demo.SECRET_ROTATED, older).getValue())
        .isEqualTo("rotated-value-1");
    assertThat(bySecret.getSecret(Demo.SECRET_MULTILINE).getValue())
        .isEqualTo(Demo.SECRET_VALUES.get(Demo.SECRET_MULTILINE))
        .contains("\n");
    assertThat(bySecret.getSecret(Demo.SECRET_EXPIRED).getValue()).isEqualTo("expired-value");
  }

  @Test
  void aDisabledSecretIsForbiddenAndAMissingOneIsNotFound() {
    SecretClient client = client(Demo.VAULT, DemoConnection.SECRET.clientId(), Demo.CLIENT_SECRET);

    assertThatThrownBy(() -> client.getSecret(Demo.SECRET_DISABLED))
        .isInstanceOf(HttpResponseException.class)
        .hasMessageContaining("Operation get is not allowed on a disabled secret");
    assertThatThrownBy(() -> client.getSecret("no-such-secret"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("SecretNotFound");
  }

  @Test
  void aDeniedSecretIsForbiddenForThatIdentityOnlyWithTheCallerNamed() {
    SecretClient denied = client(Demo.VAULT, DemoConnection.SECRET.clientId(), Demo.CLIENT_SECRET);

    assertThatThrownBy(() -> denied.getSecret(Demo.SECRET_PASSWORD))
        .isInstanceOf(HttpResponseException.class)
        .satisfies(
            e -> {
              HttpResponseException error = (HttpResponseException) e;
              assertThat(error.getResponse().getStatusCode()).isEqualTo(403);
              assertThat(error.getMessage())
                  .contains("appid=" + DemoConnection.SECRET.clientId())
                  .contains("oid=" + DemoConnection.SECRET.objectId())
                  .contains("ForbiddenByRbac");
            });
    assertThat(denied.getSecret(Demo.SECRET_CONNECTION_STRING).getValue())
        .isEqualTo(Demo.SECRET_VALUES.get(Demo.SECRET_CONNECTION_STRING));
    String token = azure.accessToken(DemoConnection.MSI.clientId(), "https://vault.azure.net");
    HttpResponse<String> allowed =
        Clients.get(
            azure,
            azure.keyVaultUrl(Demo.VAULT).resolve("secrets/demo-password?api-version=2016-10-01"),
            "Authorization",
            "Bearer " + token);
    assertThat(Clients.json(allowed.body()).get("value").asText()).isEqualTo("Demo-P@ssw0rd-1");
  }

  @Test
  void anIdentityWithoutAnAccessPolicyGetsTheAccessDeniedBody() {
    String token =
        Clients.secretToken(
            azure, Demo.TENANT_ID, NO_ACCESS_APP, "no-access", "https://vault.azure.net/.default");
    HttpResponse<String> response =
        Clients.get(
            azure,
            azure.keyVaultUrl(Demo.VAULT).resolve("secrets?maxresults=25&api-version=2016-10-01"),
            "Authorization",
            "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(403);
    JsonNode error = Clients.json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("Forbidden");
    assertThat(error.at("/innererror/code").asText()).isEqualTo("AccessDenied");
    assertThat(error.get("message").asText())
        .contains("appid=" + NO_ACCESS_APP)
        .contains(
            "does not have secrets list permission on key vault 'demo-kv;location=westeurope'");
  }

  @Test
  void theSdkFollowsNextLinkAcrossPagesOfAnRbacVault() {
    SecretClient client = client("big-kv", DemoConnection.SECRET.clientId(), Demo.CLIENT_SECRET);

    List<String> names = new ArrayList<>();
    client.listPropertiesOfSecrets().forEach(p -> names.add(p.getName()));

    assertThat(names).hasSize(60).contains("secret-00", "secret-59");
    assertThat(
            azure.journal().find("GET", "^/secrets$").stream()
                .filter(e -> e.host().equals("big-kv.vault.azure.net") && e.status() == 200))
        .hasSize(3);
    assertThat(client.getSecret("secret-42").getValue()).isEqualTo("value-42");
  }

  @Test
  void maxResultsPagesWithAbsoluteNextLinksTheWayTheTaskReadsThem() {
    String token = azure.accessToken(DemoConnection.WIF.clientId(), "https://vault.azure.net");
    URI next = azure.keyVaultUrl(Demo.VAULT).resolve("secrets?maxresults=3&api-version=2016-10-01");
    List<String> ids = new ArrayList<>();
    int pages = 0;
    while (next != null) {
      JsonNode page =
          Clients.json(Clients.get(azure, next, "Authorization", "Bearer " + token).body());
      page.get("value").forEach(v -> ids.add(v.get("id").asText()));
      next = page.get("nextLink").isNull() ? null : URI.create(page.get("nextLink").asText());
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(Demo.SECRET_VALUES.size());
    assertThat(ids.get(0))
        .startsWith("https://demo-kv.vault.azure.net:" + azure.port() + "/secrets/");
  }

  @Test
  void theChallengeNamesTheTenantAuthorityAndTheVaultResource() {
    HttpResponse<String> response =
        Clients.get(azure, azure.keyVaultUrl(Demo.VAULT).resolve("secrets?api-version=7.4"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer authorization=\""
                + azure.baseUrl()
                + Demo.TENANT_ID
                + "\", resource=\"https://vault.azure.net\"");
    String armToken =
        azure.accessToken(DemoConnection.WIF.clientId(), "https://management.azure.com/");
    HttpResponse<String> wrongAudience =
        Clients.get(
            azure,
            azure.keyVaultUrl(Demo.VAULT).resolve("secrets?api-version=7.4"),
            "Authorization",
            "Bearer " + armToken);
    assertThat(wrongAudience.statusCode()).isEqualTo(401);
    assertThat(wrongAudience.body()).contains("AKV10022");
  }
}
