package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.appservice.AppServiceManager;
import com.azure.resourcemanager.appservice.models.DeployType;
import com.azure.resourcemanager.appservice.models.OperatingSystem;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ARM SDK and the webapp task's raw REST sequence against ARM and Kudu. */
class ArmAndKuduIT {
  private static final String ARM = "https://management.azure.com/";
  private static final String READER_APP = "de300000-0000-4000-8000-0000000000b1";
  private static final String OUTSIDER_APP = "de300000-0000-4000-8000-0000000000b2";
  private static final String SITE =
      "/subscriptions/"
          + Demo.SUBSCRIPTION_ID
          + "/resourceGroups/demo-rg/providers/Microsoft.Web/sites/demo-app";
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure =
        AzureEmulator.builder()
            .demo()
            .hostsFile(Clients.hostsFile())
            .app(AppRegistration.of(Demo.TENANT_ID, READER_APP).withSecret("reader-secret"))
            .app(AppRegistration.of(Demo.TENANT_ID, OUTSIDER_APP).withSecret("outsider-secret"))
            .roleAssignment(
                new RoleAssignment(
                    READER_APP, "/subscriptions/" + Demo.SUBSCRIPTION_ID, Role.READER))
            .start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  private static AppServiceManager manager() {
    TokenCredential credential =
        new ClientSecretCredentialBuilder()
            .authorityHost(azure.baseUrl().toString())
            .tenantId(Demo.TENANT_ID)
            .clientId(DemoConnection.SECRET.clientId())
            .clientSecret(Demo.CLIENT_SECRET)
            .disableInstanceDiscovery()
            .httpClient(Clients.azure(azure))
            .build();
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", azure.baseUrl().toString());
    endpoints.put("activeDirectoryEndpointUrl", azure.baseUrl().toString());
    AzureProfile profile =
        new AzureProfile(Demo.TENANT_ID, Demo.SUBSCRIPTION_ID, new AzureEnvironment(endpoints));
    return AppServiceManager.configure()
        .withHttpClient(Clients.azure(azure))
        .authenticate(credential, profile);
  }

