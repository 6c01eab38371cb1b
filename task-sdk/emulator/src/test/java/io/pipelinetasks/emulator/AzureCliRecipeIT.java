package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact requests the real {@code az} 2.45 makes under the ADFS-style recipe (real-az-testing.md
 * sections 4 and 5), replayed with its headers and form fields, and the answers it needs.
 */
class AzureCliRecipeIT {
  private static final String AZ_SCOPE = "https://management.core.windows.net//.default";
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure = AzureEmulator.builder().demo().start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @Test
  void theCloudMetadataIsAListWithOneAdfsStyleCloud() {
    URI uri = URI.create(azure.azureCliEnvironment().get("ARM_CLOUD_METADATA_URL"));
    assertThat(uri.toString())
        .isEqualTo(azure.baseUrl() + "metadata/endpoints?api-version=2022-09-01");

    HttpResponse<String> response = Clients.get(azure, uri, "User-Agent", "Python-urllib/3.11");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode clouds = Clients.json(response.body());
    assertThat(clouds.isArray()).isTrue();
    assertThat(clouds).hasSize(1);
    JsonNode cloud = clouds.get(0);
    assertThat(cloud.get("name").asText())
        .isEqualTo(AzureEmulator.CLOUD_NAME)
        .isNotEqualTo("AzureCloud");
    assertThat(cloud.get("resourceManager").asText()).isEqualTo(azure.baseUrl().toString());
    assertThat(cloud.get("portal").asText()).isNotBlank();
    assertThat(cloud.get("gallery").asText()).isNotBlank();
    assertThat(cloud.get("graphAudience").asText()).isEqualTo("https://graph.microsoft.com/");
    assertThat(cloud.get("microsoftGraphResourceId").asText())
        .isEqualTo("https://graph.microsoft.com/");
    JsonNode authentication = cloud.get("authentication");
    assertThat(authentication.get("loginEndpoint").asText()).isEqualTo(azure.baseUrl() + "adfs");
    assertThat(authentication.get("audiences"))
        .extracting(JsonNode::asText)
        .containsExactly("https://management.core.windows.net/");
    assertThat(authentication.get("tenant").asText()).isEqualTo("adfs");
    assertThat(authentication.get("identityProvider").asText()).isEqualTo("ADFS");
    JsonNode suffixes = cloud.get("suffixes");
    assertThat(suffixes.get("storage").asText()).isEqualTo("core.windows.net");
    assertThat(suffixes.get("keyVaultDns").asText()).isEqualTo("vault.azure.net:" + azure.port());
    assertThat(suffixes.get("acrLoginServer").asText()).isNotBlank();
    assertThat(suffixes.get("sqlServerHostname").asText()).isNotBlank();
    // A connection's environment names this cloud, so "az cloud set -n <environment>" works.
    assertThat(azure.agentEnvironment())
        .containsEntry("ENDPOINT_DATA_demo-secret_ENVIRONMENT", AzureEmulator.CLOUD_NAME);
  }

  @Test
  void theAdfsOpenIdConfigurationHasTheEndpointsMsalRequires() {
    HttpResponse<String> response =
        Clients.get(
            azure,
            azure.baseUrl().resolve("adfs/.well-known/openid-configuration"),
            "User-Agent",
            "python-requests/2.28.1");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode doc = Clients.json(response.body());
    assertThat(doc.get("issuer").asText()).isNotBlank();
    assertThat(doc.get("authorization_endpoint").asText())
        .isEqualTo(azure.baseUrl() + "adfs/oauth2/authorize");
    // MSAL derives the tenant ("adfs") from this path.
    assertThat(doc.get("token_endpoint").asText()).isEqualTo(azure.baseUrl() + "adfs/oauth2/token");
  }

