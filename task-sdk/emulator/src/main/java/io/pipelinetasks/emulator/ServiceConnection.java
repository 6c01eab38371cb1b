package io.pipelinetasks.emulator;

import java.util.Objects;

/**
 * An AzureRM service connection of an Azure DevOps project: what the agent environment exports as
 * {@code ENDPOINT_*} variables and what the {@code oidctoken} endpoint issues tokens for.
 *
 * @param name the connection name; usable wherever the agent would pass the endpoint id
 * @param id the endpoint id, a lower-case GUID
 * @param scheme the authorization scheme
 * @param tenantId the tenant
 * @param clientId the app registration's client id; for managed identity the {@code msiclientId} of
 *     a user-assigned identity, or {@code null} for the system-assigned one
 * @param subscriptionId the subscription of scope level {@code Subscription}
 * @param clientSecret the secret of a service principal connection with {@code spnKey}
 * @param certificatePem the certificate and PKCS#8 key of a connection with {@code spnCertificate}
 */
public record ServiceConnection(
    String name,
    String id,
    Scheme scheme,
    String tenantId,
    String clientId,
    String subscriptionId,
    String clientSecret,
    String certificatePem) {

  /** The authorization schemes the emulator's connections use. */
  public enum Scheme {
    /** {@code WorkloadIdentityFederation}. */
    WORKLOAD_IDENTITY_FEDERATION("WorkloadIdentityFederation"),
    /** {@code ServicePrincipal}, with a secret or a certificate. */
    SERVICE_PRINCIPAL("ServicePrincipal"),
    /** {@code ManagedServiceIdentity}. */
    MANAGED_SERVICE_IDENTITY("ManagedServiceIdentity");

    private final String wireName;

    Scheme(String wireName) {
      this.wireName = wireName;
    }

    /** The scheme string as the agent exports it. */
    public String wireName() {
      return wireName;
    }
  }

  /** Checks the fields. */
  public ServiceConnection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    if (scheme != Scheme.MANAGED_SERVICE_IDENTITY) {
      Objects.requireNonNull(clientId, "clientId");
    }
    if (scheme == Scheme.SERVICE_PRINCIPAL && (clientSecret == null) == (certificatePem == null)) {
      throw new IllegalArgumentException(
          "A ServicePrincipal connection needs exactly one of a secret and a certificate");
    }
  }

  /** A workload identity federation connection. */
  public static ServiceConnection workloadIdentity(
      String name, String id, String tenantId, String clientId, String subscriptionId) {
    return new ServiceConnection(
        name,
        id,
        Scheme.WORKLOAD_IDENTITY_FEDERATION,
        tenantId,
        clientId,
        subscriptionId,
        null,
        null);
  }

  /** A service principal connection with a secret ({@code authenticationType=spnKey}). */
  public static ServiceConnection servicePrincipalSecret(
      String name,
      String id,
      String tenantId,
      String clientId,
      String secret,
      String subscriptionId) {
    return new ServiceConnection(
        name,
        id,
        Scheme.SERVICE_PRINCIPAL,
        tenantId,
        clientId,
        subscriptionId,
        Objects.requireNonNull(secret, "secret"),
        null);
  }

  /** A service principal connection with a certificate ({@code spnCertificate}). */
  public static ServiceConnection servicePrincipalCertificate(
      String name,
      String id,
      String tenantId,
      String clientId,
      String certificatePem,
      String subscriptionId) {
    return new ServiceConnection(
        name,
        id,
        Scheme.SERVICE_PRINCIPAL,
        tenantId,
        clientId,
        subscriptionId,
        null,
        Objects.requireNonNull(certificatePem, "certificatePem"));
  }

  /** A managed identity connection; {@code msiClientId} is {@code null} for system-assigned. */
  public static ServiceConnection managedIdentity(
      String name, String id, String tenantId, String msiClientId, String subscriptionId) {
    return new ServiceConnection(
        name,
        id,
        Scheme.MANAGED_SERVICE_IDENTITY,
        tenantId,
        msiClientId,
        subscriptionId,
        null,
        null);
  }

  @Override
  public String toString() {
    return "ServiceConnection[name="
        + name
        + ", id="
        + id
        + ", scheme="
        + scheme.wireName()
        + ", tenantId="
        + tenantId
        + ", clientId="
        + clientId
        + ", subscriptionId="
        + subscriptionId
        + (clientSecret != null ? ", clientSecret=***" : "")
        + (certificatePem != null ? ", certificatePem=***" : "")
        + "]";
  }
}
