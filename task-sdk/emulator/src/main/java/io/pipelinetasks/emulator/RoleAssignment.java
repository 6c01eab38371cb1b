package io.pipelinetasks.emulator;

import java.util.Objects;

/**
 * Grants a role to an identity at a scope and below it. ARM answers 403 {@code AuthorizationFailed}
 * to any call whose action no assignment of the caller covers, and lists only the subscriptions,
 * resource groups and resources the caller may read.
 *
 * @param principal the object id or client id of an app registration or managed identity
 * @param scope an ARM scope such as {@code /subscriptions/<id>} or a resource id
 * @param role the role
 */
public record RoleAssignment(String principal, String scope, Role role) {
  /** Checks the fields. */
  public RoleAssignment {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(role, "role");
  }
}
