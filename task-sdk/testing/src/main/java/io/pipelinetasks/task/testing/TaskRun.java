package io.pipelinetasks.task.testing;

import io.pipelinetasks.task.LoggingCommand;
import io.pipelinetasks.task.SecretMasker;
import io.pipelinetasks.task.TaskEvent;
import io.pipelinetasks.task.TaskResult;
import io.pipelinetasks.task.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a task did in a {@link TaskTestKit} run: its result, every event in order, and views of them
 * as the agent would see them (variables set, secrets registered, issues raised, tools run, and the
 * masked output).
 */
public final class TaskRun {
  private final TaskRunner.Outcome outcome;
  private final List<TaskEvent> events;
  private final SecretMasker masker;

  TaskRun(TaskRunner.Outcome outcome, List<TaskEvent> events, SecretMasker masker) {
    this.outcome = outcome;
    this.events = List.copyOf(events);
    this.masker = masker;
  }

  /** The result the task reported. */
  public TaskResult result() {
    return outcome.result();
  }

  /** The message reported with the result. */
  public String message() {
    return outcome.message();
  }

  /** Every event, in order. */
  public List<TaskEvent> events() {
    return events;
  }

  /** Every logging command, in order. */
  public List<LoggingCommand> commands() {
    List<LoggingCommand> commands = new ArrayList<>();
    for (TaskEvent event : events) {
      if (event instanceof TaskEvent.Command c) {
        commands.add(c.command());
      } else if (event instanceof TaskEvent.ToolOutput o) {
        LoggingCommand.parse(o.line()).ifPresent(commands::add);
      }
    }
    return commands;
  }

  /** Every {@code task.setvariable}, from the task or its tools, in order. */
  public List<VariableSet> variablesSet() {
    List<VariableSet> set = new ArrayList<>();
    for (LoggingCommand command : commands()) {
      if (command.is("task.setvariable")) {
        set.add(
            new VariableSet(
                command.property("variable").orElse(""),
                command.message(),
                command.flag("issecret"),
                command.flag("isoutput"),
                command.flag("isreadonly")));
      }
    }
    return set;
  }

  /**
   * The last value a variable was set to.
   *
   * @param name the variable name, in any case
   */
  public Optional<VariableSet> variable(String name) {
    VariableSet last = null;
    for (VariableSet set : variablesSet()) {
      if (set.name().equalsIgnoreCase(name)) {
        last = set;
      }
    }
    return Optional.ofNullable(last);
  }

  /** Every value registered as a secret through a command, in order. */
  public List<String> secretsRegistered() {
    List<String> secrets = new ArrayList<>();
    for (LoggingCommand command : commands()) {
      if (command.registersSecret()) {
        secrets.add(command.message());
      }
    }
    return secrets;
  }

  /** Every issue ({@code task.issue} and {@code task.logissue}), in order. */
  public List<Issue> issues() {
    List<Issue> issues = new ArrayList<>();
    for (LoggingCommand command : commands()) {
      if (command.is("task.issue") || command.is("task.logissue")) {
        issues.add(new Issue(command.property("type").orElse(""), command.message()));
      }
    }
    return issues;
  }

  /** Every tool the task started. */
  public List<TaskEvent.ToolStarted> toolCalls() {
    List<TaskEvent.ToolStarted> calls = new ArrayList<>();
    for (TaskEvent event : events) {
      if (event instanceof TaskEvent.ToolStarted started) {
        calls.add(started);
      }
    }
    return calls;
  }

  /** The output as the agent would log it: masked, without the commands it consumes. */
  public List<String> output() {
    List<String> lines = new ArrayList<>();
    for (TaskEvent event : events) {
      event
          .toAgentLine()
          .filter(line -> !consumedSecretCommand(line))
          .map(masker::mask)
          .ifPresent(lines::add);
    }
    return lines;
  }

  /**
   * How many times the task printed a registered secret, or one of its encoded forms, anywhere but
   * in the commands that register secrets. The output is masked, but a task that prints a secret
   * has a bug; this makes such leaks testable.
   */
  public int leaks() {
    int leaks = 0;
    for (TaskEvent event : events) {
      Optional<String> line = event.toAgentLine();
      if (line.isPresent() && !consumedSecretCommand(line.get())) {
        leaks += masker.count(line.get());
      }
    }
    return leaks;
  }

  private static boolean consumedSecretCommand(String line) {
    return LoggingCommand.parse(line).map(LoggingCommand::registersSecret).orElse(false);
  }

  /**
   * A {@code task.setvariable}.
   *
   * @param name the variable name
   * @param value the value
   * @param secret whether it is secret
   * @param output whether it is an output variable
   * @param readOnly whether it is read-only
   */
  public record VariableSet(
      String name, String value, boolean secret, boolean output, boolean readOnly) {}

  /**
   * An issue.
   *
   * @param type {@code error} or {@code warning}
   * @param message the text
   */
  public record Issue(String type, String message) {}
}
