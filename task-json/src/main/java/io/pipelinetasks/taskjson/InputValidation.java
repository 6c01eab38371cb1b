package io.pipelinetasks.taskjson;

import java.util.Map;

/**
 * The {@code validation} of an input, outside the official schema: an expression the server and the
 * web UI evaluate (not the agent), such as {@code isUrl(value)}.
 *
 * @param expression the expression; {@code value} stands for the input's value
 * @param message the message shown when the expression is false
 * @param extra members kept verbatim so writing reproduces the file (see {@link TaskDefinition})
 */
public record InputValidation(String expression, String message, Map<String, String> extra) {
  /** Copies the extra members. */
  public InputValidation {
    expression = Copies.text(expression);
    message = Copies.text(message);
    extra = Copies.map(extra);
  }
}