  private static Path zip(Path dir, Map<String, String> files) throws IOException {
    Path zip = dir.resolve("package.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        out.putNextEntry(new ZipEntry(file.getKey()));
        out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return zip;
  }

  private static String armToken(String clientId) {
    return azure.accessToken(clientId, ARM);
  }

  private static HttpResponse<String> arm(String method, String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(azure.baseUrl().resolve(path.substring(1)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json; charset=utf-8");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return Clients.send(Clients.jdk(azure), request.build());
  }

  @Test
  void theArmSdkLoadsTheDemoWebAppAndItsZipDeployLandsTheFiles(@TempDir Path dir) throws Exception {
    com.azure.resourcemanager.appservice.models.WebApp app =
        manager().webApps().getByResourceGroup(Demo.RESOURCE_GROUP, Demo.WEB_APP);

    assertThat(app.name()).isEqualTo(Demo.WEB_APP);
    assertThat(app.defaultHostname()).isEqualTo("demo-app.azurewebsites.net:" + azure.port());
    assertThat(app.operatingSystem()).isEqualTo(OperatingSystem.LINUX);
    assertThat(app.linuxFxVersion()).isEqualTo("NODE|20-lts");

    app.zipDeploy(zip(dir, Map.of("index.html", "<h1>hello</h1>", "lib/app.js", "1;")).toFile());

    Path wwwroot = azure.wwwroot(Demo.WEB_APP);
    assertThat(wwwroot.resolve("index.html")).hasContent("<h1>hello</h1>");
    assertThat(wwwroot.resolve("lib/app.js")).hasContent("1;");
    assertThat(azure.webApp(Demo.WEB_APP).deployments().get(0).status())
        .isEqualTo(KuduDeployment.SUCCESS);
    // The site serves what was deployed.
    assertThat(
            Clients.get(
                    azure, URI.create("https://demo-app.azurewebsites.net:" + azure.port() + "/"))
                .body())
        .isEqualTo("<h1>hello</h1>");
  }

  @Test
  void oneDeployThroughTheSdkDeploysToTheSlot(@TempDir Path dir) throws Exception {
    var slot =
        manager()
            .webApps()
            .getByResourceGroup(Demo.RESOURCE_GROUP, Demo.WEB_APP)
            .deploymentSlots()
            .getByName(Demo.SLOT);
    slot.deploy(DeployType.ZIP, zip(dir, Map.of("slot.txt", "staging")).toFile());

    assertThat(azure.webApp(Demo.WEB_APP, Demo.SLOT).wwwroot().resolve("slot.txt"))
        .hasContent("staging");
  }

  @Test
  void theTasksAsyncZipDeployWithBasicAuthIsPolledThroughLocationUntilSuccess(@TempDir Path dir)
      throws Exception {
    String token = armToken(DemoConnection.WIF.clientId());
    JsonNode credentials =
        Clients.json(
                arm(
                        "POST",
                        SITE + "/config/publishingcredentials/list?api-version=2016-08-01",
                        token,
                        null)
                    .body())
            .get("properties");
    assertThat(credentials.get("scmUri").asText())
        .endsWith("@demo-app.scm.azurewebsites.net:" + azure.port());
    JsonNode policy =
        Clients.json(
            arm(
                    "GET",
                    SITE + "/basicPublishingCredentialsPolicies/scm?api-version=2022-03-01",
                    token,
                    null)
                .body());
    assertThat(policy.at("/properties/allow").asBoolean()).isTrue();
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (credentials.get("publishingUserName").asText()
                            + ":"
                            + credentials.get("publishingPassword").asText())
                        .getBytes(StandardCharsets.UTF_8));
    azure.configureDeployments(Demo.WEB_APP, null, Duration.ofMillis(1500), null);
    try {
      URI kudu = azure.kuduUrl(Demo.WEB_APP, null);
      assertThat(
              Clients.get(
                      azure, kudu.resolve("api/deployments?warmup=true"), "Authorization", basic)
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> accepted =
          Clients.send(
              Clients.jdk(azure),
              HttpRequest.newBuilder(
                      kudu.resolve(
                          "api/zipdeploy?isAsync=true&deployer=VSTS_ZIP_DEPLOY&message=build%2042"))
                  .header("Authorization", basic)
                  .header("Content-Type", "application/octet-stream")
                  .POST(
                      HttpRequest.BodyPublishers.ofFile(
                          zip(dir, Map.of("async.txt", "async deploy"))))
                  .build());
      assertThat(accepted.statusCode()).isEqualTo(202);
      URI location = URI.create(accepted.headers().firstValue("Location").orElseThrow());

      HttpResponse<String> first = Clients.get(azure, location, "Authorization", basic);
      assertThat(first.statusCode()).isEqualTo(202);
      assertThat(Clients.json(first.body()).get("status").asInt()).isBetween(0, 2);
      JsonNode status;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      do {
        Thread.sleep(100);
        status = Clients.json(Clients.get(azure, location, "Authorization", basic).body());
      } while (status.get("status").asInt() < 3 && System.nanoTime() < deadline);

      assertThat(status.get("status").asInt()).isEqualTo(4);
      assertThat(status.get("deployer").asText()).isEqualTo("VSTS_ZIP_DEPLOY");
      assertThat(status.get("message").asText()).isEqualTo("build 42");
      assertThat(status.get("complete").asBoolean()).isTrue();
      assertThat(azure.wwwroot(Demo.WEB_APP).resolve("async.txt")).hasContent("async deploy");
    } finally {
      azure.configureDeployments(Demo.WEB_APP, null, Duration.ZERO, null);
    }
  }

  @Test
  void aFailingDeploymentEndsWithStatus3AndAKuduLogWithDetails(@TempDir Path dir) throws Exception {
    String bearer = "Bearer " + armToken(DemoConnection.SECRET.clientId());
    azure.configureDeployments(Demo.WEB_APP, Demo.SLOT, Duration.ZERO, "npm ERR! missing script");
    try {
      URI kudu = azure.kuduUrl(Demo.WEB_APP, Demo.SLOT);
      HttpResponse<String> response =
          Clients.send(
              Clients.jdk(azure),
              HttpRequest.newBuilder(kudu.resolve("api/zipdeploy?isAsync=true"))
                  .header("Authorization", bearer)
                  .POST(HttpRequest.BodyPublishers.ofFile(zip(dir, Map.of("a.txt", "a"))))
                  .build());
      String id = response.headers().firstValue("SCM-DEPLOYMENT-ID").orElseThrow();
      JsonNode deployment;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      do {
        Thread.sleep(50);
        deployment =
            Clients.json(
                Clients.get(azure, kudu.resolve("api/deployments/" + id), "Authorization", bearer)
                    .body());
      } while (deployment.get("status").asInt() < 3 && System.nanoTime() < deadline);

      assertThat(deployment.get("status").asInt()).isEqualTo(3);
      JsonNode log =
          Clients.json(
              Clients.get(
                      azure,
                      URI.create(deployment.get("log_url").asText()),
                      "Authorization",
                      bearer)
                  .body());
      JsonNode failed = log.get(log.size() - 1);
      assertThat(failed.get("type").asInt()).isEqualTo(2);
      JsonNode details =
          Clients.json(
              Clients.get(
                      azure,
                      URI.create(failed.get("details_url").asText()),
                      "Authorization",
                      bearer)
                  .body());
      assertThat(details.get(0).get("message").asText()).isEqualTo("npm ERR! missing script");
    } finally {
      azure.configureDeployments(Demo.WEB_APP, Demo.SLOT, Duration.ZERO, null);
    }
  }

  @Test
  void basicAuthIsRefusedWhereThePolicyDisablesItAndBearerStillWorks() {
    String token = armToken(DemoConnection.SECRET.clientId());
    String winSite = SITE.replace("demo-app", "demo-winapp");
    JsonNode credentials =
        Clients.json(
                arm(
                        "POST",
                        winSite + "/config/publishingcredentials/list?api-version=2016-08-01",
                        token,
                        null)
                    .body())
            .get("properties");
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (credentials.get("publishingUserName").asText()
                            + ":"
                            + credentials.get("publishingPassword").asText())
                        .getBytes(StandardCharsets.UTF_8));
    URI deployments = azure.kuduUrl(Demo.WINDOWS_WEB_APP, null).resolve("api/deployments");

    assertThat(Clients.get(azure, deployments, "Authorization", basic).statusCode()).isEqualTo(401);
    assertThat(Clients.get(azure, deployments, "Authorization", "Bearer " + token).statusCode())
        .isEqualTo(200);
    assertThat(Clients.get(azure, deployments).statusCode()).isEqualTo(401);
  }

  @Test
  void aReaderGetsTheSiteButA403WithArmsBodyForThePublishingCredentials() {
    String token =
        Clients.secretToken(azure, Demo.TENANT_ID, READER_APP, "reader-secret", ARM + ".default");

    assertThat(arm("GET", SITE + "?api-version=2025-03-01", token, null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> denied =
        arm(
            "POST",
            SITE + "/config/publishingcredentials/list?api-version=2016-08-01",
            token,
            null);

    assertThat(denied.statusCode()).isEqualTo(403);
    JsonNode error = Clients.json(denied.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("AuthorizationFailed");
    assertThat(error.get("message").asText())
        .startsWith("The client '" + READER_APP + "' with object id '")
        .contains(
            "does not have authorization to perform action 'Microsoft.Web/sites/config/list/action'")
        .contains("over scope '" + SITE + "/config/publishingcredentials'");
  }

  @Test
  void anIdentityWithoutRolesSeesNoSubscriptionAndTokensAreChecked() {
    String outsider =
        Clients.secretToken(
            azure, Demo.TENANT_ID, OUTSIDER_APP, "outsider-secret", ARM + ".default");
    JsonNode subscriptions =
        Clients.json(arm("GET", "/subscriptions?api-version=2019-11-01", outsider, null).body());
    assertThat(subscriptions.get("value")).isEmpty();
    assertThat(arm("GET", SITE + "?api-version=2025-03-01", outsider, null).statusCode())
        .isEqualTo(403);

    HttpResponse<String> missing = arm("GET", SITE + "?api-version=2025-03-01", null, null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer "));
    String vaultToken =
        azure.accessToken(DemoConnection.SECRET.clientId(), "https://vault.azure.net");
    HttpResponse<String> wrongAudience =
        arm("GET", SITE + "?api-version=2025-03-01", vaultToken, null);
    assertThat(wrongAudience.statusCode()).isEqualTo(401);
    assertThat(wrongAudience.body()).contains("InvalidAuthenticationToken");
    assertThat(arm("GET", SITE, armToken(DemoConnection.SECRET.clientId()), null).body())
        .contains("MissingApiVersionParameter");
  }

  @Test
  void theResourceLookupOfTheWebappTaskFindsTheSite() {
    HttpResponse<String> response =
        arm(
            "GET",
            "/subscriptions/"
                + Demo.SUBSCRIPTION_ID
                + "/resources?$filter=resourceType%20EQ%20%27Microsoft.Web%2FSites%27%20AND%20name%20EQ%20%27demo-app%27&api-version=2016-07-01",
            armToken(DemoConnection.MSI.clientId()),
            null);

    JsonNode value = Clients.json(response.body()).get("value");
    assertThat(value).hasSize(1);
    assertThat(value.get(0).get("id").asText()).isEqualTo(SITE);
    assertThat(value.get(0).get("kind").asText()).isEqualTo("app,linux");
  }

  @Test
  void appSettingsConfigAndPublishXmlBehaveAsTheTaskExpects() {
    String token = armToken(DemoConnection.SECRET.clientId());
    String slot = SITE + "/slots/staging";
    HttpResponse<String> put =
        arm(
            "PUT",
            slot + "/config/appsettings?api-version=2016-08-01",
            token,
            "{\"properties\":{\"A\":\"1\",\"WEBSITE_ENABLE_SYNC_UPDATE_SITE\":\"true\"}}");
    assertThat(put.statusCode()).isEqualTo(200);
    JsonNode settings =
        Clients.json(
            arm("POST", slot + "/config/appsettings/list?api-version=2016-08-01", token, null)
                .body());
    assertThat(settings.at("/properties/A").asText()).isEqualTo("1");
    assertThat(azure.webApp(Demo.WEB_APP, Demo.SLOT).appSettings()).containsEntry("A", "1");

    arm(
        "PATCH",
        slot + "/config/web?api-version=2018-02-01",
        token,
        "{\"properties\":{\"linuxFxVersion\":\"JAVA|17-java17\",\"appCommandLine\":\"java -jar app.jar\"}}");
    JsonNode web =
        Clients.json(arm("GET", slot + "/config/web?api-version=2018-02-01", token, null).body());
    assertThat(web.at("/properties/linuxFxVersion").asText()).isEqualTo("JAVA|17-java17");
    assertThat(azure.webApp(Demo.WEB_APP, Demo.SLOT).appCommandLine())
        .isEqualTo("java -jar app.jar");
    assertThat(arm("GET", slot + "/config/logs?api-version=2025-03-01", token, null).statusCode())
        .isEqualTo(200);

    String xml = arm("POST", SITE + "/publishxml?api-version=2016-08-01", token, null).body();
    assertThat(xml)
        .contains("publishMethod=\"MSDeploy\"")
        .contains("publishMethod=\"ZipDeploy\"")
        .contains("destinationAppUrl=\"https://demo-app.azurewebsites.net:" + azure.port() + "\"");
  }

  @Test
  void theRecordTheTaskWritesAfterADeploymentIsKept() {
    String bearer = "Bearer " + armToken(DemoConnection.SECRET.clientId());
    URI kudu = azure.kuduUrl(Demo.WEB_APP, null);
    HttpResponse<String> put =
        Clients.send(
            Clients.jdk(azure),
            HttpRequest.newBuilder(kudu.resolve("api/deployments/1700000000000"))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"active\":true,\"status\":4,\"message\":\"{\\\"type\\\":\\\"Deployment\\\"}\",\"author\":\"demo\",\"deployer\":\"VSTS\"}"))
                .build());
    assertThat(put.statusCode()).isEqualTo(200);

    JsonNode latest =
        Clients.json(
            Clients.get(azure, kudu.resolve("api/deployments/latest"), "Authorization", bearer)
                .body());
    assertThat(latest.get("id").asText()).isEqualTo("1700000000000");
    assertThat(latest.get("deployer").asText()).isEqualTo("VSTS");
    assertThat(latest.get("active").asBoolean()).isTrue();
  }

  @Test
  void theManifestOfADeploymentCanBeCopiedThroughTheVfsAsTheTaskDoes(@TempDir Path dir)
      throws Exception {
    String bearer = "Bearer " + armToken(DemoConnection.SECRET.clientId());
    URI kudu = azure.kuduUrl(Demo.WINDOWS_WEB_APP, null);
    HttpResponse<String> deployed =
        Clients.send(
            Clients.jdk(azure),
            HttpRequest.newBuilder(kudu.resolve("api/zipdeploy"))
                .header("Authorization", bearer)
                .POST(
                    HttpRequest.BodyPublishers.ofFile(
                        zip(dir, Map.of("web.config", "<configuration/>"))))
                .build());
    assertThat(deployed.statusCode()).isEqualTo(200);
    String id = deployed.headers().firstValue("SCM-DEPLOYMENT-ID").orElseThrow();

    HttpResponse<String> manifest =
        Clients.get(
            azure,
            kudu.resolve("api/vfs/site/deployments/" + id + "/manifest"),
            "Authorization",
            bearer);
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.body()).contains("web.config");
    HttpResponse<String> copied =
        Clients.send(
            Clients.jdk(azure),
            HttpRequest.newBuilder(kudu.resolve("api/vfs/site/deployments/1700000000001/manifest"))
                .header("Authorization", bearer)
                .header("If-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest.body()))
                .build());
    assertThat(copied.statusCode()).isEqualTo(201);
  }

  @Test
  void theVaultIsAnArmResourceToo() {
    JsonNode vault =
        Clients.json(
            arm(
                    "GET",
                    "/subscriptions/"
                        + Demo.SUBSCRIPTION_ID
                        + "/resourceGroups/demo-rg/providers/Microsoft.KeyVault/vaults/demo-kv?api-version=2023-07-01",
                    armToken(DemoConnection.SECRET.clientId()),
                    null)
                .body());
    assertThat(vault.at("/properties/vaultUri").asText())
        .isEqualTo("https://demo-kv.vault.azure.net:" + azure.port() + "/");
    assertThat(vault.at("/properties/tenantId").asText()).isEqualTo(Demo.TENANT_ID);
  }
}