  private static Map<String, String> azLoginForm(String secretOrNull, String assertionOrNull) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", DemoConnection.SECRET.clientId());
    form.put("grant_type", "client_credentials");
    form.put("client_info", "1");
    if (secretOrNull != null) {
      form.put("client_secret", secretOrNull);
    } else {
      form.put("client_id", DemoConnection.WIF.clientId());
      form.put("client_assertion", assertionOrNull);
      form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    }
    form.put("claims", "{\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}");
    form.put("scope", AZ_SCOPE);
    return form;
  }

  @Test
  void azLoginThenGroupListWorksThroughTheAdfsTokenEndpoint() {
    HttpResponse<String> login =
        Clients.postForm(
            azure,
            azure.baseUrl().resolve("adfs/oauth2/token"),
            azLoginForm(Demo.CLIENT_SECRET, null),
            "User-Agent",
            "python-requests/2.28.1");

    assertThat(login.statusCode()).isEqualTo(200);
    JsonNode token = Clients.json(login.body());
    assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.fieldNames())
        .toIterable()
        .containsExactly("token_type", "expires_in", "ext_expires_in", "access_token");
    assertThat(token.get("expires_in").isInt()).isTrue();
    assertThat(token.get("expires_in").asInt()).isEqualTo(3599);
    assertThat(token.get("ext_expires_in").asInt()).isEqualTo(3599);
    String accessToken = token.get("access_token").asText();
    assertThat(accessToken.split("\\.")).hasSize(3);

    HttpResponse<String> subscriptions =
        Clients.get(
            azure,
            azure.baseUrl().resolve("subscriptions?api-version=2019-11-01"),
            "Authorization",
            "Bearer " + accessToken);
    assertThat(subscriptions.statusCode()).isEqualTo(200);
    JsonNode subscription = Clients.json(subscriptions.body()).get("value").get(0);
    assertThat(subscription.get("id").asText()).isEqualTo("/subscriptions/" + Demo.SUBSCRIPTION_ID);
    assertThat(subscription.get("subscriptionId").asText()).isEqualTo(Demo.SUBSCRIPTION_ID);
    assertThat(subscription.get("tenantId").asText()).isEqualTo(Demo.TENANT_ID);
    assertThat(subscription.get("displayName").asText()).isEqualTo(Demo.SUBSCRIPTION_NAME);
    assertThat(subscription.get("state").asText()).isEqualTo("Enabled");

    HttpResponse<String> groups =
        Clients.get(
            azure,
            azure
                .baseUrl()
                .resolve(
                    "subscriptions/"
                        + Demo.SUBSCRIPTION_ID
                        + "/resourcegroups?api-version=2021-04-01"),
            "Authorization",
            "Bearer " + accessToken);
    JsonNode group = Clients.json(groups.body()).get("value").get(0);
    assertThat(group.get("id").asText())
        .isEqualTo("/subscriptions/" + Demo.SUBSCRIPTION_ID + "/resourceGroups/demo-rg");
    assertThat(group.get("name").asText()).isEqualTo("demo-rg");
    assertThat(group.get("type").asText()).isEqualTo("Microsoft.Resources/resourceGroups");
    assertThat(group.get("location").asText()).isEqualTo("westeurope");
    assertThat(group.at("/properties/provisioningState").asText()).isEqualTo("Succeeded");

    JournalEntry entry =
        azure.journal().find("POST", "^/adfs/oauth2/token$").stream()
            .filter(e -> e.status() == 200 && e.form().containsKey("client_secret"))
            .findFirst()
            .orElseThrow();
    assertThat(entry.form().keySet())
        .containsExactly(
            "client_id", "grant_type", "client_info", "client_secret", "claims", "scope");
    assertThat(entry.form()).containsEntry("scope", AZ_SCOPE).containsEntry("client_secret", "***");
  }

  @Test
  void azLoginWithAFederatedTokenAndWithABadSecret() {
    HttpResponse<String> federated =
        Clients.postForm(
            azure,
            azure.baseUrl().resolve("adfs/oauth2/token"),
            azLoginForm(null, azure.oidcToken("demo-wif")));
    assertThat(federated.statusCode()).isEqualTo(200);

    HttpResponse<String> bad =
        Clients.postForm(
            azure, azure.baseUrl().resolve("adfs/oauth2/token"), azLoginForm("wrong", null));
    assertThat(bad.statusCode()).isEqualTo(401);
    JsonNode error = Clients.json(bad.body());
    assertThat(error.get("error").asText()).isEqualTo("invalid_client");
    assertThat(error.get("error_description").asText()).startsWith("AADSTS7000215: ");

    HttpResponse<String> anonymous =
        Clients.get(azure, azure.baseUrl().resolve("subscriptions?api-version=2019-11-01"));
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void azCloudRegisterGetsTheStackShapeEvenWithItsDoubleSlash() {
    HttpResponse<String> response =
        Clients.get(
            azure, URI.create(azure.baseUrl() + "/metadata/endpoints?api-version=2015-01-01"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode doc = Clients.json(response.body());
    assertThat(doc.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "galleryEndpoint", "graphEndpoint", "portalEndpoint", "authentication");
    assertThat(doc.at("/authentication/loginEndpoint").asText())
        .isEqualTo(azure.baseUrl() + "adfs");
    assertThat(doc.at("/authentication/audiences/0").asText())
        .isEqualTo("https://management.core.windows.net/");
    assertThat(
            List.of(
                doc.get("galleryEndpoint").asText(),
                doc.get("graphEndpoint").asText(),
                doc.get("portalEndpoint").asText()))
        .allSatisfy(url -> assertThat(url).startsWith("https://"));
  }
}
