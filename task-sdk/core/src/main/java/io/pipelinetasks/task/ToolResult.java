package io.pipelinetasks.task;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a tool run ended.
 *
 * @param exitCode the exit code, or -1 when the tool was killed
 * @param stdout standard output, when the run captured it
 * @param stderr standard error, when the run captured it
 * @param stderrLines how many lines the tool wrote to standard error
 * @param duration how long it ran
 * @param timedOut whether it was killed for running past its timeout
 */
public record ToolResult(
    int exitCode,
    Optional<String> stdout,
    Optional<String> stderr,
    int stderrLines,
    Duration duration,
    boolean timedOut) {

  /** Checks the components. */
  public ToolResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
  }

  /** Whether the tool exited with code 0. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }
}
