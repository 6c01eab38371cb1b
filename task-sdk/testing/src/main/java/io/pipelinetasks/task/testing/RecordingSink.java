package io.pipelinetasks.task.testing;

import io.pipelinetasks.task.EventSink;
import io.pipelinetasks.task.SecretMasker;
import io.pipelinetasks.task.TaskEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event, and teaches the masker every secret a command registers. */
final class RecordingSink implements EventSink {
  private final List<TaskEvent> events = new ArrayList<>();
  private final SecretMasker masker;

  RecordingSink(SecretMasker masker) {
    this.masker = masker;
  }

  @Override
  public synchronized void accept(TaskEvent event) {
    events.add(event);
    event
        .toAgentLine()
        .flatMap(io.pipelinetasks.task.LoggingCommand::parse)
        .filter(io.pipelinetasks.task.LoggingCommand::registersSecret)
        .ifPresent(command -> masker.add(command.message()));
  }

  synchronized List<TaskEvent> events() {
    return List.copyOf(new ArrayList<>(events));
  }
}
