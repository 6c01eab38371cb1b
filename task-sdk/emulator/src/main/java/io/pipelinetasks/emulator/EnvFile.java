package io.pipelinetasks.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator's environment file: one {@code KEY=VALUE} per line, where {@code VALUE} is always a
 * JSON string literal ({@code "..."} with {@code \n}, {@code \"}, {@code \\} and {@code \}{@code
 * uXXXX} escapes). That makes values with newlines (a certificate PEM), quotes (endpoint JSON) or
 * trailing spaces unambiguous, and any JSON parser can read them. Blank lines and lines starting
 * with {@code #} are comments.
 */
public final class EnvFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvFile() {}

  /** Formats {@code variables} in the env-file format, in map order. */
  public static String format(Map<String, String> variables) {
    StringBuilder out = new StringBuilder();
    out.append("# Written by the pipelinetasks Azure emulator. Values are JSON string literals.\n");
    for (Map.Entry<String, String> entry : variables.entrySet()) {
      String name = entry.getKey();
      if (name.isEmpty() || name.contains("=") || name.contains("\n")) {
        throw new IllegalArgumentException("Not a variable name: " + name);
      }
      try {
        out.append(name).append('=').append(JSON.writeValueAsString(entry.getValue())).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out.toString();
  }

  /** Writes {@code variables} to {@code file}, readable only by its owner where supported. */
  public static void write(Map<String, String> variables, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, format(variables), StandardCharsets.UTF_8);
      try {
        // The file holds the job access token and connection secrets.
        Files.setPosixFilePermissions(
            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system.
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the env-file format; a value that is not JSON-quoted is taken verbatim. */
  public static Map<String, String> parse(String text) {
    Map<String, String> variables = new LinkedHashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Line " + (i + 1) + " is not KEY=VALUE");
      }
      String value = line.substring(eq + 1);
      if (value.startsWith("\"")) {
        try {
          value = JSON.readValue(value, String.class);
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(
              "Line " + (i + 1) + " has a value that is not a valid JSON string", e);
        }
      }
      variables.put(line.substring(0, eq), value);
    }
    return variables;
  }

  /** Reads an env file. */
  public static Map<String, String> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
