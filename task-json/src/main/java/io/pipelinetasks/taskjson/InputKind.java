package io.pipelinetasks.taskjson;

import java.util.Locale;

/** What an input's value is converted to; derived from the task.json type by {@link InputSpec}. */
public enum InputKind {
  /** Text: {@code string}, {@code multiLine}, editable or multi-select pick lists, other types. */
  STRING,
  /** {@code boolean}: only {@code true} in any case is true. */
  BOOLEAN,
  /** {@code int}: a whole number. */
  INTEGER,
  /** {@code pickList} or {@code radio} with fixed options: one option key. */
  OPTION,
  /** {@code filePath}: a {@link java.nio.file.Path}. */
  FILE_PATH,
  /** {@code secureFile}: a {@link SecureFileRef}. */
  SECURE_FILE,
  /** {@code connectedService:<kind>}: an {@link EndpointRef}. */
  CONNECTED_SERVICE;

  static InputKind of(
      String type, boolean hasOptions, boolean editableOptions, boolean multiSelect) {
    // The UI compares types ignoring case, and manifests in the wild write "picklist".
    String t = type.toLowerCase(Locale.ROOT);
    if (t.startsWith("connectedservice:")) {
      return CONNECTED_SERVICE;
    }
    return switch (t) {
      case "boolean" -> BOOLEAN;
      case "int" -> INTEGER;
      case "filepath" -> FILE_PATH;
      case "securefile" -> SECURE_FILE;
      case "picklist", "radio" -> hasOptions && !editableOptions && !multiSelect ? OPTION : STRING;
      default -> STRING;
    };
  }
}
