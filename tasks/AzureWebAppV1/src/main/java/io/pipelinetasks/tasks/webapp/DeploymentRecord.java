package io.pipelinetasks.tasks.webapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.task.TaskContext;
import java.util.Optional;

/**
 * The deployment record the official task writes to Kudu after a deployment ({@code PUT
 * /api/deployments/<id>}), and the message JSON it also sends with run-from-package and war
 * uploads: which build or release deployed what, so the app's deployment history links back to the
 * pipeline.
 */
final class DeploymentRecord {
  private final TaskContext context;
  private final Optional<String> slot;

  DeploymentRecord(TaskContext context, Optional<String> slot) {
    this.context = context;
    this.slot = slot;
  }

  /** The message: build, release, repository and project of this run, as JSON text. */
  String message() {
    ObjectNode message = KuduClient.JSON.createObjectNode();
    message.put("type", "Deployment");
    put(message, "commitId", "Build.SourceVersion");
    put(message, "buildId", "Build.BuildId");
    put(message, "releaseId", "Release.ReleaseId");
    put(message, "buildNumber", "Build.BuildNumber");
    put(message, "releaseName", "Release.ReleaseName");
    put(message, "repoProvider", "Build.Repository.Provider");
    put(message, "repoName", "Build.Repository.Name");
    put(message, "collectionUrl", "System.TeamFoundationCollectionUri");
    put(message, "teamProject", "System.TeamProjectId");
    put(message, "repositoryUrl", "Build.Repository.Uri");
    put(message, "branch", "Build.SourceBranchName");
    put(message, "teamProjectName", "System.TeamProject");
    message.put("slotName", slot.orElse("production"));
    return message.toString();
  }

  private void put(ObjectNode node, String field, String variable) {
    context.variable(variable).filter(v -> !v.isBlank()).ifPresent(v -> node.put(field, v));
  }

  /**
   * The record's id, the release or build id followed by the time, as the official task makes it;
   * empty outside a build or release.
   */
  Optional<String> id() {
    return context
        .variable("Release.ReleaseId")
        .or(() -> context.variable("Build.BuildId"))
        .filter(v -> !v.isBlank())
        .map(v -> v + System.currentTimeMillis());
  }

  /** The record's body. */
  String body(String id, boolean succeeded) {
    ObjectNode body = KuduClient.JSON.createObjectNode();
    body.put("id", id);
    body.put("active", succeeded);
    body.put("status", succeeded ? KuduDeployer.SUCCESS : KuduDeployer.FAILED);
    body.put("message", message());
    body.put(
        "author",
        context
            .variable("Release.RequestedFor")
            .or(() -> context.variable("Build.SourceVersionAuthor"))
            .or(() -> context.variable("Build.RequestedFor"))
            .filter(v -> !v.isBlank())
            .orElse("VSTS"));
    body.put("deployer", "VSTS");
    return body.toString();
  }
}
