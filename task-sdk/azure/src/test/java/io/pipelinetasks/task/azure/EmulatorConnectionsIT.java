package io.pipelinetasks.task.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.task.TaskContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every scheme against the emulator: the connection resolves, its credential gets an ARM token over
 * HTTPS trusted through AGENT_CAINFO, and the token lists the subscription from ARM. No secret,
 * idToken or access token reaches the task's output.
 */
class EmulatorConnectionsIT {
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure = AzureEmulator.builder().demo().start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo-wif", "demo-secret", "demo-cert"})
  void eachSchemeGetsAnArmTokenAndCallsArm(String connection) {
    Connections.Result<String> result =
        Connections.inTask(
            azure.agentEnvironment(), context -> listSubscriptions(context, connection));
    assertThat(result.value()).contains(Demo.SUBSCRIPTION_ID);
    assertThat(result.run().leaks()).isZero();
    assertThat(String.join("\n", result.run().output())).doesNotContain(Demo.CLIENT_SECRET);
  }

  @Test
  void aPkcs1CertificateIsConvertedAndSignsIn() {
    Map<String, String> env = new HashMap<>(azure.agentEnvironment());
    String pem = env.get("ENDPOINT_AUTH_PARAMETER_demo-cert_SERVICEPRINCIPALCERTIFICATE");
    String pkcs1 = Pems.toPkcs1(pem);
    assertThat(pkcs1).contains("BEGIN RSA PRIVATE KEY").doesNotContain("BEGIN PRIVATE KEY");
    env.put("ENDPOINT_AUTH_PARAMETER_demo-cert_SERVICEPRINCIPALCERTIFICATE", pkcs1);
    env.remove("ENDPOINT_AUTH_demo-cert");
    assertThat(Connections.inTask(env, context -> listSubscriptions(context, "demo-cert")).value())
        .contains(Demo.SUBSCRIPTION_ID);
  }

  @Test
  void anAzureStackConnectionTakesItsAuthorityAndAudienceFromTheCloudMetadata() {
    Map<String, String> env = new HashMap<>(azure.agentEnvironment());
    env.put("ENDPOINT_DATA_demo-secret_ENVIRONMENT", "AzureStack");
    env.remove("ENDPOINT_DATA_demo-secret_ACTIVEDIRECTORYAUTHORITY");
    env.remove("ENDPOINT_DATA_demo-secret_ENVIRONMENTAUTHORITYURL");
    env.remove("ENDPOINT_DATA_demo-secret");
    Connections.Result<AzureCloud> cloud =
        Connections.inTask(
            env, context -> AzureRmConnections.resolve(context, "demo-secret").cloud());
    assertThat(cloud.value().adfs()).isTrue();
    assertThat(cloud.value().authorityHost()).isEqualTo(azure.baseUrl().toString());
    assertThat(
            Connections.inTask(env, context -> listSubscriptions(context, "demo-secret")).value())
        .contains(Demo.SUBSCRIPTION_ID);
  }

  static String listSubscriptions(TaskContext context, String connection) {
    AzureAuth auth =
        AzureCredentials.create(context, AzureRmConnections.resolve(context, connection));
    AccessToken token =
        auth.credential().getTokenSync(new TokenRequestContext().addScopes(auth.armScope()));
    try {
      HttpClient http = context.http().httpClientBuilder().build();
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          auth.cloud().resourceManagerUrl()
                              + "subscriptions?api-version=2022-12-01"))
                  .header("Authorization", "Bearer " + token.getToken())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      context.log().info("ARM answered " + response.statusCode());
      return response.body();
    } catch (java.io.IOException | InterruptedException failed) {
      throw new IllegalStateException(failed);
    }
  }
}
