package io.pipelinetasks.task;

/** Receives what a task reports; see {@link TaskEvent}. Implementations must be thread-safe. */
public interface EventSink {
  /**
   * Receives one event.
   *
   * @param event the event
   */
  void accept(TaskEvent event);

  /** Pushes buffered output out; called when a producer has nothing more to say for now. */
  default void flush() {}
}
