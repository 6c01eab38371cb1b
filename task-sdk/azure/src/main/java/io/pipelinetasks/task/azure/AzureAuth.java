package io.pipelinetasks.task.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.management.profile.AzureProfile;
import java.util.Objects;

/**
 * Everything an Azure SDK client needs for a connection: the credential (which turns Entra errors
 * into {@link AuthenticationException}s), the HTTP client (the JDK client with the agent's proxy
 * and CA), and the cloud with its scopes and ARM profile.
 *
 * @param connection the connection
 * @param credential its credential
 * @param httpClient the HTTP client for Azure SDK clients
 */
public record AzureAuth(
    AzureRmConnection connection, TokenCredential credential, HttpClient httpClient) {

  /** Checks the components. */
  public AzureAuth {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(httpClient, "httpClient");
  }

  /** The connection's cloud. */
  public AzureCloud cloud() {
    return connection.cloud();
  }

  /** The scope for ARM tokens. */
  public String armScope() {
    return cloud().armScope();
  }

  /** The scope for Key Vault tokens. */
  public String keyVaultScope() {
    return cloud().keyVaultScope();
  }

  /** The scope for Microsoft Graph tokens. */
  public String graphScope() {
    return cloud().graphScope();
  }

  /** The ARM SDK profile: tenant, subscription (when the scope has one) and environment. */
  public AzureProfile profile() {
    return new AzureProfile(
        connection.tenantId(),
        connection.scope().subscriptionId().orElse(null),
        cloud().toAzureEnvironment());
  }
}
