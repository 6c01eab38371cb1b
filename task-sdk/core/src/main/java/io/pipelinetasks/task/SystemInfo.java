package io.pipelinetasks.task;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts about the pipeline run, from the agent's {@code System.*} variables.
 *
 * @param collectionUri {@code System.CollectionUri}, falling back to {@code
 *     System.TeamFoundationCollectionUri} and {@code System.TeamFoundationServerUri}; ends with
 *     {@code /}
 * @param teamProjectId {@code System.TeamProjectId}
 * @param teamProject {@code System.TeamProject}
 * @param hostType {@code System.HostType}: {@code build}, or {@code release} in classic releases
 * @param planId {@code System.PlanId}
 * @param jobId {@code System.JobId}
 * @param oidcRequestUri {@code System.OidcRequestUri}, the OIDC token URL up to {@code /oidctoken}
 * @param debug whether {@code System.Debug} is {@code true}
 * @param culture {@code System.Culture}, {@code en-US} when unset
 * @param defaultWorkingDirectory {@code System.DefaultWorkingDirectory}
 */
public record SystemInfo(
    Optional<String> collectionUri,
    Optional<String> teamProjectId,
    Optional<String> teamProject,
    Optional<String> hostType,
    Optional<String> planId,
    Optional<String> jobId,
    Optional<String> oidcRequestUri,
    boolean debug,
    String culture,
    Optional<Path> defaultWorkingDirectory) {

  /** Checks the components. */
  public SystemInfo {
    Objects.requireNonNull(collectionUri, "collectionUri");
    Objects.requireNonNull(teamProjectId, "teamProjectId");
    Objects.requireNonNull(teamProject, "teamProject");
    Objects.requireNonNull(hostType, "hostType");
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(oidcRequestUri, "oidcRequestUri");
    Objects.requireNonNull(culture, "culture");
    Objects.requireNonNull(defaultWorkingDirectory, "defaultWorkingDirectory");
  }
}
