package io.pipelinetasks.task.azure;

import io.pipelinetasks.task.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * An AzureRM service connection, resolved to its authorization scheme. Use {@link
 * AzureRmConnections#resolve} to get one and {@link AzureCredentials#create} to turn it into a
 * {@code TokenCredential}; a {@code switch} over the records covers every scheme.
 */
public sealed interface AzureRmConnection
    permits AzureRmConnection.ServicePrincipalSecret,
        AzureRmConnection.ServicePrincipalCertificate,
        AzureRmConnection.WorkloadIdentityFederation,
        AzureRmConnection.ManagedServiceIdentity,
        AzureRmConnection.PublishProfile {

  /** The endpoint id the task input named. */
  String endpointId();

  /** The Entra tenant; empty only for a publish profile without one. */
  String tenantId();

  /** What the connection gives access to. */
  ConnectionScope scope();

  /** The cloud. */
  AzureCloud cloud();

  /**
   * A service principal that signs in with a client secret.
   *
   * @param endpointId the endpoint id
   * @param tenantId the tenant
   * @param clientId the application (client) id
   * @param clientSecret the secret
   * @param scope the scope
   * @param cloud the cloud
   */
  record ServicePrincipalSecret(
      String endpointId,
      String tenantId,
      String clientId,
      Secret clientSecret,
      ConnectionScope scope,
      AzureCloud cloud)
      implements AzureRmConnection {
    /** Checks the components. */
    public ServicePrincipalSecret {
      Objects.requireNonNull(endpointId);
      Objects.requireNonNull(tenantId);
      Objects.requireNonNull(clientId);
      Objects.requireNonNull(clientSecret);
      Objects.requireNonNull(scope);
      Objects.requireNonNull(cloud);
    }
  }

  /**
   * A service principal that signs in with a certificate.
   *
   * @param endpointId the endpoint id
   * @param tenantId the tenant
   * @param clientId the application (client) id
   * @param certificatePem the PEM with the certificate and its private key, as the connection holds
   *     it
   * @param scope the scope
   * @param cloud the cloud
   */
  record ServicePrincipalCertificate(
      String endpointId,
      String tenantId,
      String clientId,
      Secret certificatePem,
      ConnectionScope scope,
      AzureCloud cloud)
      implements AzureRmConnection {
    /** Checks the components. */
    public ServicePrincipalCertificate {
      Objects.requireNonNull(endpointId);
      Objects.requireNonNull(tenantId);
      Objects.requireNonNull(clientId);
      Objects.requireNonNull(certificatePem);
      Objects.requireNonNull(scope);
      Objects.requireNonNull(cloud);
    }
  }

  /**
   * A service principal or managed identity that trusts Azure DevOps through a federated
   * credential: no stored secret, an OIDC idToken from Azure DevOps exchanged with Entra ID.
   *
   * @param endpointId the endpoint id
   * @param tenantId the tenant
   * @param clientId the application (client) id
   * @param issuer the federated credential's issuer, as the connection records it
   * @param subject the federated credential's subject, as the connection records it
   * @param scope the scope
   * @param cloud the cloud
   */
  record WorkloadIdentityFederation(
      String endpointId,
      String tenantId,
      String clientId,
      Optional<String> issuer,
      Optional<String> subject,
      ConnectionScope scope,
      AzureCloud cloud)
      implements AzureRmConnection {
    /** Checks the components. */
    public WorkloadIdentityFederation {
      Objects.requireNonNull(endpointId);
      Objects.requireNonNull(tenantId);
      Objects.requireNonNull(clientId);
      Objects.requireNonNull(issuer);
      Objects.requireNonNull(subject);
      Objects.requireNonNull(scope);
      Objects.requireNonNull(cloud);
    }
  }

  /**
   * The managed identity of the agent's machine: system-assigned, or user-assigned when {@code
   * msiclientId} names one.
   *
   * @param endpointId the endpoint id
   * @param tenantId the tenant
   * @param clientId the user-assigned identity's client id; empty for the system-assigned one
   * @param scope the scope
   * @param cloud the cloud
   */
  record ManagedServiceIdentity(
      String endpointId,
      String tenantId,
      Optional<String> clientId,
      ConnectionScope scope,
      AzureCloud cloud)
      implements AzureRmConnection {
    /** Checks the components. */
    public ManagedServiceIdentity {
      Objects.requireNonNull(endpointId);
      Objects.requireNonNull(tenantId);
      Objects.requireNonNull(clientId);
      Objects.requireNonNull(scope);
      Objects.requireNonNull(cloud);
    }
  }

  /**
   * An App Service publish profile: Kudu credentials for one app, no Entra ID identity.
   *
   * @param endpointId the endpoint id
   * @param tenantId the tenant, when the connection has one, else empty
   * @param profileXml the publish-settings XML
   * @param resourceId the app's resource id ({@code resourceId} in the data)
   * @param scope the scope
   * @param cloud the cloud
   */
  record PublishProfile(
      String endpointId,
      String tenantId,
      Secret profileXml,
      Optional<String> resourceId,
      ConnectionScope scope,
      AzureCloud cloud)
      implements AzureRmConnection {
    /** Checks the components. */
    public PublishProfile {
      Objects.requireNonNull(endpointId);
      Objects.requireNonNull(tenantId);
      Objects.requireNonNull(profileXml);
      Objects.requireNonNull(resourceId);
      Objects.requireNonNull(scope);
      Objects.requireNonNull(cloud);
    }
  }
}
