package io.pipelinetasks.tasks.webapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code appSettings} and {@code configurationStrings} inputs: {@code -Name value} pairs as the
 * official tasks write them (quotes, backticks, parentheses, brackets and braces group a value that
 * has spaces), or JSON, either an array of {@code {"name", "value", "slotSetting"}} objects as the
 * Azure portal's advanced editor exports them, or an object of names to values.
 */
final class SettingsInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One setting.
   *
   * @param value the value
   * @param slotSetting whether it sticks to the slot: empty when not said, as in the {@code -Name
   *     value} syntax
   */
  record Setting(String value, Optional<Boolean> slotSetting) {
    Setting {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(slotSetting, "slotSetting");
    }
  }

  /** Why the input could not be read; the message never quotes a value. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  private SettingsInput() {}

  /**
   * The settings, in input order; a later name replaces an earlier one.
   *
   * @param text the input value
   * @throws SyntaxException when the text is neither syntax
   */
  static Map<String, Setting> parse(String text) throws SyntaxException {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return Map.of();
    }
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      return parseJson(trimmed);
    }
    return parsePairs(trimmed);
  }

  private static Map<String, Setting> parseJson(String text) throws SyntaxException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException invalid) {
      throw new SyntaxException(
          "it starts like JSON but is not valid JSON (line "
              + invalid.getLocation().getLineNr()
              + ", column "
              + invalid.getLocation().getColumnNr()
              + ")");
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    if (root.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        settings.put(field.getKey(), new Setting(text(field.getValue()), Optional.empty()));
      }
      return settings;
    }
    int index = 0;
    for (JsonNode item : root) {
      JsonNode name = item.get("name");
      if (!item.isObject() || name == null || !name.isTextual() || name.asText().isBlank()) {
        throw new SyntaxException("item " + index + " of the JSON array has no \"name\"");
      }
      JsonNode slot = item.get("slotSetting");
      Optional<Boolean> slotSetting =
          slot == null || slot.isNull()
              ? Optional.empty()
              : Optional.of(slot.isBoolean() ? slot.asBoolean() : slot.asText().equals("true"));
      settings.put(name.asText(), new Setting(text(item.path("value")), slotSetting));
      index++;
    }
    return settings;
  }

  private static String text(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /**
   * {@code -Name value -Other "two words"}: a token starting with {@code -} (and not a negative
   * number) is a name, the token after it its value (empty when another name follows). Quotes and
   * backticks around a value are removed; brackets, braces and parentheses are kept, so JSON values
   * pass through.
   */
  private static Map<String, Setting> parsePairs(String text) throws SyntaxException {
    List<String> tokens = tokens(text);
    Map<String, Setting> settings = new LinkedHashMap<>();
    int i = 0;
    while (i < tokens.size()) {
      String token = tokens.get(i);
      if (!isName(token)) {
        throw new SyntaxException(
            "a value is not preceded by a -Name (item " + (i + 1) + " of " + tokens.size() + ")");
      }
      String name = token.substring(1);
      String value = "";
      if (i + 1 < tokens.size() && !isName(tokens.get(i + 1))) {
        value = unquote(tokens.get(i + 1));
        i++;
      }
      settings.put(name, new Setting(value, Optional.empty()));
      i++;
    }
    return settings;
  }

  private static boolean isName(String token) {
    return token.length() > 1
        && token.charAt(0) == '-'
        && !Character.isDigit(token.charAt(1))
        && token.charAt(1) != '.';
  }

  private static String unquote(String token) {
    if (token.length() >= 2) {
      char first = token.charAt(0);
      char last = token.charAt(token.length() - 1);
      if ((first == '"' || first == '\'' || first == '`') && last == first) {
        return token.substring(1, token.length() - 1);
      }
    }
    return token;
  }

  /** Splits on whitespace outside quotes, backticks and balanced brackets. */
  private static List<String> tokens(String text) throws SyntaxException {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        current.append(c);
        if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '"' || c == '\'' || c == '`') {
        // A quote starts a group only at the start of a token or inside brackets.
        if (current.length() == 0 || depth > 0) {
          quote = c;
        }
        current.append(c);
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
        current.append(c);
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
        current.append(c);
      } else if (Character.isWhitespace(c) && depth == 0) {
        if (current.length() > 0) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (quote != 0) {
      throw new SyntaxException("a " + quote + " quote is not closed");
    }
    if (depth != 0) {
      throw new SyntaxException("a bracket, brace or parenthesis is not closed");
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    return tokens;
  }
}
