package io.pipelinetasks.taskjson;

import io.pipelinetasks.TaskException;

/**
 * A task input is missing or cannot be converted to the type its task.json declares. The message
 * names the input and says what value was expected.
 */
public final class InputException extends TaskException {
  private static final long serialVersionUID = 1L;

  private final String inputName;

  /**
   * Creates an input failure.
   *
   * @param code the stable error code, such as {@code InputRequired} or {@code InputInvalidBoolean}
   * @param inputName the name of the input as task.json declares it
   * @param message what was wrong and what value is expected; never the value of a secret
   */
  public InputException(String code, String inputName, String message) {
    super(code, message);
    this.inputName = inputName;
  }

  /** The name of the input that failed, as task.json declares it. */
  public String inputName() {
    return inputName;
  }
}
