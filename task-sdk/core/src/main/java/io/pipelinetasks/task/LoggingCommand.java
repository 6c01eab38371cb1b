package io.pipelinetasks.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code ##vso[area.event key=value;...]message} logging command, the way a task talks to the
 * agent.
 *
 * <p>{@link #toLine()} writes it byte for byte as the official Node task library does: properties
 * in insertion order, empty values left out, every written property followed by {@code ;}, and the
 * escaping order that starts with {@code %}. {@link #parse(String)} reads a line the way the agent
 * does, so the local runner and the tests see output exactly as the agent would.
 *
 * @param name the command name, {@code area.event}; empty becomes {@code missing.command} when
 *     written, as in the Node library
 * @param properties the properties in the order they are written; an empty value is kept here but
 *     left out of the line
 * @param message the data after the closing bracket
 */
public record LoggingCommand(String name, Map<String, String> properties, String message) {
  private static final String PREFIX = "##vso[";

  /** Copies the properties, keeping their order; a null value counts as empty. */
  public LoggingCommand {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(properties, "properties");
    message = message == null ? "" : message;
    Map<String, String> copy = new LinkedHashMap<>();
    // Loops, not lambdas, here and below: every task writes commands from its first line on, and
    // each lambda's first use spins a class (bench/startup/README.md).
    for (Map.Entry<String, String> property : properties.entrySet()) {
      String value = property.getValue();
      copy.put(property.getKey(), value == null ? "" : value);
    }
    properties = Collections.unmodifiableMap(copy);
  }

  /**
   * A command without properties.
   *
   * @param name {@code area.event}
   * @param message the data
   */
  public static LoggingCommand of(String name, String message) {
    return new LoggingCommand(name, Map.of(), message);
  }

  /**
   * A command with properties, in the order of the given keys and values.
   *
   * @param name {@code area.event}
   * @param message the data
   * @param keysAndValues alternating keys and values; a null value is left out of the line
   */
  public static LoggingCommand of(String name, String message, String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new LoggingCommand(name, properties, message);
  }

  /** The area, the part of the name before the dot. */
  public String area() {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** The event, the part of the name after the dot. */
  public String event() {
    int dot = name.indexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  /**
   * Whether this is the given command, ignoring case as the agent does.
   *
   * @param commandName {@code area.event}
   */
  public boolean is(String commandName) {
    return name.equalsIgnoreCase(commandName);
  }

  /**
   * A property value, looked up ignoring case as the agent does.
   *
   * @param key the property name
   */
  public Optional<String> property(String key) {
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(key)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a boolean property is {@code true}, ignoring case, as the agent's {@code
   * Boolean.TryParse} reads it.
   */
  public boolean flag(String key) {
    return property(key).orElse("").trim().equalsIgnoreCase("true");
  }

  /**
   * Whether the agent consumes this command to register a secret value: {@code task.setsecret},
   * {@code task.setvariable} or {@code task.settaskvariable} with {@code issecret=true}, and {@code
   * task.setendpoint} of an auth parameter. Such a line must reach the agent unmasked; the agent
   * never logs it.
   */
  public boolean registersSecret() {
    if (is("task.setsecret")) {
      return true;
    }
    if (is("task.setvariable") || is("task.settaskvariable")) {
      return flag("issecret");
    }
    return is("task.setendpoint") && property("field").orElse("").equalsIgnoreCase("authParameter");
  }

  /** The command as the Node library writes it, without a line terminator. */
  public String toLine() {
    StringBuilder line = new StringBuilder(64 + message.length());
    line.append(PREFIX).append(name.isEmpty() ? "missing.command" : name);
    if (!properties.isEmpty()) {
      line.append(' ');
      for (Map.Entry<String, String> property : properties.entrySet()) {
        if (!property.getValue().isEmpty()) {
          line.append(property.getKey()).append('=');
          escapeProperty(property.getValue(), line);
          line.append(';');
        }
      }
    }
    line.append(']');
    escapeData(message, line);
    return line.toString();
  }

  @Override
  public String toString() {
    return toLine();
  }

  /**
   * Reads a line the way the agent does: {@code ##vso[} anywhere in the line, the command info up
   * to the first {@code ]}, a name of exactly two dot-separated parts, properties split on {@code
   * ;} and the first {@code =} with malformed ones dropped, keys kept untrimmed, and values and
   * data unescaped with {@code %AZP25} decoded (the agent's default).
   *
   * @param line one line of task output
   * @return the command, or empty when the agent would not treat the line as one
   */
  public static Optional<LoggingCommand> parse(String line) {
    int start = line.indexOf(PREFIX);
    if (start < 0) {
      return Optional.empty();
    }
    int infoStart = start + PREFIX.length();
    int end = line.indexOf(']', infoStart);
    if (end < 0) {
      return Optional.empty();
    }
    String info = line.substring(infoStart, end);
    int space = info.indexOf(' ');
    String name = space < 0 ? info : info.substring(0, space);
    int parts = 0;
    for (String part : name.split("\\.", -1)) {
      if (!part.isEmpty()) {
        parts++;
      }
    }
    if (parts != 2) {
      return Optional.empty();
    }
    Map<String, String> properties = new LinkedHashMap<>();
    if (space >= 0) {
      for (String piece : info.substring(space + 1).split(";", -1)) {
        if (piece.isEmpty()) {
          continue;
        }
        int eq = piece.indexOf('=');
        if (eq <= 0 || eq == piece.length() - 1) {
          continue;
        }
        properties.put(piece.substring(0, eq), unescape(piece.substring(eq + 1)));
      }
    }
    return Optional.of(new LoggingCommand(name, properties, unescape(line.substring(end + 1))));
  }

  /**
   * Escapes a value for the data part of a command: {@code %}, CR and LF.
   *
   * @param value the raw value
   */
  public static String escapeData(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    escapeData(value, out);
    return out.toString();
  }

  /**
   * Escapes a value for a property: {@code %}, CR, LF, {@code ]} and {@code ;}.
   *
   * @param value the raw value
   */
  public static String escapeProperty(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    escapeProperty(value, out);
    return out.toString();
  }

  private static void escapeData(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '%' -> out.append("%AZP25");
        case '\r' -> out.append("%0D");
        case '\n' -> out.append("%0A");
        default -> out.append(c);
      }
    }
  }

  private static void escapeProperty(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '%' -> out.append("%AZP25");
        case '\r' -> out.append("%0D");
        case '\n' -> out.append("%0A");
        case ']' -> out.append("%5D");
        case ';' -> out.append("%3B");
        default -> out.append(c);
      }
    }
  }

  /**
   * Undoes the escaping in the agent's order: {@code %3B}, {@code %0D}, {@code %0A}, {@code %5D},
   * then {@code %AZP25}. Each replacement scans the whole string, as the agent's does.
   */
  static String unescape(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    return value
        .replace("%3B", ";")
        .replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%5D", "]")
        .replace("%AZP25", "%");
  }

  /** Lower-cases a name for comparisons that ignore case the way .NET's invariant culture does. */
  static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
