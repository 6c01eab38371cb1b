package io.pipelinetasks.task.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenRequestContext;
import io.pipelinetasks.emulator.AppRegistration;
import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.DemoConnection;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Real Entra-shaped failures from the emulator become errors that name the connection and the fix.
 */
class EntraErrorsIT {

  private static AuthenticationException failure(
      AzureEmulator azure, Map<String, String> env, String connection) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                Connections.inTask(
                    env,
                    context -> {
                      AzureAuth auth =
                          AzureCredentials.create(
                              context, AzureRmConnections.resolve(context, connection));
                      return auth.credential()
                          .getTokenSync(new TokenRequestContext().addScopes(auth.armScope()));
                    }));
    assertThat(thrown).isInstanceOf(AuthenticationException.class);
    return (AuthenticationException) thrown;
  }

  private static AzureEmulator emulator(UnaryOperator<AzureEmulator.Builder> change) {
    return change.apply(AzureEmulator.builder().demo()).start();
  }

  /** The demo, with the app registration of {@code clientId} holding only {@code credentials}. */
  private static AzureEmulator emulatorWithApp(
      String clientId, UnaryOperator<AppRegistration> credentials) {
    return emulator(
        b ->
            b.updateApp(
                clientId, app -> credentials.apply(AppRegistration.of(app.tenantId(), clientId))));
  }

  @Test
  void aWrongSecretIs7000215() {
    try (AzureEmulator azure = emulator(b -> b)) {
      Map<String, String> env = new HashMap<>(azure.agentEnvironment());
      env.put("ENDPOINT_AUTH_PARAMETER_demo-secret_SERVICEPRINCIPALKEY", "wrong-secret-value");
      env.remove("ENDPOINT_AUTH_demo-secret");
      AuthenticationException error = failure(azure, env, "demo-secret");
      assertThat(error.code()).isEqualTo("AADSTS7000215");
      assertThat(error.getMessage()).contains("demo-secret").contains("client secret is wrong");
    }
  }

  @Test
  void anExpiredSecretIs7000222() {
    String clientId = DemoConnection.SECRET.clientId();
    try (AzureEmulator azure =
        emulatorWithApp(
            clientId,
            app -> app.withSecret(Demo.CLIENT_SECRET, Instant.parse("2024-01-01T00:00:00Z")))) {
      AuthenticationException error = failure(azure, azure.agentEnvironment(), "demo-secret");
      assertThat(error.code()).isEqualTo("AADSTS7000222");
      assertThat(error.getMessage())
          .contains("has expired")
          .contains("/_settings/adminservices?resourceId=");
    }
  }

  @Test
  void anUnknownAppIs700016AndAnUnknownTenantIs90002() {
    try (AzureEmulator azure = emulator(b -> b)) {
      Map<String, String> env = new HashMap<>(azure.agentEnvironment());
      env.put(
          "ENDPOINT_AUTH_PARAMETER_demo-secret_SERVICEPRINCIPALID",
          "99999999-9999-4999-8999-999999999999");
      env.remove("ENDPOINT_AUTH_demo-secret");
      assertThat(failure(azure, env, "demo-secret").code()).isEqualTo("AADSTS700016");
      env.put(
          "ENDPOINT_AUTH_PARAMETER_demo-secret_SERVICEPRINCIPALID",
          DemoConnection.SECRET.clientId());
      env.put(
          "ENDPOINT_AUTH_PARAMETER_demo-secret_TENANTID", "99999999-0000-4000-8000-000000000000");
      AuthenticationException tenant = failure(azure, env, "demo-secret");
      assertThat(tenant.code()).isEqualTo("AADSTS90002");
      assertThat(tenant.getMessage()).contains("Directory (tenant) ID");
    }
  }

  @Test
  void aFederatedCredentialWithAnotherSubjectIs700213AndShowsWhatWasPresented() {
    String clientId = DemoConnection.WIF.clientId();
    try (AzureEmulator azure =
        emulatorWithApp(
            clientId,
            app ->
                app.withFederatedCredential(
                    "https://vstoken.dev.azure.com/" + Demo.ORGANIZATION_ID,
                    "sc://demo-org/demo-project/renamed-connection"))) {
      AuthenticationException error = failure(azure, azure.agentEnvironment(), "demo-wif");
      assertThat(error.code()).isEqualTo("AADSTS700213");
      assertThat(error.getMessage())
          .contains("subject 'sc://demo-org/demo-project/demo-wif'")
          .contains("issuer 'https://vstoken.dev.azure.com/" + Demo.ORGANIZATION_ID + "'")
          .contains("client id " + clientId)
          .contains(EntraErrors.TROUBLESHOOTING);
    }
  }

  @Test
  void aFederatedCredentialWithAnotherIssuerAndSubjectIs70021() {
    String clientId = DemoConnection.WIF.clientId();
    try (AzureEmulator azure =
        emulatorWithApp(
            clientId,
            app ->
                app.withFederatedCredential(
                    "https://token.actions.githubusercontent.com",
                    "repo:org/repo:ref:refs/heads/main"))) {
      AuthenticationException error = failure(azure, azure.agentEnvironment(), "demo-wif");
      assertThat(error.code()).isEqualTo("AADSTS70021");
      assertThat(error.getMessage())
          .contains("A federated credential with exactly this issuer and subject must exist");
    }
  }

  @Test
  void anExpiredLateBoundIdTokenIsReplacedSoTheExchangeDoesNotFailWith700024() {
    try (AzureEmulator azure =
        emulator(b -> b.oidcTokenLifetime(java.time.Duration.ofSeconds(1)))) {
      Map<String, String> env = new HashMap<>(azure.agentEnvironment());
      env.put("ENDPOINT_AUTH_PARAMETER_demo-wif_IDTOKEN", azure.oidcToken("demo-wif"));
      env.remove("ENDPOINT_AUTH_demo-wif");
      sleepQuietly(1500);
      var token =
          Connections.inTask(
                  env,
                  context -> {
                    AzureAuth auth =
                        AzureCredentials.create(
                            context, AzureRmConnections.resolve(context, "demo-wif"));
                    return auth.credential()
                        .getTokenSync(new TokenRequestContext().addScopes(auth.armScope()));
                  })
              .value();
      assertThat(token.getToken()).isNotBlank();
      assertThat(azure.journal().find("POST", "/oidctoken$")).isNotEmpty();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
