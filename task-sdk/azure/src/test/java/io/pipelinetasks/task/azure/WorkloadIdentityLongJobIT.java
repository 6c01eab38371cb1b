package io.pipelinetasks.task.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientAssertionCredentialBuilder;
import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.DemoConnection;
import io.pipelinetasks.emulator.JournalEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reason the project exists: with the Azure DevOps idToken living only a few seconds, token
 * requests spread past its lifetime all succeed, because every exchange asks for a fresh idToken.
 * The same spread with one idToken fetched up front, as the official tasks do, fails with
 * AADSTS700024.
 */
class WorkloadIdentityLongJobIT {
  private static final Duration LIFETIME = Duration.ofSeconds(3);
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure = AzureEmulator.builder().demo().oidcTokenLifetime(LIFETIME).start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @Test
  void tokenRequestsSpreadPastTheIdTokenLifetimeAllSucceed() {
    azure.journal().clear();
    Connections.Result<List<AccessToken>> result =
        Connections.inTask(
            azure.agentEnvironment(),
            context -> {
              AzureAuth auth =
                  AzureCredentials.create(context, AzureRmConnections.resolve(context, "demo-wif"));
              List<AccessToken> tokens = new ArrayList<>();
              for (String scope :
                  List.of(
                      auth.armScope(), auth.keyVaultScope(), auth.graphScope(), auth.armScope())) {
                tokens.add(
                    auth.credential().getTokenSync(new TokenRequestContext().addScopes(scope)));
                sleep(LIFETIME.plusMillis(500));
              }
              return tokens;
            });
    assertThat(result.value()).hasSize(4).allSatisfy(t -> assertThat(t.getToken()).isNotBlank());
    List<JournalEntry> exchanges = azure.journal().find("POST", "/oauth2/v2.0/token$");
    assertThat(exchanges).hasSize(4).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
    assertThat(azure.journal().find("POST", "/oidctoken$").size()).isGreaterThanOrEqualTo(4);
    assertThat(result.run().leaks()).isZero();
    for (AccessToken token : result.value()) {
      assertThat(String.join("\n", result.run().output())).doesNotContain(token.getToken());
    }
  }

  @Test
  void theOfficialOneShotIdTokenFailsWithAadsts700024OnceItHasExpired() {
    Connections.Result<AuthenticationException> result =
        Connections.inTask(
            azure.agentEnvironment(),
            context -> {
              AzureRmConnection connection = AzureRmConnections.resolve(context, "demo-wif");
              String oneShot = OidcTokenClient.of(context).idToken("demo-wif").reveal();
              var credential =
                  new ClientAssertionCredentialBuilder()
                      .httpClient(AzureCredentials.httpClient(context))
                      .authorityHost(connection.cloud().authorityHost())
                      .tenantId(connection.tenantId())
                      .clientId(DemoConnection.WIF.clientId())
                      .clientAssertion(() -> oneShot)
                      .disableInstanceDiscovery()
                      .maxRetry(0)
                      .build();
              credential.getTokenSync(
                  new TokenRequestContext().addScopes(connection.cloud().armScope()));
              sleep(LIFETIME.plusMillis(1500));
              try {
                credential.getTokenSync(
                    new TokenRequestContext().addScopes(connection.cloud().keyVaultScope()));
                return null;
              } catch (RuntimeException expired) {
                return EntraErrors.map(
                    expired, connection, Optional.empty(), Optional.empty(), Optional.empty());
              }
            });
    assertThat(result.value()).isNotNull();
    assertThat(result.value().code()).isEqualTo("AADSTS700024");
    assertThat(result.value().getMessage()).contains("expired").contains("demo-wif");
  }

  @Test
  void anExpiredIdTokenIsMappedToItsHintThroughTheCredential() {
    assertThatThrownBy(
            () ->
                Connections.inTask(
                    azure.agentEnvironment(),
                    context -> {
                      throw EntraErrors.explain(
                          "AADSTS700024: Client assertion is not within its valid time range.",
                          AzureRmConnections.resolve(context, "demo-wif"),
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty());
                    }))
        .hasMessageContaining("fresh idToken for every exchange");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
