package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up, the files the emulator writes, the agent environment, and the JSON configuration. */
class LifecycleIT {

  @Test
  void startingAndStoppingTheDemoTakesWellUnderASecond() {
    AzureEmulator.builder().demo().start().close(); // class loading happens once per JVM
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long start = System.nanoTime();
      AzureEmulator.builder().demo().start().close();
      millis.add((System.nanoTime() - start) / 1_000_000);
    }
    Collections.sort(millis);
    System.out.println("Emulator start+stop (demo), warm, ms: " + millis);

    assertThat(millis.get(millis.size() / 2)).isLessThan(300);
  }

  @Test
  void theHostsFileCaAndTrustStoreAreWritten(@TempDir Path dir) throws Exception {
    Path hosts = dir.resolve("hosts");
    try (AzureEmulator azure = AzureEmulator.builder().demo().hostsFile(hosts).start()) {
      assertThat(azure.hostsFile()).isEqualTo(hosts);
      List<String> lines = Files.readAllLines(hosts);
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0).split(" "))
          .startsWith("127.0.0.1", "localhost")
          .contains(
              "demo-app.azurewebsites.net",
              "demo-app.scm.azurewebsites.net",
              "demo-app-staging.azurewebsites.net",
              "demo-app-staging.scm.azurewebsites.net",
              "demo-winapp.scm.azurewebsites.net",
              "demo-kv.vault.azure.net",
              "vstoken.dev.azure.com");

      X509Certificate ca;
      try (InputStream in = Files.newInputStream(azure.caPemFile())) {
        ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      assertThat(Files.readString(azure.caPemFile())).startsWith("-----BEGIN CERTIFICATE-----\n");
      assertThat(ca).isEqualTo(azure.caCertificate());
      assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = new FileInputStream(azure.trustStore().toFile())) {
        store.load(in, AzureEmulator.TRUST_STORE_PASSWORD.toCharArray());
      }
      assertThat(store.getCertificate(store.aliases().nextElement())).isEqualTo(ca);
    }
  }

  @Test
  void aFixedPortAndStateDirectoryAreHonouredAndTheStateIsKept(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path state = dir.resolve("state");
    try (AzureEmulator azure =
        AzureEmulator.builder().demo().port(port).stateDirectory(state).start()) {
      assertThat(azure.port()).isEqualTo(port);
      assertThat(azure.baseUrl().toString()).isEqualTo("https://localhost:" + port + "/");
      assertThat(azure.caPemFile()).startsWith(state);
    }
    assertThat(state.resolve("ca.pem")).exists();

    AzureEmulator temporary = AzureEmulator.builder().demo().start();
    Path temporaryState = temporary.stateDirectory();
    temporary.close();
    assertThat(temporaryState).doesNotExist();
  }

  @Test
  void theAgentEnvironmentHasEveryVariableFamilyForEveryConnection() throws Exception {
    try (AzureEmulator azure = AzureEmulator.builder().demo().start()) {
      Map<String, String> env = azure.agentEnvironment();
      String base = azure.baseUrl().toString();

      assertThat(env)
          .containsEntry("SYSTEM_COLLECTIONURI", base + "demo-org/")
          .containsEntry("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", base + "demo-org/")
          .containsEntry("SYSTEM_TEAMPROJECTID", Demo.PROJECT_ID)
          .containsEntry("SYSTEM_TEAMPROJECT", Demo.PROJECT)
          .containsEntry("SYSTEM_PLANID", Demo.PLAN_ID)
          .containsEntry("SYSTEM_JOBID", Demo.JOB_ID)
          .containsEntry("SYSTEM_HOSTTYPE", "build")
          .containsEntry(
              "SYSTEM_OIDCREQUESTURI",
              base
                  + "demo-org/"
                  + Demo.PROJECT_ID
                  + "/_apis/distributedtask/hubs/build/plans/"
                  + Demo.PLAN_ID
                  + "/jobs/"
                  + Demo.JOB_ID
                  + "/oidctoken")
          .containsEntry("AGENT_CAINFO", azure.caPemFile().toString())
          .containsEntry("ENDPOINT_URL_SYSTEMVSSCONNECTION", base + "demo-org/")
          .containsEntry("ENDPOINT_AUTH_SCHEME_SYSTEMVSSCONNECTION", "OAuth")
          .doesNotContainKey("AGENT_TEMPDIRECTORY");
      String token = env.get("SECRET_SYSTEM_ACCESSTOKEN");
      assertThat(token).hasSizeGreaterThan(52);
      assertThat(env.get("ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN"))
          .isEqualTo(token);
      assertThat(
              Clients.json(env.get("ENDPOINT_AUTH_SYSTEMVSSCONNECTION"))
                  .at("/parameters/AccessToken")
                  .asText())
          .isEqualTo(token);
      assertThat(Clients.json(env.get("VSTS_PUBLIC_VARIABLES")))
          .extracting(JsonNode::asText)
          .contains("System.TeamProjectId", "System.OidcRequestUri", "Agent.CAInfo");
      assertThat(Clients.json(env.get("VSTS_SECRET_VARIABLES")))
          .extracting(JsonNode::asText)
          .containsExactly("System.AccessToken");

      for (DemoConnection connection : DemoConnection.values()) {
        for (String id : List.of(connection.connectionId(), connection.connectionName())) {
          assertThat(env).containsEntry("ENDPOINT_URL_" + id, base);
          assertThat(env)
              .containsEntry("ENDPOINT_AUTH_SCHEME_" + id, connection.scheme().wireName());
          JsonNode auth = Clients.json(env.get("ENDPOINT_AUTH_" + id));
          assertThat(auth.get("scheme").asText()).isEqualTo(connection.scheme().wireName());
          assertThat(auth.at("/parameters/tenantid").asText()).isEqualTo(Demo.TENANT_ID);
          assertThat(env)
              .containsEntry("ENDPOINT_AUTH_PARAMETER_" + id + "_TENANTID", Demo.TENANT_ID);
          JsonNode data = Clients.json(env.get("ENDPOINT_DATA_" + id));
          assertThat(data.get("environment").asText()).isEqualTo("AzureEmulator");
          assertThat(data.get("scopeLevel").asText()).isEqualTo("Subscription");
          assertThat(data.get("subscriptionId").asText()).isEqualTo(Demo.SUBSCRIPTION_ID);
          assertThat(data.get("subscriptionName").asText()).isEqualTo("demo-sub");
          assertThat(data.get("activeDirectoryAuthority").asText()).isEqualTo(base);
          assertThat(data.get("AzureKeyVaultServiceEndpointResourceId").asText())
              .isEqualTo("https://vault.azure.net");
          assertThat(env)
              .containsEntry(
                  "ENDPOINT_DATA_" + id + "_AZUREKEYVAULTDNSSUFFIX",
                  "vault.azure.net:" + azure.port())
              .containsEntry("ENDPOINT_DATA_" + id + "_SUBSCRIPTIONID", Demo.SUBSCRIPTION_ID);
        }
      }
      assertThat(env)
          .containsEntry(
              "ENDPOINT_AUTH_PARAMETER_demo-secret_SERVICEPRINCIPALKEY", Demo.CLIENT_SECRET)
          .containsEntry("ENDPOINT_AUTH_PARAMETER_demo-secret_AUTHENTICATIONTYPE", "spnKey")
          .containsEntry("ENDPOINT_AUTH_PARAMETER_demo-cert_AUTHENTICATIONTYPE", "spnCertificate")
          .containsEntry(
              "ENDPOINT_AUTH_PARAMETER_"
                  + DemoConnection.WIF.connectionId()
                  + "_WORKLOADIDENTITYFEDERATIONISSUER",
              "https://vstoken.dev.azure.com/" + Demo.ORGANIZATION_ID)
          .containsEntry("ENDPOINT_DATA_demo-msi_MSICLIENTID", DemoConnection.MSI.clientId());
      assertThat(env.get("ENDPOINT_AUTH_PARAMETER_demo-cert_SERVICEPRINCIPALCERTIFICATE"))
          .contains("-----BEGIN CERTIFICATE-----")
          .contains("-----BEGIN PRIVATE KEY-----");
      assertThat(azure.azureCliEnvironment())
          .containsEntry("REQUESTS_CA_BUNDLE", azure.caPemFile().toString())
          .containsEntry("SSL_CERT_FILE", azure.caPemFile().toString())
          .containsEntry("AZURE_CORE_COLLECT_TELEMETRY", "false");
    }
  }

  @Test
  void theEnvFileRoundTripsAndIsPrivate(@TempDir Path dir) throws Exception {
    try (AzureEmulator azure = AzureEmulator.builder().demo().start()) {
      Path file = azure.writeEnvFile(dir.resolve("agent.env"));

      Map<String, String> read = EnvFile.read(file);
      assertThat(read).containsAllEntriesOf(azure.agentEnvironment());
      assertThat(read).containsAllEntriesOf(azure.azureCliEnvironment());
      assertThat(read).containsAllEntriesOf(azure.managedIdentityEnvironment());
      for (String line : Files.readAllLines(file)) {
        assertThat(line).matches("#.*|[A-Za-z0-9_.-]+=\".*\"");
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void describeNamesEveryEndpointButNoSecret() {
    try (AzureEmulator azure = AzureEmulator.builder().demo().start()) {
      String text = azure.describe();

      assertThat(text)
          .contains(azure.baseUrl().toString())
          .contains(azure.managedIdentityUrl().toString().replaceAll("/$", ""))
          .contains(azure.caPemFile().toString())
          .contains(azure.hostsFile().toString())
          .contains(Demo.ORGANIZATION_ID)
          .contains(DemoConnection.CERT.connectionId())
          .contains("https://demo-kv.vault.azure.net:" + azure.port() + "/")
          .contains("https://demo-app.scm.azurewebsites.net:" + azure.port() + "/")
          .doesNotContain(Demo.CLIENT_SECRET)
          .doesNotContain(azure.agentEnvironment().get("SECRET_SYSTEM_ACCESSTOKEN"))
          .doesNotContain("PRIVATE KEY");
    }
  }

  /** The example in the README is the configuration this test starts. */
  @Test
  void theReadmeConfigurationExampleStartsAndConfiguresWhatItSays() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int marker = readme.indexOf("<!-- emulator-config-example");
    int start = readme.indexOf("```json\n", marker) + "```json\n".length();
    String json = readme.substring(start, readme.indexOf("```", start));

    try (AzureEmulator azure =
        AzureEmulator.builder().configJson(json).hostsFile(Clients.hostsFile()).start()) {
      assertThat(azure.hostNames())
          .contains(
              "slow-app.scm.azurewebsites.net",
              "slow-app-canary.azurewebsites.net",
              "team-kv.vault.azure.net");
      String bearer =
          "Bearer "
              + azure.accessToken(DemoConnection.SECRET.clientId(), "https://vault.azure.net");
      URI certPem = azure.keyVaultUrl("team-kv").resolve("secrets/cert-pem?api-version=7.4");

      assertThat(Clients.get(azure, certPem, "Authorization", bearer).statusCode()).isEqualTo(429);
      assertThat(Clients.get(azure, certPem, "Authorization", bearer).statusCode()).isEqualTo(429);
      HttpResponse<String> ok = Clients.get(azure, certPem, "Authorization", bearer);
      assertThat(Clients.json(ok.body()).get("value").asText()).isEqualTo("line one\nline two");
      URI denied = azure.keyVaultUrl("team-kv").resolve("secrets/db-password?api-version=7.4");
      assertThat(Clients.get(azure, denied, "Authorization", bearer).statusCode()).isEqualTo(403);
      assertThat(azure.webApp("slow-app").basicAuthAllowed()).isFalse();
      assertThat(azure.webApp("slow-app").linuxFxVersion()).isEqualTo("JAVA|17-java17");
      assertThat(azure.webApp("slow-app", "canary").appSettings())
          .containsEntry("WEBSITE_RUN_FROM_PACKAGE", "0");
      assertThat(
              Clients.secretToken(
                  azure,
                  Demo.TENANT_ID,
                  "11111111-1111-4111-8111-111111111111",
                  "reader-secret",
                  "https://management.azure.com/.default"))
          .isNotBlank();
    }
  }

  @Test
  void configurationMistakesAreNamed() {
    assertThatThrownBy(() -> AzureEmulator.builder().configJson("{\"demo\":true,\"webApp\":[]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.webApp is not a known field");
    assertThatThrownBy(
            () ->
                AzureEmulator.builder()
                    .subscription(new Subscription("s1", "s1", "no-such-tenant"))
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refers to tenant no-such-tenant");
  }
}
