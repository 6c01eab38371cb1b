package io.pipelinetasks.task.files;

import io.pipelinetasks.TaskException;
import java.util.Objects;

/**
 * A file operation or a file search failed: a path is missing, cannot be read or written, or a
 * pattern cannot be used. The message names the path or pattern and says how to fix it. Codes:
 * {@code PathNotFound}, {@code ToolNotFound}, {@code PatternInvalid}, {@code FindFailed}, {@code
 * StatFailed}, {@code MkdirFailed}, {@code CopyFailed}, {@code MoveFailed}, {@code RemoveFailed}.
 */
public final class FileException extends TaskException {
  private static final long serialVersionUID = 1L;

  private final String subject;

  /**
   * Creates a failure.
   *
   * @param code the stable error code, such as {@code PathNotFound}
   * @param subject the path, tool or pattern concerned
   * @param message what went wrong and how to fix it
   */
  public FileException(String code, String subject, String message) {
    this(code, subject, message, null);
  }

  /**
   * Creates a failure with its cause, kept for debug output.
   *
   * @param code the stable error code, such as {@code CopyFailed}
   * @param subject the path, tool or pattern concerned
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public FileException(String code, String subject, String message, Throwable cause) {
    super(code, message, cause);
    this.subject = Objects.requireNonNull(subject, "subject");
  }

  /** The path, tool or pattern concerned. */
  public String subject() {
    return subject;
  }
}
