package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ManagedIdentityCredential} in child JVMs whose environment points MSAL at the emulator, in
 * the IMDS form and in the App Service form.
 */
class ManagedIdentityIT {
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure = AzureEmulator.builder().demo().start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  private static Process probe(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ManagedIdentityProbe.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Start from a clean slate: a developer's own managed-identity variables must not leak in.
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("AZURE_") || k.startsWith("IDENTITY_") || k.startsWith("MSI_"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static JWTClaimsSet token(Process process) throws Exception {
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("probe finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("TOKEN ") || l.startsWith("ERROR "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No result from the probe:\n" + output));
    assertThat(line).as(output).startsWith("TOKEN ");
    return Clients.claims(line.substring(6));
  }

  /** The request the Azure SDK made (the other test calls the same paths with the JDK client). */
  private static JournalEntry fromProbe(String path) {
    return azure.journal().find("GET", path).stream()
        .filter(e -> String.valueOf(e.header("User-Agent")).contains("azsdk-java"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void bothManagedIdentityFormsIssueTokensToTheRightIdentity() throws Exception {
    Process imds =
        probe(
            Map.of(
                "AZURE_POD_IDENTITY_AUTHORITY_HOST",
                azure.managedIdentityEnvironment().get("AZURE_POD_IDENTITY_AUTHORITY_HOST")),
            "https://management.azure.com/.default");
    Process appService =
        probe(
            Map.of(
                "IDENTITY_ENDPOINT", azure.managedIdentityEnvironment().get("IDENTITY_ENDPOINT"),
                "IDENTITY_HEADER", azure.managedIdentityEnvironment().get("IDENTITY_HEADER")),
            "https://vault.azure.net/.default",
            DemoConnection.MSI.clientId());

    JWTClaimsSet system = token(imds);
    JWTClaimsSet user = token(appService);

    assertThat(system.getStringClaim("appid")).isEqualTo(Demo.SYSTEM_ASSIGNED_CLIENT_ID);
    assertThat(system.getAudience()).containsExactly("https://management.azure.com");
    assertThat(system.getStringClaim("tid")).isEqualTo(Demo.TENANT_ID);
    assertThat(user.getStringClaim("appid")).isEqualTo(DemoConnection.MSI.clientId());
    assertThat(user.getStringClaim("oid")).isEqualTo(DemoConnection.MSI.objectId());
    assertThat(user.getStringClaim("xms_mirid"))
        .endsWith("/userAssignedIdentities/demo-msi-identity");
    assertThat(user.getAudience()).containsExactly("https://vault.azure.net");

    JournalEntry imdsRequest = fromProbe("^/metadata/identity/oauth2/token$");
    assertThat(imdsRequest.header("Metadata")).isEqualTo("true");
    assertThat(imdsRequest.queryValue("api-version")).isEqualTo("2018-02-01");
    JournalEntry appServiceRequest = fromProbe("^/msi/token$");
    assertThat(appServiceRequest.queryValue("client_id")).isEqualTo(DemoConnection.MSI.clientId());
    assertThat(appServiceRequest.header("X-IDENTITY-HEADER")).isEqualTo(JournalEntry.REDACTED);
  }

  @Test
  void requestsWithoutTheProofHeadersOrForUnknownIdentitiesAreRefused() {
    HttpResponse<String> noMetadata =
        Clients.get(
            azure,
            azure
                .managedIdentityUrl()
                .resolve(
                    "metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"));
    assertThat(noMetadata.statusCode()).isEqualTo(400);
    assertThat(noMetadata.body()).contains("Required metadata header not specified");

    HttpResponse<String> wrongHeader =
        Clients.get(
            azure,
            azure
                .managedIdentityUrl()
                .resolve("msi/token?api-version=2019-08-01&resource=https://management.azure.com/"),
            "X-IDENTITY-HEADER",
            "guess");
    assertThat(wrongHeader.statusCode()).isEqualTo(401);

    HttpResponse<String> unknown =
        Clients.get(
            azure,
            azure
                .managedIdentityUrl()
                .resolve(
                    "metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id=de300000-0000-4000-8000-0000000000dd"),
            "Metadata",
            "true");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(Clients.json(unknown.body()).get("error_description").asText())
        .isEqualTo("Identity not found");

    HttpResponse<String> ok =
        Clients.get(
            azure,
            azure
                .managedIdentityUrl()
                .resolve(
                    "metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"),
            "Metadata",
            "true");
    var body = Clients.json(ok.body());
    assertThat(body.get("expires_on").asText()).matches("\\d+");
    assertThat(body.get("resource").asText()).isEqualTo("https://management.azure.com/");
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
  }
}
