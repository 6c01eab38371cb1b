package io.pipelinetasks.packaging;

import java.util.List;
import java.util.Map;

/** The few JSON forms this module writes by hand: quoted strings, string lists and maps. */
final class JsonText {
  private JsonText() {}

  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String list(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }

  static String object(Map<String, String> values, String indent) {
    if (values.isEmpty()) {
      return "{}";
    }
    StringBuilder out = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      out.append(indent)
          .append("  ")
          .append(quote(entry.getKey()))
          .append(": ")
          .append(quote(entry.getValue()))
          .append(++i < values.size() ? ",\n" : "\n");
    }
    return out.append(indent).append('}').toString();
  }
}
