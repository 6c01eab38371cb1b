package io.pipelinetasks.task.azure;

import com.azure.core.management.AzureEnvironment;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cloud an AzureRM connection lives in, with the endpoints and token audiences the SDK needs.
 * Values come from the connection's data where it has them, else from the cloud's defaults, else
 * (Azure Stack and unknown clouds) from the ARM {@code metadata/endpoints} document.
 *
 * @param name the connection's {@code environment}, such as {@code AzureCloud}
 * @param resourceManagerUrl the ARM base URL, ending with {@code /}
 * @param authorityHost the Entra ID authority host, ending with {@code /}, without a tenant
 * @param adfs whether the authority is ADFS-style (no tenant in the path)
 * @param armResource the token audience for ARM: the ARM URL, except on Azure Stack
 * @param keyVaultDnsSuffix the Key Vault host suffix, such as {@code vault.azure.net}
 * @param keyVaultResource the token audience for Key Vault, such as {@code https://vault.azure.net}
 * @param graphUrl the Microsoft Graph URL
 */
public record AzureCloud(
    String name,
    String resourceManagerUrl,
    String authorityHost,
    boolean adfs,
    String armResource,
    String keyVaultDnsSuffix,
    String keyVaultResource,
    String graphUrl) {

  /** Well-known public authorities, for which Entra instance discovery works. */
  private static final java.util.Set<String> PUBLIC_AUTHORITIES =
      java.util.Set.of(
          "login.microsoftonline.com",
          "login.windows.net",
          "login.chinacloudapi.cn",
          "login.microsoftonline.us",
          "login.microsoftonline.de",
          "login-us.microsoftonline.com");

  /** Checks the components. */
  public AzureCloud {
    Objects.requireNonNull(name, "name");
    resourceManagerUrl = withSlash(resourceManagerUrl);
    authorityHost = withSlash(authorityHost);
    Objects.requireNonNull(armResource, "armResource");
    Objects.requireNonNull(keyVaultDnsSuffix, "keyVaultDnsSuffix");
    Objects.requireNonNull(keyVaultResource, "keyVaultResource");
    Objects.requireNonNull(graphUrl, "graphUrl");
  }

  /** The defaults of a built-in cloud, by its connection name, ignoring case. */
  static Optional<AzureCloud> builtIn(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "azurecloud" ->
          Optional.of(
              new AzureCloud(
                  "AzureCloud",
                  "https://management.azure.com/",
                  "https://login.microsoftonline.com/",
                  false,
                  "https://management.azure.com/",
                  "vault.azure.net",
                  "https://vault.azure.net",
                  "https://graph.microsoft.com/"));
      case "azurechinacloud" ->
          Optional.of(
              new AzureCloud(
                  "AzureChinaCloud",
                  "https://management.chinacloudapi.cn/",
                  "https://login.chinacloudapi.cn/",
                  false,
                  "https://management.chinacloudapi.cn/",
                  "vault.azure.cn",
                  "https://vault.azure.cn",
                  "https://microsoftgraph.chinacloudapi.cn/"));
      case "azureusgovernment" ->
          Optional.of(
              new AzureCloud(
                  "AzureUSGovernment",
                  "https://management.usgovcloudapi.net/",
                  "https://login.microsoftonline.us/",
                  false,
                  "https://management.usgovcloudapi.net/",
                  "vault.usgovcloudapi.net",
                  "https://vault.usgovcloudapi.net",
                  "https://graph.microsoft.us/"));
      case "azuregermancloud" ->
          Optional.of(
              new AzureCloud(
                  "AzureGermanCloud",
                  "https://management.microsoftazure.de/",
                  "https://login.microsoftonline.de/",
                  false,
                  "https://management.microsoftazure.de/",
                  "vault.microsoftazure.de",
                  "https://vault.microsoftazure.de",
                  "https://graph.microsoft.de/"));
      default -> Optional.empty();
    };
  }

  /** Whether the authority is a public Entra host, where instance discovery is possible. */
  public boolean publicAuthority() {
    return PUBLIC_AUTHORITIES.contains(java.net.URI.create(authorityHost).getHost());
  }

  /** The scope for an ARM token: the ARM audience plus {@code /.default}. */
  public String armScope() {
    return armResource + "/.default";
  }

  /** The scope for a Key Vault token. */
  public String keyVaultScope() {
    return keyVaultResource + "/.default";
  }

  /** The scope for a Microsoft Graph token. */
  public String graphScope() {
    return graphUrl + "/.default";
  }

  /**
   * The vault URL for a vault name: {@code https://<name>.<suffix>}.
   *
   * @param vaultName the vault name
   */
  public String keyVaultUrl(String vaultName) {
    return "https://" + vaultName + "." + keyVaultDnsSuffix;
  }

  /** This cloud as the ARM SDK's environment. */
  public AzureEnvironment toAzureEnvironment() {
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", resourceManagerUrl);
    endpoints.put("activeDirectoryEndpointUrl", authorityHost);
    // The ARM SDK takes its token scope from here.
    endpoints.put("managementEndpointUrl", armResource);
    endpoints.put("activeDirectoryResourceId", armResource);
    endpoints.put("microsoftGraphResourceId", graphUrl);
    endpoints.put("keyVaultDnsSuffix", "." + keyVaultDnsSuffix);
    return new AzureEnvironment(endpoints);
  }

  private static String withSlash(String url) {
    Objects.requireNonNull(url, "url");
    return url.endsWith("/") ? url : url + "/";
  }
}
