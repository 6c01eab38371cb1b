package io.pipelinetasks.bench;

import io.pipelinetasks.task.TaskRunner;

/**
 * The start-up benchmark's task (bench/startup/run.sh): reads ten inputs, sets a variable and
 * completes, so what is measured is the cost of starting a task, not of doing anything.
 */
public final class NoOpTask {
  private NoOpTask() {}

  /** Runs the task as the agent would start it. */
  public static void main(String[] args) {
    TaskRunner.main(
        (context, none) -> {
          int length = 0;
          for (int i = 1; i <= 10; i++) {
            length += context.input("input" + i).map(String::length).orElse(0);
          }
          context.setVariable("noop", Integer.toString(length));
        });
  }
}
