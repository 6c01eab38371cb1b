package io.pipelinetasks.emulator;

import java.util.List;
import java.util.Objects;

/**
 * An Azure DevOps organisation with one project and one running job: the collection the agent
 * environment points at, whose {@code oidctoken} endpoint the emulator serves at {@code
 * https://localhost:<port>/<name>/}.
 *
 * @param name the organisation name
 * @param id the organisation (collection) id, a GUID, part of the OIDC issuer
 * @param project the project name
 * @param projectId the project id, a GUID
 * @param planId the running plan
 * @param jobId the running job
 * @param accessToken the job access token ({@code System.AccessToken}); generated at start-up when
 *     {@code null}
 * @param connections the project's service connections
 */
public record DevOpsOrganization(
    String name,
    String id,
    String project,
    String projectId,
    String planId,
    String jobId,
    String accessToken,
    List<ServiceConnection> connections) {

  /** Checks and copies the fields. */
  public DevOpsOrganization {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(jobId, "jobId");
    connections = List.copyOf(connections == null ? List.of() : connections);
  }

  @Override
  public String toString() {
    return "DevOpsOrganization[name="
        + name
        + ", id="
        + id
        + ", project="
        + project
        + ", connections="
        + connections
        + "]";
  }
}
