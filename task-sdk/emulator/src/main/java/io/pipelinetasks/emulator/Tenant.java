package io.pipelinetasks.emulator;

import java.util.Objects;

/**
 * An Entra ID tenant the emulator knows. Token requests for any other tenant fail with {@code
 * AADSTS90002}.
 *
 * @param id the tenant id, a GUID
 * @param displayName the name Entra uses in error messages
 */
public record Tenant(String id, String displayName) {
  /** Checks the fields. */
  public Tenant {
    Objects.requireNonNull(id, "id");
    displayName = displayName == null ? id : displayName;
  }

  /** A tenant whose display name is its id. */
  public static Tenant of(String id) {
    return new Tenant(id, id);
  }
}
