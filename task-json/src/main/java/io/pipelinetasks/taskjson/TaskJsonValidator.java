package io.pipelinetasks.taskjson;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetasks.taskjson.internal.Json;
import io.pipelinetasks.taskjson.internal.TaskJsonRules;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a task.json and reports every problem at once, each with its JSON pointer and a fix hint.
 *
 * <p>Errors are reserved for what breaks the agent, the service or input binding: a missing or
 * malformed id, name, version, input name, type or label, duplicate input names (they collide as
 * {@code INPUT_<NAME>}), handlers without a target, malformed messages, unparseable visibleRules.
 * What the service accepts is a warning, however odd: the official tasks ship visibleRules with
 * parentheses, references to undefined inputs and groups, pick-list defaults outside the options,
 * input types the schema does not list and names with underscores. The README of this module lists
 * every code.
 */
public final class TaskJsonValidator {
  private TaskJsonValidator() {}

  /** Reads and validates a file; a file that cannot be read or parsed is reported as an error. */
  public static ValidationReport validate(Path file) {
    String name = file.toString();
    String text;
    try {
      text = Json.readText(file, name);
    } catch (TaskJsonException e) {
      return failed(name, e);
    }
    return validate(text, name);
  }

  /**
   * Validates task.json text.
   *
   * @param json the text; a leading byte-order mark is ignored
   * @param fileName the name reported in each problem
   */
  public static ValidationReport validate(String json, String fileName) {
    JsonNode tree;
    try {
      tree = TaskJson.object(json, fileName);
    } catch (TaskJsonException e) {
      return failed(fileName, e);
    }
    return new ValidationReport(fileName, TaskJsonRules.check(tree, json, fileName));
  }

  private static ValidationReport failed(String file, TaskJsonException e) {
    String hint =
        switch (e.code()) {
          case "JsonSyntax" ->
              "A missing comma, quote or bracket just before that position is the usual cause";
          case "NotAnObject" -> "A task manifest is one JSON object: { \"id\": ..., ... }";
          default -> "Check the path, the permissions and that the file is UTF-8 text";
        };
    // The exception message starts with the file name, which the problem already carries.
    String message = e.getMessage();
    if (message.startsWith(file + ":")) {
      message = message.substring(file.length() + 1).strip();
    }
    return new ValidationReport(
        file, List.of(new Problem(Problem.Severity.ERROR, file, "", e.code(), message, hint)));
  }
}
