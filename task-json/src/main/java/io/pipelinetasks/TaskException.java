package io.pipelinetasks;

import java.util.Objects;

/**
 * The one root of every failure that pipelinetasks reports to a task author or a pipeline user.
 *
 * <p>Each failure carries a stable {@link #code()}, which is also the key of its message, so
 * tooling and tests can match on it while the wording improves. Messages say what was wrong and how
 * to fix it; they never contain a secret value.
 *
 * <p>Subtypes name the area that failed: inputs, endpoints, authentication, tools and packaging.
 * Programming errors use the JDK's own exceptions instead.
 */
public class TaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * Creates a failure.
   *
   * @param code the stable error code, a message key such as {@code InputRequired}
   * @param message what went wrong and how to fix it, free of secrets
   */
  public TaskException(String code, String message) {
    this(code, message, null);
  }

  /**
   * Creates a failure with the exception that caused it.
   *
   * @param code the stable error code, a message key such as {@code InputRequired}
   * @param message what went wrong and how to fix it, free of secrets
   * @param cause the underlying failure, kept for debug output only
   */
  public TaskException(String code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable error code, which is also the message key. */
  public final String code() {
    return code;
  }
}
