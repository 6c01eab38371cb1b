package io.pipelinetasks.taskjson;

import java.util.Map;

/**
 * The {@code version} of a task: the agent caches tasks by version, so every release must bump it.
 *
 * @param major the {@code Major} part
 * @param minor the {@code Minor} part
 * @param patch the {@code Patch} part
 * @param extra members kept verbatim so writing reproduces the file (see {@link TaskDefinition})
 */
public record TaskVersion(int major, int minor, int patch, Map<String, String> extra) {
  /** The version a task.json without a {@code version} object reads as. */
  public static final TaskVersion ABSENT = new TaskVersion(0, 0, 0, Map.of());

  /** Copies the extra members. */
  public TaskVersion {
    extra = Copies.map(extra);
  }

  /** A version without extra members. */
  public static TaskVersion of(int major, int minor, int patch) {
    return new TaskVersion(major, minor, patch, Map.of());
  }

  /** The version as the agent prints it, {@code Major.Minor.Patch}. */
  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
