package io.pipelinetasks.emulator;

import java.util.Objects;

/**
 * A managed identity of the emulated host, served by the managed-identity endpoint (IMDS and App
 * Service forms). A request without a client id gets the system-assigned identity.
 *
 * @param tenantId the tenant
 * @param clientId the identity's client id
 * @param objectId the principal's object id; derived from the client id when {@code null}
 * @param name a name, used for the resource id of a user-assigned identity
 * @param systemAssigned whether this is the host's system-assigned identity
 */
public record ManagedIdentity(
    String tenantId, String clientId, String objectId, String name, boolean systemAssigned) {
  /** Checks the fields. */
  public ManagedIdentity {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(clientId, "clientId");
    objectId = objectId == null ? AppRegistration.derivedObjectId(clientId) : objectId;
    name = name == null ? clientId : name;
  }

  /** A user-assigned identity. */
  public static ManagedIdentity userAssigned(String tenantId, String clientId, String name) {
    return new ManagedIdentity(tenantId, clientId, null, name, false);
  }

  /** The host's system-assigned identity. */
  public static ManagedIdentity systemAssigned(String tenantId, String clientId) {
    return new ManagedIdentity(tenantId, clientId, null, "system-assigned", true);
  }
}
