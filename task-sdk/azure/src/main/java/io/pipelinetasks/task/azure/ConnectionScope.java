package io.pipelinetasks.task.azure;

import java.util.Objects;
import java.util.Optional;

/**
 * What an AzureRM connection gives access to.
 *
 * @param level the scope level
 * @param subscriptionId the subscription, for Subscription and AzureMLWorkspace scopes
 * @param subscriptionName the subscription's display name
 * @param resourceGroup the resource group a resource-group-scoped connection is limited to, or the
 *     Machine Learning workspace's group
 * @param managementGroupId the management group, for ManagementGroup scope
 * @param managementGroupName its display name
 * @param mlWorkspaceName the Machine Learning workspace, for AzureMLWorkspace scope
 * @param mlWorkspaceLocation its location
 */
public record ConnectionScope(
    ScopeLevel level,
    Optional<String> subscriptionId,
    Optional<String> subscriptionName,
    Optional<String> resourceGroup,
    Optional<String> managementGroupId,
    Optional<String> managementGroupName,
    Optional<String> mlWorkspaceName,
    Optional<String> mlWorkspaceLocation) {

  /** Checks the components. */
  public ConnectionScope {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(subscriptionName, "subscriptionName");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(managementGroupId, "managementGroupId");
    Objects.requireNonNull(managementGroupName, "managementGroupName");
    Objects.requireNonNull(mlWorkspaceName, "mlWorkspaceName");
    Objects.requireNonNull(mlWorkspaceLocation, "mlWorkspaceLocation");
  }
}
