package io.pipelinetasks.task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a task reported. The core never writes to the console itself: it hands events to an
 * {@link EventSink}, which the agent sink turns into lines on standard output (masked), the console
 * sink into readable text, and the test kit records.
 */
public sealed interface TaskEvent
    permits TaskEvent.Command,
        TaskEvent.Message,
        TaskEvent.ToolStarted,
        TaskEvent.ToolOutput,
        TaskEvent.ToolExited {

  /**
   * The line the agent would read for this event, before masking, or empty when the event writes
   * nothing.
   */
  Optional<String> toAgentLine();

  /**
   * A logging command.
   *
   * @param command the command
   */
  record Command(LoggingCommand command) implements TaskEvent {
    /** Checks the command. */
    public Command {
      Objects.requireNonNull(command, "command");
    }

    @Override
    public Optional<String> toAgentLine() {
      return Optional.of(command.toLine());
    }
  }

  /**
   * A line of text, plain or with one of the agent's formatting prefixes.
   *
   * @param kind how the line is formatted
   * @param text the text
   */
  record Message(Kind kind, String text) implements TaskEvent {
    /** Checks the components. */
    public Message {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public Optional<String> toAgentLine() {
      return Optional.of(kind.prefix + text);
    }

    /** The agent's formatting prefixes. */
    public enum Kind {
      /** Plain output. */
      PLAIN(""),
      /** {@code ##[section]}: a highlighted heading. */
      SECTION("##[section]"),
      /** {@code ##[group]}: starts a collapsible group. */
      GROUP("##[group]"),
      /** {@code ##[endgroup]}: ends the group. */
      END_GROUP("##[endgroup]"),
      /** {@code ##[warning]}: a warning-coloured line that is not an issue. */
      WARNING("##[warning]"),
      /** {@code ##[error]}: an error-coloured line that is not an issue. */
      ERROR("##[error]"),
      /** {@code ##[debug]}: a debug-coloured line. */
      DEBUG("##[debug]"),
      /** {@code ##[command]}: a command-coloured line. */
      COMMAND("##[command]");

      private final String prefix;

      Kind(String prefix) {
        this.prefix = prefix;
      }

      /** The prefix written before the text. */
      public String prefix() {
        return prefix;
      }
    }
  }

  /**
   * A tool was started. The echo line is {@code [command]<tool> <arguments>}, as the Node tool
   * runner writes it.
   *
   * @param tool the resolved tool path
   * @param arguments the arguments
   * @param workingDirectory the working directory, when set
   */
  record ToolStarted(String tool, List<String> arguments, Optional<Path> workingDirectory)
      implements TaskEvent {
    /** Copies the arguments. */
    public ToolStarted {
      Objects.requireNonNull(tool, "tool");
      arguments = List.copyOf(arguments);
      Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    @Override
    public Optional<String> toAgentLine() {
      StringBuilder line = new StringBuilder("[command]").append(tool);
      for (String argument : arguments) {
        line.append(' ').append(argument);
      }
      return Optional.of(line.toString());
    }
  }

  /**
   * A line a tool printed.
   *
   * @param tool the tool path
   * @param stream which stream the line came from
   * @param line the line, without its terminator
   */
  record ToolOutput(String tool, Stream stream, String line) implements TaskEvent {
    /** Checks the components. */
    public ToolOutput {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(stream, "stream");
      Objects.requireNonNull(line, "line");
    }

    @Override
    public Optional<String> toAgentLine() {
      return Optional.of(line);
    }

    /** A tool's output stream. */
    public enum Stream {
      /** Standard output. */
      STDOUT,
      /** Standard error. */
      STDERR
    }
  }

  /**
   * A tool ended.
   *
   * @param tool the tool path
   * @param exitCode its exit code, or -1 when it was killed
   * @param duration how long it ran
   */
  record ToolExited(String tool, int exitCode, Duration duration) implements TaskEvent {
    /** Checks the components. */
    public ToolExited {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(duration, "duration");
    }

    @Override
    public Optional<String> toAgentLine() {
      return Optional.empty();
    }
  }
}
