package io.pipelinetasks.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command-line string into arguments with the official tool runner's rules, so an input
 * such as AzureCLI's {@code arguments} reaches a tool exactly as it would from a Node task.
 *
 * <p>The rules: a space outside double quotes separates arguments (several spaces count as one); a
 * double quote toggles quoting and is removed, even in the middle of an argument; inside quotes a
 * backslash escapes a double quote, and every other backslash is kept (so {@code \\} stays two
 * backslashes); outside quotes a backslash is an ordinary character. The last argument is trimmed.
 * No shell is involved: {@code $VAR}, globs and redirections are passed literally.
 */
public final class CommandLine {
  private CommandLine() {}

  /**
   * Splits a command line.
   *
   * @param line the command-line string
   * @return the arguments
   */
  public static List<String> split(String line) {
    List<String> args = new ArrayList<>();
    if (line == null) {
      return args;
    }
    StringBuilder arg = new StringBuilder();
    boolean inQuotes = false;
    boolean escaped = false;
    boolean lastWasSpace = true;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' && !inQuotes) {
        if (!lastWasSpace) {
          args.add(arg.toString());
          arg.setLength(0);
        }
        lastWasSpace = true;
        continue;
      }
      lastWasSpace = false;
      if (c == '"') {
        if (escaped) {
          arg.append('"');
          escaped = false;
        } else {
          inQuotes = !inQuotes;
        }
        continue;
      }
      if (c == '\\' && escaped) {
        arg.append("\\\\");
        escaped = false;
        continue;
      }
      if (c == '\\' && inQuotes) {
        escaped = true;
        continue;
      }
      if (escaped) {
        arg.append('\\');
        escaped = false;
      }
      arg.append(c);
    }
    // A backslash escaping nothing at the very end is dropped, as the Node tool runner drops it.
    if (!lastWasSpace) {
      args.add(arg.toString().trim());
    }
    return args;
  }
}
