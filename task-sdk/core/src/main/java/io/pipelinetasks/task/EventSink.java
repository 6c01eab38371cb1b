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

  /**
   * How many times so far a registered secret, in any of its forms, had to be masked out of the
   * output: each is a place where the task or one of its tools printed a secret. Sinks that do not
   * mask report 0.
   */
  default long maskedSecrets() {
    return 0;
  }
}
