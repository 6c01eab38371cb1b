package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
  @Test
  void faultRulesValidateTheirFields() {
    assertThatThrownBy(() -> FaultRule.status(42)).hasMessageContaining("HTTP status");
    assertThatThrownBy(() -> FaultRule.delay(Duration.ofMillis(-1))).hasMessageContaining("delay");
    assertThatThrownBy(() -> FaultRule.reset().onPath("("))
        .isInstanceOf(java.util.regex.PatternSyntaxException.class);
    assertThatThrownBy(() -> FaultRule.reset().times(0)).hasMessageContaining("positive");
    assertThat(FaultRule.status(429).onMethod("get").method()).isEqualTo("GET");
  }

  @Test
  void secretsNeverAppearInToString() {
    assertThat(ClientSecret.of("hunter2")).hasToString("ClientSecret[value=***, expiresOn=null]");
    assertThat(VaultSecret.of("name", "hunter2").toString()).doesNotContain("hunter2");
    assertThat(
            ServiceConnection.servicePrincipalSecret("c", "id", "t", "client", "hunter2", "s")
                .toString())
        .doesNotContain("hunter2");
    assertThat(ClientSecret.of("x").isExpiredAt(Instant.now())).isFalse();
    assertThat(new ClientSecret("x", Instant.EPOCH).isExpiredAt(Instant.now())).isTrue();
  }

  @Test
  void aServicePrincipalConnectionNeedsExactlyOneCredential() {
    assertThatThrownBy(
            () ->
                new ServiceConnection(
                    "c",
                    "id",
                    ServiceConnection.Scheme.SERVICE_PRINCIPAL,
                    "t",
                    "client",
                    "s",
                    null,
                    null))
        .hasMessageContaining("exactly one");
  }

  @Test
  void theJsonConfigurationRejectsUnknownFieldsAndBadValuesByLocation() {
    assertThatThrownBy(
            () ->
                AzureEmulator.builder().configJson("{\"tenants\":[{\"id\":\"t\",\"nmae\":\"x\"}]}"))
        .hasMessageContaining("$.tenants[0].nmae is not a known field");
    assertThatThrownBy(
            () ->
                AzureEmulator.builder()
                    .configJson(
                        "{\"webApps\":[{\"subscriptionId\":\"s\",\"resourceGroup\":\"g\",\"name\":\"n\",\"os\":\"BeOS\"}]}"))
        .hasMessageContaining("$.webApps[0].os must be Linux or Windows");
    assertThatThrownBy(
            () ->
                AzureEmulator.builder()
                    .configJson(
                        "{\"roleAssignments\":[{\"principal\":\"p\",\"scope\":\"/\",\"role\":\"Janitor\"}]}"))
        .hasMessageContaining("unknown built-in role Janitor");
    assertThatThrownBy(
            () -> AzureEmulator.builder().configJson("{\"faults\":[{\"action\":\"explode\"}]}"))
        .hasMessageContaining("must be status, reset or delay");
    assertThatThrownBy(() -> AzureEmulator.builder().configJson("{\"port\":\"eighty\"}"))
        .hasMessageContaining("$.port must be an integer");
    assertThatThrownBy(() -> AzureEmulator.builder().configJson("{not json"))
        .hasMessageContaining("not valid JSON");
    assertThatCode(
            () ->
                AzureEmulator.builder()
                    .configJson(
                        "{\"roleAssignments\":[{\"principal\":\"p\",\"scope\":\"/\",\"role\":{\"name\":\"Custom\",\"actions\":[\"Microsoft.Web/sites/read\"]}}],"
                            + "\"faults\":[{\"action\":\"delay\",\"delayMillis\":5,\"times\":1}]}"))
        .doesNotThrowAnyException();
  }

  @Test
  void builtInRolesAreFoundByName() {
    assertThat(Role.builtIn("reader")).contains(Role.READER);
    assertThat(Role.builtIn("Key Vault Secrets User")).contains(Role.KEY_VAULT_SECRETS_USER);
    assertThat(Role.builtIn("Janitor")).isEmpty();
  }
}
