package io.pipelinetasks.tasks.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.task.azure.AzureCloud;
import org.junit.jupiter.api.Test;

class VaultNamesTest {

  private static AzureCloud cloud(String name, String suffix) {
    return new AzureCloud(
        name,
        "https://management.example/",
        "https://login.example/",
        false,
        "https://management.example/",
        suffix,
        "https://vault.example",
        "https://graph.example/");
  }

  @Test
  void aNameMustReadTheSameAfterUriComponentEncoding() {
    assertThat(VaultNames.valid("my-vault-01")).isTrue();
    assertThat(VaultNames.valid("a.b_c~!*'()")).isTrue();
    assertThat(VaultNames.valid("demo-kv/secrets")).isFalse();
    assertThat(VaultNames.valid("evil.example:443")).isFalse();
    assertThat(VaultNames.valid("with space")).isFalse();
    assertThat(VaultNames.valid("vault?x=1")).isFalse();
    assertThat(VaultNames.valid("")).isFalse();
  }

  @Test
  void publicAndSovereignKeyVaultDomainsKeepTheChallengeCheck() {
    AzureCloud custom = cloud("AzureEmulator", "vault.azure.net:8443");
    assertThat(VaultNames.isKeyVaultHost("https://kv.vault.azure.net", custom)).isTrue();
    assertThat(VaultNames.isKeyVaultHost("https://kv.vault.azure.net:8443", custom)).isTrue();
    assertThat(VaultNames.isKeyVaultHost("https://kv.vault.azure.cn", custom)).isTrue();
    assertThat(VaultNames.isKeyVaultHost("https://kv.vault.usgovcloudapi.net", custom)).isTrue();
    assertThat(VaultNames.isKeyVaultHost("https://kv.vault.microsoftazure.de", custom)).isTrue();
    assertThat(VaultNames.isKeyVaultHost("https://kv.evilvault.azure.net", custom)).isFalse();
  }

  @Test
  void onlyAnAzureStackConnectionAddsItsOwnSuffix() {
    String url = "https://kv.vault.local.azurestack.external";
    assertThat(
            VaultNames.isKeyVaultHost(url, cloud("AzureStack", "vault.local.azurestack.external")))
        .isTrue();
    assertThat(VaultNames.isKeyVaultHost(url, cloud("MyCloud", "vault.local.azurestack.external")))
        .isFalse();
    assertThat(
            VaultNames.isKeyVaultHost("https://kv.localhost:8443", cloud("Dev", "localhost:8443")))
        .isFalse();
  }
}
