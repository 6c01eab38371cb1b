package io.pipelinetasks.task;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The task's log: debug lines, plain output, warnings and errors that become issues on the run, and
 * the agent's formatting lines (sections and collapsible groups). Everything written here is masked
 * before it leaves the process.
 */
public final class TaskLog {
  private final EventSink emit;
  private final boolean emitDebug;
  private final String correlationId;

  TaskLog(EventSink emit, boolean emitDebug, String correlationId) {
    this.emit = emit;
    this.emitDebug = emitDebug;
    this.correlationId = correlationId;
  }

  /** Where an issue comes from, as the agent's issue-source validation reads it. */
  public enum IssueSource {
    /** The user's script or tool. */
    CustomerScript,
    /** The task itself. */
    TaskInternal
  }

  /** The type of a {@code task.logissue}. */
  public enum IssueType {
    /** An error. */
    ERROR,
    /** A warning. */
    WARNING
  }

  /**
   * A debug line ({@code task.debug}), shown when the pipeline runs with {@code System.Debug}.
   * Never put a secret value in one.
   *
   * @param message the text
   */
  public void debug(String message) {
    if (emitDebug) {
      emit.accept(new TaskEvent.Command(LoggingCommand.of("task.debug", message)));
    }
  }

  /**
   * A debug line built only when it will be written.
   *
   * @param message builds the text
   */
  public void debug(Supplier<String> message) {
    if (emitDebug) {
      debug(message.get());
    }
  }

  /**
   * A plain output line.
   *
   * @param message the text
   */
  public void info(String message) {
    emit.accept(new TaskEvent.Message(TaskEvent.Message.Kind.PLAIN, message));
  }

  /**
   * A warning issue, raised by the task itself.
   *
   * @param message the text
   */
  public void warning(String message) {
    warning(message, IssueSource.TaskInternal);
  }

  /**
   * A warning issue.
   *
   * @param message the text
   * @param source where it comes from
   */
  public void warning(String message, IssueSource source) {
    issue("warning", message, source);
  }

  /**
   * An error issue, raised by the task itself. It does not fail the task by itself.
   *
   * @param message the text
   */
  public void error(String message) {
    error(message, IssueSource.TaskInternal);
  }

  /**
   * An error issue. It does not fail the task by itself.
   *
   * @param message the text
   * @param source where it comes from
   */
  public void error(String message, IssueSource source) {
    issue("error", message, source);
  }

  /**
   * A {@code task.logissue} with a source location and code, as {@code logIssue} writes it.
   *
   * @param type error or warning
   * @param message the text
   * @param sourcePath the file concerned, or null
   * @param lineNumber the line, or 0 for none
   * @param columnNumber the column, or 0 for none
   * @param code an error code, or null
   */
  public void logIssue(
      IssueType type,
      String message,
      String sourcePath,
      int lineNumber,
      int columnNumber,
      String code) {
    Objects.requireNonNull(type, "type");
    emit.accept(
        new TaskEvent.Command(
            LoggingCommand.of(
                "task.logissue",
                message,
                "type",
                type == IssueType.ERROR ? "error" : "warning",
                "code",
                code,
                "sourcepath",
                sourcePath,
                "linenumber",
                lineNumber > 0 ? Integer.toString(lineNumber) : null,
                "columnnumber",
                columnNumber > 0 ? Integer.toString(columnNumber) : null)));
  }

  /**
   * A {@code ##[section]} heading.
   *
   * @param title the heading
   */
  public void section(String title) {
    emit.accept(new TaskEvent.Message(TaskEvent.Message.Kind.SECTION, title));
  }

  /**
   * Starts a collapsible {@code ##[group]}.
   *
   * @param title the group title
   */
  public void group(String title) {
    emit.accept(new TaskEvent.Message(TaskEvent.Message.Kind.GROUP, title));
  }

  /** Ends the current group. */
  public void endGroup() {
    emit.accept(new TaskEvent.Message(TaskEvent.Message.Kind.END_GROUP, ""));
  }

  /**
   * Runs work inside a collapsible group, closing it however the work ends.
   *
   * @param title the group title
   * @param work the work
   */
  public <T> T group(String title, Supplier<T> work) {
    group(title);
    try {
      return work.get();
    } finally {
      endGroup();
    }
  }

  /**
   * A {@code ##[command]} line, showing a command about to run.
   *
   * @param commandLine the command, which is masked like every other line
   */
  public void command(String commandLine) {
    emit.accept(new TaskEvent.Message(TaskEvent.Message.Kind.COMMAND, commandLine));
  }

  private void issue(String type, String message, IssueSource source) {
    emit.accept(
        new TaskEvent.Command(
            LoggingCommand.of(
                "task.issue",
                message,
                "type",
                type,
                "source",
                source.name(),
                "correlationId",
                correlationId)));
  }
}
