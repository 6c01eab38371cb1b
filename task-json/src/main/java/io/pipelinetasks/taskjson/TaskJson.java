package io.pipelinetasks.taskjson;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetasks.taskjson.internal.Json;
import io.pipelinetasks.taskjson.internal.ManifestCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@code task.json} and {@code vss-extension.json}.
 *
 * <p>Reading accepts strict JSON in UTF-8, with or without a byte-order mark, and fails only when
 * the file cannot be read, is not JSON or is not a JSON object; everything else is the job of
 * {@link TaskJsonValidator}. Writing uses two-space indentation and the member order of the
 * official task files, and reproduces every member that was read (see {@link TaskDefinition}).
 */
public final class TaskJson {
  private TaskJson() {}

  /**
   * Reads a task.json file.
   *
   * @throws TaskJsonException when the file cannot be read or is not a JSON object
   */
  public static TaskDefinition readTask(Path file) {
    String name = file.toString();
    return parseTask(Json.readText(file, name), name);
  }

  /**
   * Parses task.json text.
   *
   * @param json the text; a leading byte-order mark is ignored
   * @param fileName the name used in error messages
   * @throws TaskJsonException when the text is not a JSON object
   */
  public static TaskDefinition parseTask(String json, String fileName) {
    return ManifestCodec.readTask(object(json, fileName));
  }

  /** The task.json text of a definition, ending with a line feed. */
  public static String writeTask(TaskDefinition task) {
    return Json.pretty(ManifestCodec.writeTask(task));
  }

  /** Writes a definition to a task.json file in UTF-8 without a byte-order mark. */
  public static void writeTask(TaskDefinition task, Path file) {
    write(writeTask(task), file);
  }

  /**
   * Reads a vss-extension.json file.
   *
   * @throws TaskJsonException when the file cannot be read or is not a JSON object
   */
  public static ExtensionManifest readExtension(Path file) {
    String name = file.toString();
    return parseExtension(Json.readText(file, name), name);
  }

  /**
   * Parses vss-extension.json text.
   *
   * @param json the text; a leading byte-order mark is ignored
   * @param fileName the name used in error messages
   * @throws TaskJsonException when the text is not a JSON object
   */
  public static ExtensionManifest parseExtension(String json, String fileName) {
    return ManifestCodec.readExtension(object(json, fileName));
  }

  /** The vss-extension.json text of a manifest, ending with a line feed. */
  public static String writeExtension(ExtensionManifest manifest) {
    return Json.pretty(ManifestCodec.writeExtension(manifest));
  }

  /** Writes a manifest to a file in UTF-8 without a byte-order mark. */
  public static void writeExtension(ExtensionManifest manifest, Path file) {
    write(writeExtension(manifest), file);
  }

  static JsonNode object(String json, String fileName) {
    JsonNode tree = Json.parse(json, fileName);
    if (!tree.isObject()) {
      throw new TaskJsonException(
          "NotAnObject",
          fileName,
          0,
          0,
          fileName
              + ": the top level is a JSON "
              + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + ", not an object",
          null);
    }
    return tree;
  }

  private static void write(String text, Path file) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TaskJsonException(
          "FileUnwritable",
          file.toString(),
          0,
          0,
          file + ": cannot be written (" + e + "). Check the folder exists and is writable.",
          e);
    }
  }
}
