package io.pipelinetasks.task;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts about the agent running the task.
 *
 * @param tempDirectory {@code Agent.TempDirectory}, falling back as the Node library does to {@code
 *     Agent.WorkFolder} and then the working directory; the agent empties it after every job
 * @param workFolder {@code Agent.WorkFolder}, when set
 * @param version {@code Agent.Version}, when set
 * @param cloudId {@code Agent.CloudId}: non-empty on Microsoft-hosted agents
 * @param os {@code Agent.OS}, such as {@code Linux}, when set
 */
public record AgentInfo(
    Path tempDirectory,
    Optional<Path> workFolder,
    Optional<String> version,
    String cloudId,
    Optional<String> os) {

  /** Checks the components. */
  public AgentInfo {
    Objects.requireNonNull(tempDirectory, "tempDirectory");
    Objects.requireNonNull(workFolder, "workFolder");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(cloudId, "cloudId");
    Objects.requireNonNull(os, "os");
  }

  /** Whether this is a Microsoft-hosted agent rather than a self-hosted one. */
  public boolean hosted() {
    return !cloudId.isEmpty();
  }
}
