package io.pipelinetasks.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A sink that keeps events, and a fixture for running tasks in-process in these tests. */
final class Recording implements EventSink {
  final List<TaskEvent> events = new ArrayList<>();
  final SecretMasker masker;

  Recording(SecretMasker masker) {
    this.masker = masker;
  }

  @Override
  public synchronized void accept(TaskEvent event) {
    events.add(event);
    if (event instanceof TaskEvent.Command c && c.command().registersSecret()) {
      masker.add(c.command().message());
    }
  }

  /** The raw lines, before masking. */
  synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (TaskEvent event : events) {
      event.toAgentLine().ifPresent(lines::add);
    }
    return lines;
  }

  synchronized List<LoggingCommand> commands() {
    List<LoggingCommand> commands = new ArrayList<>();
    for (TaskEvent event : events) {
      if (event instanceof TaskEvent.Command c) {
        commands.add(c.command());
      }
    }
    return commands;
  }

  synchronized Optional<LoggingCommand> complete() {
    return commands().stream().filter(c -> c.is("task.complete")).reduce((a, b) -> b);
  }

  static TaskContext context(Map<String, String> env, Recording sink) {
    AgentEnvironment environment = AgentEnvironment.of(env);
    environment.secretValues().forEach(sink.masker::add);
    return new TaskContext(environment, sink.masker, sink, Optional.empty(), Optional.empty());
  }

  static Recording run(Map<String, String> env, Task<Void> task) {
    Recording sink = new Recording(new SecretMasker());
    TaskRunner.run(
        source -> null,
        task,
        env,
        sink.masker,
        sink,
        new TaskRunner.Options(Optional.empty(), Optional.empty(), false));
    return sink;
  }
}
