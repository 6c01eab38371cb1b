package io.pipelinetasks.tasks.keyvault;

import io.pipelinetasks.task.azure.AzureCloud;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rules about vault names and vault hosts. */
final class VaultNames {
  // The Key Vault domains of the public and sovereign clouds.
  private static final List<String> KEY_VAULT_DOMAINS =
      List.of(
          "vault.azure.net",
          "vault.azure.cn",
          "vault.usgovcloudapi.net",
          "vault.microsoftazure.de");

  private VaultNames() {}

  /**
   * Whether a vault name is accepted: it must read the same after URI component encoding, the
   * official task's rule, so the name cannot change the URL's host or path. Only letters, digits
   * and {@code - _ . ! ~ * ' ( )} pass.
   */
  static boolean valid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-_.!~*'()".indexOf(c) >= 0;
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the vault URL is on a real Key Vault domain: a public or sovereign cloud's, or the
   * Azure Stack connection's own. Only then may the SDK's check stay on that the authentication
   * challenge names a resource of the vault's domain; for any other host (a custom cloud whose
   * suffix is not a Key Vault domain) the check would refuse every request, so it is switched off
   * there and nowhere else.
   */
  static boolean isKeyVaultHost(String vaultUrl, AzureCloud cloud) {
    String host = URI.create(vaultUrl).getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    List<String> domains = new ArrayList<>(KEY_VAULT_DOMAINS);
    if (cloud.name().equalsIgnoreCase("AzureStack")) {
      domains.add(withoutPort(cloud.keyVaultDnsSuffix()));
    }
    for (String domain : domains) {
      if (!domain.isEmpty() && host.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  private static String withoutPort(String suffix) {
    int colon = suffix.indexOf(':');
    return (colon < 0 ? suffix : suffix.substring(0, colon)).toLowerCase(Locale.ROOT);
  }
}
