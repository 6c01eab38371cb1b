package io.pipelinetasks.taskjson;

import io.pipelinetasks.TaskException;

/** A {@code visibleRule} does not parse. The message names the position and what was expected. */
public final class VisibleRuleException extends TaskException {
  private static final long serialVersionUID = 1L;

  private final int position;

  /**
   * Creates a syntax failure.
   *
   * @param message what was expected at the position
   * @param position the 0-based character position in the rule
   */
  public VisibleRuleException(String message, int position) {
    super("VisibleRuleSyntax", message);
    this.position = position;
  }

  /** The 0-based character position in the rule where parsing failed. */
  public int position() {
    return position;
  }
}
