package io.pipelinetasks.cli;

import io.pipelinetasks.TaskException;

/**
 * A problem with what the user asked for: a missing file, an unknown input, a malformed endpoint or
 * steps file. {@code ptask} prints the message and exits with 2, never a stack trace.
 */
final class UsageException extends TaskException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super("Usage", message);
  }
}
