package io.pipelinetasks.taskjson;

import java.util.Optional;

/**
 * Reads a JSON string literal without Jackson, for the few places where model records hand out a
 * string held as JSON text.
 */
final class JsonStrings {
  private JsonStrings() {}

  /** The value of a JSON string literal; empty if the text is not one. */
  static Optional<String> unquote(String json) {
    String text = json.strip();
    if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 1; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return Optional.empty();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= text.length() - 1) {
        return Optional.empty();
      }
      char escaped = text.charAt(i);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 4 >= text.length() - 1) {
            return Optional.empty();
          }
          try {
            out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
          i += 4;
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(out.toString());
  }
}
