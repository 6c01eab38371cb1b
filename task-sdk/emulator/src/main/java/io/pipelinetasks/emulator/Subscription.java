package io.pipelinetasks.emulator;

import java.util.Objects;

/**
 * An Azure subscription.
 *
 * @param id the subscription id, a GUID
 * @param displayName the display name ({@code subscriptionName} of a service connection)
 * @param tenantId the tenant whose tokens ARM accepts for it
 */
public record Subscription(String id, String displayName, String tenantId) {
  /** Checks the fields. */
  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    displayName = displayName == null ? id : displayName;
  }
}
