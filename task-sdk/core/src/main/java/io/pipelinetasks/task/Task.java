package io.pipelinetasks.task;

/**
 * A pipeline task: the code that runs when the agent runs a step.
 *
 * <p>Return normally to succeed. Throw a {@link io.pipelinetasks.TaskException} to fail with its
 * message; any other exception fails the task too, with a one-line message and, in debug runs, its
 * stack trace. Call {@link TaskContext#setResult} to end with issues or another result.
 *
 * @param <I> the task's inputs, usually the record generated from its task.json
 */
@FunctionalInterface
public interface Task<I> {
  /**
   * Runs the task.
   *
   * @param context the agent environment and everything the task can do with it
   * @param inputs the task's inputs, bound and converted
   * @throws Exception any failure, which fails the task
   */
  void run(TaskContext context, I inputs) throws Exception;
}
