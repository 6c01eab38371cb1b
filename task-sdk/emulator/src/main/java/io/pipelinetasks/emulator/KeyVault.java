package io.pipelinetasks.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A Key Vault, served by ARM ({@code Microsoft.KeyVault/vaults}) and as a data plane at {@code
 * <name>.vault.azure.net}.
 *
 * <p>Data-plane access is granted by vault-wide access policies (permissions {@code get} and {@code
 * list}) or by role assignments with Key Vault data actions (such as {@link
 * Role#KEY_VAULT_SECRETS_USER}) at the vault or a secret scope, and taken away for single secrets
 * by {@link SecretDeny} entries, which behave like RBAC deny assignments.
 *
 * @param subscriptionId the subscription
 * @param resourceGroup the resource group
 * @param name the vault name
 * @param tenantId the tenant whose tokens the vault accepts
 * @param secrets the secrets, in version order
 * @param accessPolicies vault-wide access policies
 * @param secretDenies per-secret denials
 */
public record KeyVault(
    String subscriptionId,
    String resourceGroup,
    String name,
    String tenantId,
    List<VaultSecret> secrets,
    List<AccessPolicy> accessPolicies,
    List<SecretDeny> secretDenies) {

  /**
   * A vault-wide access policy.
   *
   * @param principal the object id or client id of an identity
   * @param secretPermissions lower-case secret permissions such as {@code get} and {@code list}
   */
  public record AccessPolicy(String principal, Set<String> secretPermissions) {
    /** Checks and copies the fields. */
    public AccessPolicy {
      Objects.requireNonNull(principal, "principal");
      secretPermissions =
          secretPermissions.stream()
              .map(p -> p.toLowerCase(Locale.ROOT))
              .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
  }

  /**
   * Denies one identity every operation on one secret, whatever else grants it.
   *
   * @param principal the object id or client id of an identity
   * @param secretName the secret
   */
  public record SecretDeny(String principal, String secretName) {
    /** Checks the fields. */
    public SecretDeny {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(secretName, "secretName");
    }
  }

  /** Checks and copies the fields. */
  public KeyVault {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tenantId, "tenantId");
    secrets = List.copyOf(secrets == null ? List.of() : secrets);
    accessPolicies = List.copyOf(accessPolicies == null ? List.of() : accessPolicies);
    secretDenies = List.copyOf(secretDenies == null ? List.of() : secretDenies);
  }

  /** An empty vault with no access policies. */
  public static KeyVault of(
      String subscriptionId, String resourceGroup, String name, String tenantId) {
    return new KeyVault(subscriptionId, resourceGroup, name, tenantId, null, null, null);
  }

  /** The same vault with one more enabled secret. */
  public KeyVault withSecret(String name, String value) {
    return withSecret(VaultSecret.of(name, value));
  }

  /** The same vault with one more secret version. */
  public KeyVault withSecret(VaultSecret secret) {
    List<VaultSecret> list = new ArrayList<>(secrets);
    list.add(Objects.requireNonNull(secret, "secret"));
    return new KeyVault(
        subscriptionId, resourceGroup, this.name, tenantId, list, accessPolicies, secretDenies);
  }

  /** The same vault with an access policy granting {@code permissions} to {@code principal}. */
  public KeyVault withAccessPolicy(String principal, String... permissions) {
    List<AccessPolicy> list = new ArrayList<>(accessPolicies);
    list.add(new AccessPolicy(principal, Set.of(permissions)));
    return new KeyVault(subscriptionId, resourceGroup, name, tenantId, secrets, list, secretDenies);
  }

  /** The same vault, denying {@code principal} access to the secret {@code secretName}. */
  public KeyVault withSecretDenied(String principal, String secretName) {
    List<SecretDeny> list = new ArrayList<>(secretDenies);
    list.add(new SecretDeny(principal, secretName));
    return new KeyVault(
        subscriptionId, resourceGroup, name, tenantId, secrets, accessPolicies, list);
  }

  /** The ARM resource id. */
  public String resourceId() {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.KeyVault/vaults/"
        + name;
  }
}
