package io.pipelinetasks.task;

/**
 * How a task ended, with the exact names the agent's {@code task.complete} command accepts (the
 * agent parses them case-sensitively).
 */
public enum TaskResult {
  /** The task did what it was asked. */
  Succeeded,
  /** The task did what it was asked but reported warnings the user should read. */
  SucceededWithIssues,
  /** The task failed; the pipeline step fails. */
  Failed,
  /** The task was cancelled. */
  Cancelled,
  /** The task decided not to run, for example the step entry point of a pre-job task. */
  Skipped;

  /**
   * Merges two results the way the agent does when a task reports more than one: the enum order
   * above is the agent's, and the later-declared result wins.
   */
  TaskResult merge(TaskResult other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
