package io.pipelinetasks.tasks.keyvault;

import java.util.Optional;

/**
 * Puts a multi-line JSON object or array on one line, as the official task does with {@code
 * JSON.stringify(JSON.parse(value))}, so it can be a secret variable the agent accepts.
 *
 * <p>Only the whitespace between tokens is removed; strings, numbers and escapes stay exactly as
 * written. {@code JSON.stringify} would also rewrite numbers (rounding integers above 2^53) and
 * escapes, which changes the secret. Parsing is strict, as {@code JSON.parse} is: no comments, no
 * trailing commas, no {@code NaN}, whitespace only of space, tab, CR and LF; anything else is not
 * JSON and is handled as text. No JSON library is needed for this, and none is loaded.
 */
final class JsonFlattener {
  // Deeper nesting than this is not a configuration document; treating it as text is safe.
  private static final int MAX_DEPTH = 256;

  private final String text;
  private final StringBuilder out;
  private int pos;

  private JsonFlattener(String text) {
    this.text = text;
    this.out = new StringBuilder(text.length());
  }

  /** The value on one line when it is a JSON object or array, else empty. */
  static Optional<String> flatten(String value) {
    JsonFlattener parser = new JsonFlattener(value);
    try {
      parser.skipWhitespace();
      char first = parser.peek();
      if (first != '{' && first != '[') {
        return Optional.empty();
      }
      parser.value(0);
      parser.skipWhitespace();
      return parser.pos == value.length() ? Optional.of(parser.out.toString()) : Optional.empty();
    } catch (NotJson notJson) {
      return Optional.empty();
    }
  }

  private static final class NotJson extends Exception {
    private static final long serialVersionUID = 1L;

    NotJson() {
      super(null, null, false, false);
    }
  }

  private char peek() throws NotJson {
    if (pos >= text.length()) {
      throw new NotJson();
    }
    return text.charAt(pos);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c) throws NotJson {
    if (peek() != c) {
      throw new NotJson();
    }
    out.append(c);
    pos++;
  }

  private void value(int depth) throws NotJson {
    if (depth > MAX_DEPTH) {
      throw new NotJson();
    }
    skipWhitespace();
    char c = peek();
    switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private void object(int depth) throws NotJson {
    expect('{');
    skipWhitespace();
    if (peek() == '}') {
      expect('}');
      return;
    }
    while (true) {
      skipWhitespace();
      string();
      skipWhitespace();
      expect(':');
      value(depth + 1);
      skipWhitespace();
      if (peek() == ',') {
        expect(',');
      } else {
        expect('}');
        return;
      }
    }
  }

  private void array(int depth) throws NotJson {
    expect('[');
    skipWhitespace();
    if (peek() == ']') {
      expect(']');
      return;
    }
    while (true) {
      value(depth + 1);
      skipWhitespace();
      if (peek() == ',') {
        expect(',');
      } else {
        expect(']');
        return;
      }
    }
  }

  private void string() throws NotJson {
    expect('"');
    while (true) {
      char c = peek();
      pos++;
      if (c == '"') {
        out.append(c);
        return;
      }
      if (c < 0x20) {
        throw new NotJson(); // a raw control character (such as a newline) is not allowed
      }
      out.append(c);
      if (c == '\\') {
        char escape = peek();
        pos++;
        out.append(escape);
        if (escape == 'u') {
          for (int i = 0; i < 4; i++) {
            char hex = peek();
            if (Character.digit(hex, 16) < 0) {
              throw new NotJson();
            }
            out.append(hex);
            pos++;
          }
        } else if ("\"\\/bfnrt".indexOf(escape) < 0) {
          throw new NotJson();
        }
      }
    }
  }

  private void literal(String word) throws NotJson {
    if (!text.startsWith(word, pos)) {
      throw new NotJson();
    }
    out.append(word);
    pos += word.length();
  }

  private void number() throws NotJson {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else {
      digits();
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      digits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits();
    }
    out.append(text, start, pos);
  }

  private void digits() throws NotJson {
    char first = peek();
    if (first < '0' || first > '9') {
      throw new NotJson();
    }
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
  }
}
