package io.pipelinetasks.emulator;

import java.util.Objects;

/**
 * A resource group.
 *
 * @param subscriptionId the subscription
 * @param name the name
 * @param location the Azure region, such as {@code westeurope}
 */
public record ResourceGroup(String subscriptionId, String name, String location) {
  /** Checks the fields. */
  public ResourceGroup {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(name, "name");
    location = location == null ? "westeurope" : location;
  }
}
