package io.pipelinetasks.task.testing;

import io.pipelinetasks.task.TaskResult;
import org.assertj.core.api.AbstractAssert;

/** Fluent assertions on a {@link TaskRun}. */
public final class TaskRunAssert extends AbstractAssert<TaskRunAssert, TaskRun> {

  private TaskRunAssert(TaskRun actual) {
    super(actual, TaskRunAssert.class);
  }

  /**
   * Starts an assertion.
   *
   * @param run the run
   */
  public static TaskRunAssert assertThat(TaskRun run) {
    return new TaskRunAssert(run);
  }

  /**
   * The task ended with this result.
   *
   * @param expected the result
   */
  public TaskRunAssert hasResult(TaskResult expected) {
    isNotNull();
    if (actual.result() != expected) {
      failWithMessage(
          "Expected result %s but was %s with message <%s>; output:%n%s",
          expected, actual.result(), actual.message(), String.join("\n", actual.output()));
    }
    return this;
  }

  /** The task succeeded. */
  public TaskRunAssert succeeded() {
    return hasResult(TaskResult.Succeeded);
  }

  /** The task failed. */
  public TaskRunAssert failed() {
    return hasResult(TaskResult.Failed);
  }

  /**
   * The result message contains a text.
   *
   * @param text the expected part
   */
  public TaskRunAssert hasMessageContaining(String text) {
    isNotNull();
    if (!actual.message().contains(text)) {
      failWithMessage(
          "Expected the result message to contain <%s> but was <%s>", text, actual.message());
    }
    return this;
  }

  /**
   * The task set a variable to a value.
   *
   * @param name the variable name
   * @param value the value
   */
  public TaskRunAssert setVariable(String name, String value) {
    isNotNull();
    var set = actual.variable(name);
    if (set.isEmpty() || !set.get().value().equals(value)) {
      failWithMessage(
          "Expected variable <%s> set to <%s> but it was %s",
          name, value, set.map(v -> "set to <" + v.value() + ">").orElse("never set"));
    }
    return this;
  }

  /**
   * The task set a variable as a secret.
   *
   * @param name the variable name
   */
  public TaskRunAssert setSecretVariable(String name) {
    isNotNull();
    var set = actual.variable(name);
    if (set.isEmpty() || !set.get().secret()) {
      failWithMessage(
          "Expected secret variable <%s> to be set, but it was %s",
          name, set.isEmpty() ? "never set" : "set as a public variable");
    }
    return this;
  }

  /**
   * The task registered a value as a secret.
   *
   * @param value the secret value
   */
  public TaskRunAssert registeredSecret(String value) {
    isNotNull();
    if (!actual.secretsRegistered().contains(value)) {
      failWithMessage(
          "Expected a secret to be registered; %d values were", actual.secretsRegistered().size());
    }
    return this;
  }

  /**
   * The task raised a warning containing a text.
   *
   * @param text the expected part
   */
  public TaskRunAssert hasWarningContaining(String text) {
    return hasIssue("warning", text);
  }

  /**
   * The task raised an error containing a text.
   *
   * @param text the expected part
   */
  public TaskRunAssert hasErrorContaining(String text) {
    return hasIssue("error", text);
  }

  /**
   * The output, as the agent would log it, has a line containing a text.
   *
   * @param text the expected part
   */
  public TaskRunAssert printed(String text) {
    isNotNull();
    if (actual.output().stream().noneMatch(line -> line.contains(text))) {
      failWithMessage(
          "Expected output containing <%s>; output was:%n%s",
          text, String.join("\n", actual.output()));
    }
    return this;
  }

  /**
   * The task printed no registered secret, in any form, outside the commands that register them.
   */
  public TaskRunAssert hasNoLeaks() {
    isNotNull();
    if (actual.leaks() > 0) {
      failWithMessage(
          "Expected no secret in the output, but the task printed secrets %d times (masked: %n%s)",
          actual.leaks(), String.join("\n", actual.output()));
    }
    return this;
  }

  /**
   * The task started a tool whose path ends with a name.
   *
   * @param name the tool name, such as {@code az}
   */
  public TaskRunAssert ranTool(String name) {
    isNotNull();
    if (actual.toolCalls().stream().noneMatch(call -> call.tool().endsWith(name))) {
      failWithMessage("Expected the task to run <%s>; it ran %s", name, actual.toolCalls());
    }
    return this;
  }

  private TaskRunAssert hasIssue(String type, String text) {
    isNotNull();
    if (actual.issues().stream()
        .noneMatch(i -> i.type().equals(type) && i.message().contains(text))) {
      failWithMessage("Expected a %s containing <%s>; issues were %s", type, text, actual.issues());
    }
    return this;
  }
}
