package io.pipelinetasks.task.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The forms under which the agent masks a secret value: the value, its quote-stripped and trimmed
 * variants, the logging-command escaped forms, base64, and the JSON-, URI- and backslash-encoded
 * forms its encoders add (agent-contract.md 7.2 and 7.3). Masking the same forms locally keeps
 * output clean even where the agent's masking is weakened.
 */
public final class SecretForms {
  private SecretForms() {}

  /**
   * Every form of a value worth masking, each at least {@code minLength} characters long.
   *
   * @param value the secret
   * @param minLength the shortest form to keep
   */
  public static Set<String> of(String value, int minLength) {
    Set<String> forms = new LinkedHashSet<>();
    if (value.isBlank()) {
      return forms;
    }
    Set<String> bases = new LinkedHashSet<>();
    addWithVariants(bases, value);
    addWithVariants(bases, escapeForCommand(value));
    addWithVariants(bases, escapeLineBreaks(value));
    String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    addWithVariants(bases, base64);
    for (String base : bases) {
      forms.add(base);
      forms.add(jsonEscape(base));
      forms.add(uriDataEscape(base));
      forms.add(backslashUnescape(base));
    }
    // A loop rather than removeIf with a lambda: this runs at every task's start-up.
    for (Iterator<String> it = forms.iterator(); it.hasNext(); ) {
      String form = it.next();
      if (form.isEmpty() || form.length() < minLength || form.isBlank()) {
        it.remove();
      }
    }
    return forms;
  }

  private static void addWithVariants(Set<String> into, String value) {
    into.add(value);
    String unquoted = stripQuotes(value);
    into.add(unquoted);
    into.add(trim(value));
    into.add(trim(unquoted));
  }

  private static String stripQuotes(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      char last = value.charAt(value.length() - 1);
      if ((first == '"' || first == '\'') && first == last) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }

  private static String trim(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isTrimmed(value.charAt(start))) {
      start++;
    }
    while (end > start && isTrimmed(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isTrimmed(char c) {
    return c == ' ' || c == '\r' || c == '\n';
  }

  private static String escapeForCommand(String value) {
    return value.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String escapeLineBreaks(String value) {
    return value.replace("\r", "%0D").replace("\n", "%0A");
  }

  /** The body of a JSON string literal, as Newtonsoft's {@code JsonConvert.ToString} writes it. */
  static String jsonEscape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * {@code Uri.EscapeDataString}: everything but RFC 3986 unreserved characters, upper-case hex.
   */
  static String uriDataEscape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** What a shell makes of a backslash-escaped value: {@code \\ \' \" \t} unescaped. */
  static String backslashUnescape(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    return value
        .replace("\\\\", "\\")
        .replace("\\'", "'")
        .replace("\\\"", "\"")
        .replace("\\t", "\t");
  }
}
