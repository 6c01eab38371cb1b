package io.pipelinetasks.packaging;

import io.pipelinetasks.TaskException;

/**
 * A task folder or an extension cannot be built: a missing or invalid file, a task.json that the
 * Node launcher cannot run, or an I/O failure. The message names the file and the fix.
 */
public class PackagingException extends TaskException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a failure.
   *
   * @param code the stable error code, such as {@code TaskJsonInvalid}
   * @param message what is wrong, naming the file, and how to fix it
   */
  public PackagingException(String code, String message) {
    super(code, message);
  }

  /**
   * Creates a failure with its cause.
   *
   * @param code the stable error code
   * @param message what is wrong, naming the file, and how to fix it
   * @param cause the underlying failure
   */
  public PackagingException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
