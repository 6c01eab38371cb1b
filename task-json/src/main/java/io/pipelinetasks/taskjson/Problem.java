package io.pipelinetasks.taskjson;

import java.util.Objects;

/**
 * One finding of {@link TaskJsonValidator}.
 *
 * @param severity {@link Severity#ERROR} for what breaks the agent, the service or input binding;
 *     {@link Severity#WARNING} for what they accept
 * @param file the file as the user named it
 * @param pointer the JSON pointer (RFC 6901) of the member concerned, {@code ""} for the whole
 *     file; for a missing member, the pointer it should have
 * @param code a stable code, such as {@code InputNameDuplicate}
 * @param message what is wrong
 * @param hint how to fix it
 */
public record Problem(
    Severity severity, String file, String pointer, String code, String message, String hint) {
  /** How serious a problem is. */
  public enum Severity {
    /** The agent, the service or input binding would fail or misbehave. */
    ERROR,
    /** Accepted by the agent and the service, but outside the schema or likely a mistake. */
    WARNING
  }

  /** Checks that nothing is null. */
  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  /** Whether this is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The problem on one line, as compilers print them: {@code file:pointer: error CODE message
   * (hint)}; without {@code :pointer} for the whole file.
   */
  @Override
  public String toString() {
    return file
        + (pointer.isEmpty() ? "" : ":" + pointer)
        + ": "
        + (isError() ? "error" : "warning")
        + " "
        + code
        + " "
        + message
        + (hint.isEmpty() ? "" : " (" + hint + ")");
  }
}
