package io.pipelinetasks.task;

import io.pipelinetasks.TaskException;

/**
 * A tool could not be started, failed, wrote to standard error when it must not, or ran past its
 * timeout. The messages are the official tool runner's, so logs read the same as a Node task's.
 */
public final class ToolException extends TaskException {
  private static final long serialVersionUID = 1L;

  private final String tool;
  private final int exitCode;

  /**
   * Creates a tool failure.
   *
   * @param code the stable error code, such as {@code ToolFailed}
   * @param tool the tool
   * @param exitCode its exit code, or -1 when it did not exit by itself
   * @param message what happened
   */
  public ToolException(String code, String tool, int exitCode, String message) {
    super(code, message);
    this.tool = tool;
    this.exitCode = exitCode;
  }

  /** The tool concerned. */
  public String tool() {
    return tool;
  }

  /** Its exit code, or -1 when it did not exit by itself. */
  public int exitCode() {
    return exitCode;
  }
}
