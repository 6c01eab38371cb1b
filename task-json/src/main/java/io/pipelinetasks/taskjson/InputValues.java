package io.pipelinetasks.taskjson;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Converters from an input's text to typed values, with the official task library's rules. {@link
 * InputBinder} uses them, and so does the SDK's raw-input API, so both read inputs alike.
 *
 * <p>Error messages name the input and the expected form, never the value: inputs can be filled
 * from secret variables.
 */
public final class InputValues {
  private InputValues() {}

  /**
   * A boolean the way the Node task library reads one: {@code true} in any case (surrounding
   * whitespace ignored) is true; {@code false} and the empty string are false; anything else is
   * false too, and a warning says so.
   *
   * @param inputName the input, for the warning
   * @param value the text, may be {@code null}
   * @param warnings receives the warning for a value that is neither true nor false
   */
  public static boolean toBoolean(String inputName, String value, Consumer<String> warnings) {
    if (isTrue(value)) {
      return true;
    }
    String text = value == null ? "" : value.strip();
    if (!text.isEmpty() && !text.equalsIgnoreCase("false")) {
      warnings.accept(
          "Input '"
              + inputName
              + "' is a boolean but its value is neither 'true' nor 'false'; it is treated as"
              + " false.");
    }
    return false;
  }

  /** What {@link #toBoolean} returns, without the warning. */
  static boolean isTrue(String value) {
    return value != null && value.strip().equalsIgnoreCase("true");
  }

  /**
   * A whole number: optional sign and decimal digits, surrounding whitespace ignored.
   *
   * @throws InputException with code {@code InputInvalidInteger}
   */
  public static int toInteger(String inputName, String value) {
    String text = value == null ? "" : value.strip();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InputException(
          "InputInvalidInteger",
          inputName,
          "Input '"
              + inputName
              + "' must be a whole number between -2147483648 and 2147483647, such as 10.",
          "Set '" + inputName + "' to digits only, with an optional leading '-'.");
    }
  }

  /**
   * The option key that a value names, compared ignoring case, as written in task.json.
   *
   * @throws InputException with code {@code InputInvalidOption}, listing the allowed keys
   */
  public static String toOption(String inputName, String value, List<String> options) {
    String text = value == null ? "" : value.strip();
    for (String option : options) {
      if (!option.isEmpty() && option.equalsIgnoreCase(text)) {
        return option;
      }
    }
    String allowed = String.join(", ", options.stream().filter(o -> !o.isEmpty()).toList());
    throw new InputException(
        "InputInvalidOption",
        inputName,
        "Input '" + inputName + "' must be one of: " + allowed + ".",
        "Set '" + inputName + "' to one of the listed values (case does not matter).");
  }

  /**
   * A file path in the platform's syntax.
   *
   * @throws InputException with code {@code InputInvalidPath} when the platform rejects it
   */
  public static Path toPath(String inputName, String value) {
    try {
      return Path.of(value.strip());
    } catch (InvalidPathException e) {
      throw new InputException(
          "InputInvalidPath",
          inputName,
          "Input '" + inputName + "' is not a valid file path on this system.",
          "Check '" + inputName + "' for characters the file system does not allow.");
    }
  }

  /**
   * The endpoint ids of a {@code connectedService} value: one id, or several separated by commas,
   * each trimmed, empty ones dropped.
   */
  public static List<EndpointRef> toEndpoints(String value) {
    List<EndpointRef> endpoints = new ArrayList<>();
    for (String id : split(value == null ? "" : value, ",")) {
      if (!id.isBlank()) {
        endpoints.add(new EndpointRef(id.strip()));
      }
    }
    return List.copyOf(endpoints);
  }

  /**
   * Splits on a literal delimiter the way {@code getDelimitedInput} does: empty items are dropped,
   * items are not trimmed.
   */
  public static List<String> split(String value, String delimiter) {
    Objects.requireNonNull(delimiter, "delimiter");
    return split(value, Pattern.compile(Pattern.quote(delimiter)));
  }

  /**
   * Splits on a regular expression the way {@code getDelimitedInput} does with a RegExp: empty
   * items are dropped, items are not trimmed.
   */
  public static List<String> split(String value, Pattern delimiter) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : delimiter.split(value, -1)) {
      if (!item.isEmpty()) {
        items.add(item);
      }
    }
    return List.copyOf(items);
  }
}
