package io.pipelinetasks.taskjson;

import io.pipelinetasks.TaskException;

/**
 * A task.json or vss-extension.json file cannot be read or written: it is missing, is not valid
 * JSON, or its top level is not an object. The message names the file and, for syntax errors, the
 * line and column.
 */
public final class TaskJsonException extends TaskException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  /**
   * Creates a read failure.
   *
   * @param code {@code JsonSyntax}, {@code NotAnObject}, {@code FileUnreadable} or {@code
   *     FileUnwritable}
   * @param file the file as the user named it
   * @param line the 1-based line of a syntax error, or 0
   * @param column the 1-based column of a syntax error, or 0
   * @param message what is wrong and how to fix it
   * @param cause the parser's or file system's failure
   */
  public TaskJsonException(
      String code, String file, int line, int column, String message, Throwable cause) {
    super(code, message, cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** The 1-based line of a syntax error, or 0 when the failure has no position. */
  public int line() {
    return line;
  }

  /** The 1-based column of a syntax error, or 0 when the failure has no position. */
  public int column() {
    return column;
  }
}
