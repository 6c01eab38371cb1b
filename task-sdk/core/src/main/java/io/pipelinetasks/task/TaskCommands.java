package io.pipelinetasks.task;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The agent's logging commands beyond logging and variables: progress, attachments, uploads,
 * endpoint updates, build and release commands, test and coverage results, and telemetry. Each
 * writes the line exactly as the official Node library does.
 */
public final class TaskCommands {
  /** The commands relayed output may keep by default: {@code task.debug} and progress. */
  public static final Set<String> DEFAULT_ALLOWED_EXTERNAL_COMMANDS =
      Set.of("task.debug", "task.setprogress");

  private final TaskContext context;

  TaskCommands(TaskContext context) {
    this.context = context;
  }

  /**
   * Writes any logging command.
   *
   * @param command the command
   */
  public void emit(LoggingCommand command) {
    context.emit(Objects.requireNonNull(command, "command"));
  }

  /**
   * {@code task.setprogress}.
   *
   * @param percent 0 to 100
   * @param currentOperation what is happening
   */
  public void setProgress(int percent, String currentOperation) {
    context.emit(
        LoggingCommand.of(
            "task.setprogress", currentOperation, "value", Integer.toString(percent)));
  }

  /**
   * {@code task.prependpath}: puts a directory in front of {@code PATH} for later steps, and for
   * the tools this task starts from now on.
   *
   * @param path the directory
   */
  public void prependPath(String path) {
    context.prependPath(path);
    context.emit(LoggingCommand.of("task.prependpath", path));
  }

  /**
   * {@code task.uploadfile}: attaches a file to the task's log.
   *
   * @param path the file
   */
  public void uploadFile(String path) {
    context.emit(LoggingCommand.of("task.uploadfile", path));
  }

  /**
   * {@code task.uploadsummary}: adds a markdown file to the run summary.
   *
   * @param path the markdown file
   */
  public void uploadSummary(String path) {
    context.emit(LoggingCommand.of("task.uploadsummary", path));
  }

  /**
   * {@code task.addattachment}.
   *
   * @param type the attachment type
   * @param name the attachment name
   * @param path the file
   */
  public void addAttachment(String type, String name, String path) {
    context.emit(LoggingCommand.of("task.addattachment", path, "type", type, "name", name));
  }

  /** The field of a service connection that {@link #setEndpoint} changes. */
  public enum EndpointField {
    /** An authorization parameter; the agent registers the value as a secret. */
    AuthParameter,
    /** A data parameter. */
    DataParameter,
    /** The URL. */
    Url
  }

  /**
   * {@code task.setendpoint}: changes a service connection for later steps.
   *
   * @param id the endpoint GUID
   * @param field which field
   * @param key the parameter key, or null for the URL
   * @param value the new value
   */
  public void setEndpoint(String id, EndpointField field, String key, String value) {
    context.emit(
        LoggingCommand.of(
            "task.setendpoint",
            value,
            "id",
            id,
            "field",
            field.name().toLowerCase(Locale.ROOT),
            "key",
            key));
  }

  /**
   * {@code telemetry.publish}, as the official Azure tasks write it.
   *
   * @param area the telemetry area
   * @param feature the feature
   * @param json the JSON payload
   */
  public void publishTelemetry(String area, String feature, String json) {
    context.emit(LoggingCommand.of("telemetry.publish", json, "area", area, "feature", feature));
  }

  /**
   * {@code artifact.upload}.
   *
   * @param containerFolder the folder in the artifact container
   * @param path the local file or folder
   * @param name the artifact name, or null
   */
  public void uploadArtifact(String containerFolder, String path, String name) {
    context.emit(
        LoggingCommand.of(
            "artifact.upload", path, "containerfolder", containerFolder, "artifactname", name));
  }

  /**
   * {@code artifact.associate}.
   *
   * @param name the artifact name
   * @param path the location
   * @param type {@code container}, {@code filepath}, {@code versioncontrol}, {@code gitref} or
   *     {@code tfvclabel}
   */
  public void associateArtifact(String name, String path, String type) {
    context.emit(LoggingCommand.of("artifact.associate", path, "type", type, "artifactname", name));
  }

