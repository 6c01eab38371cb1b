package io.pipelinetasks.task.files;

import java.io.File;

/**
 * The path conventions the Node library switches on with {@code process.platform == 'win32'}. The
 * matching code takes one explicitly so that tests can check the Windows rules on any machine.
 */
enum Platform {
  POSIX('/', ':'),
  WINDOWS('\\', ';');

  private final char separator;
  private final char pathListSeparator;

  Platform(char separator, char pathListSeparator) {
    this.separator = separator;
    this.pathListSeparator = pathListSeparator;
  }

  /** The platform this JVM runs on. */
  static Platform current() {
    return File.separatorChar == '\\' ? WINDOWS : POSIX;
  }

  boolean windows() {
    return this == WINDOWS;
  }

  /** The path separator, as Node's {@code path.sep}. */
  char separator() {
    return separator;
  }

  /** The {@code PATH} list separator, as Node's {@code path.delimiter}. */
  char pathListSeparator() {
    return pathListSeparator;
  }

  /** Converts backslashes to slashes on Windows, where minimatch treats both as separators. */
  String forwardSlashes(String text) {
    return windows() ? text.replace('\\', '/') : text;
  }
}
