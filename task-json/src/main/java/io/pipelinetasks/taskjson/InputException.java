package io.pipelinetasks.taskjson;

import io.pipelinetasks.TaskException;
import java.util.Objects;

/**
 * A task input is missing or cannot be converted to the type its task.json declares. The message
 * names the input and says what value was expected; it never contains the value, because inputs can
 * be filled from secret variables. {@link #hint()} says how to fix it.
 */
public final class InputException extends TaskException {
  private static final long serialVersionUID = 1L;

  private final String inputName;
  private final String hint;

  /**
   * Creates an input failure.
   *
   * @param code the stable error code, such as {@code InputRequired} or {@code InputInvalidBoolean}
   * @param inputName the name of the input as task.json declares it
   * @param message what was wrong and what value is expected; never the value of a secret
   */
  public InputException(String code, String inputName, String message) {
    this(code, inputName, message, "");
  }

  /**
   * Creates an input failure with a fix hint.
   *
   * @param code the stable error code, such as {@code InputRequired} or {@code InputInvalidInteger}
   * @param inputName the name of the input as task.json declares it
   * @param message what was wrong and what value is expected; never the value of a secret
   * @param hint how to fix it, for example where to set the input; never a value
   */
  public InputException(String code, String inputName, String message, String hint) {
    super(code, message);
    this.inputName = inputName;
    this.hint = Objects.requireNonNullElse(hint, "");
  }

  /** The name of the input that failed, as task.json declares it. */
  public String inputName() {
    return inputName;
  }

  /** How to fix the failure; empty when there is nothing to add to the message. */
  public String hint() {
    return hint;
  }
}