  /**
   * {@code build.uploadlog}.
   *
   * @param path the log file
   */
  public void uploadBuildLog(String path) {
    context.emit(LoggingCommand.of("build.uploadlog", path));
  }

  /**
   * {@code build.updatebuildnumber}.
   *
   * @param value the new build number
   */
  public void updateBuildNumber(String value) {
    context.emit(LoggingCommand.of("build.updatebuildnumber", value));
  }

  /**
   * {@code build.addbuildtag}.
   *
   * @param tag the tag
   */
  public void addBuildTag(String tag) {
    context.emit(LoggingCommand.of("build.addbuildtag", tag));
  }

  /**
   * {@code release.updatereleasename}.
   *
   * @param name the new release name
   */
  public void updateReleaseName(String name) {
    context.emit(LoggingCommand.of("release.updatereleasename", name));
  }

  /**
   * {@code results.publish}, as the Node library's {@code TestPublisher} writes it.
   *
   * @param testRunner the result format, such as {@code JUnit}
   * @param resultFiles the result files
   * @param mergeResults {@code "true"} to merge them into one run, or null
   * @param platform the platform, or null
   * @param config the configuration, or null
   * @param runTitle the run title, or null
   * @param publishRunAttachments {@code "true"} to attach the files, or null
   * @param testRunSystem the test run system, or null for {@code VSTSTask}
   */
  public void publishTestResults(
      String testRunner,
      List<String> resultFiles,
      String mergeResults,
      String platform,
      String config,
      String runTitle,
      String publishRunAttachments,
      String testRunSystem) {
    context.emit(
        LoggingCommand.of(
            "results.publish",
            "",
            "type",
            testRunner,
            "mergeResults",
            mergeResults,
            "platform",
            platform,
            "config",
            config,
            "runTitle",
            runTitle,
            "publishRunAttachments",
            publishRunAttachments,
            "resultFiles",
            String.join(",", resultFiles),
            "testRunSystem",
            testRunSystem == null ? "VSTSTask" : testRunSystem));
  }

  /**
   * {@code codecoverage.publish}.
   *
   * @param tool the coverage tool, such as {@code Cobertura}
   * @param summaryFile the summary file
   * @param reportDirectory the report directory, or null
   * @param additionalFiles more files to attach
   */
  public void publishCodeCoverage(
      String tool, String summaryFile, String reportDirectory, List<String> additionalFiles) {
    context.emit(
        LoggingCommand.of(
            "codecoverage.publish",
            "",
            "codecoveragetool",
            tool,
            "summaryfile",
            summaryFile,
            "reportdirectory",
            reportDirectory,
            "additionalcodecoveragefiles",
            additionalFiles.isEmpty() ? null : String.join(",", additionalFiles)));
  }

  /**
   * Makes text from an untrusted source (a remote log, a tool's relayed output) safe to print:
   * every {@code ##vso[} becomes {@code ##_vso[}, so the agent does not run it as a command, except
   * commands on the allow-list, as the Node library's {@code writeExternalOutput} does.
   *
   * @param text the untrusted text
   * @param allowedCommands commands allowed through, such as {@code task.setprogress}; empty to
   *     neutralise every command
   */
  public static String neutraliseCommands(String text, Set<String> allowedCommands) {
    String marker = "##vso[";
    int at = text.indexOf(marker);
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    int from = 0;
    while (at >= 0) {
      out.append(text, from, at);
      int nameStart = at + marker.length();
      int nameEnd = nameStart;
      while (nameEnd < text.length()
          && text.charAt(nameEnd) != ' '
          && text.charAt(nameEnd) != ']') {
        nameEnd++;
      }
      String name = text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
      boolean allowed = false;
      for (String command : allowedCommands) {
        allowed |= command.equalsIgnoreCase(name);
      }
      out.append(allowed ? marker : "##_vso[");
      from = nameStart;
      at = text.indexOf(marker, from);
    }
    out.append(text, from, text.length());
    return out.toString();
  }
}
