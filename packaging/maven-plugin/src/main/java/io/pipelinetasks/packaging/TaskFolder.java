package io.pipelinetasks.packaging;

import io.pipelinetasks.taskjson.TaskDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task folder as the agent downloads it, built by {@link TaskFolderBuilder}.
 *
 * @param directory the folder, named {@code <name>V<major>}
 * @param task the task.json written into it, with its stamped version
 * @param launchers the launcher file names, one per distinct handler target
 * @param appCdsArchive the AppCDS archive, when one was made
 */
public record TaskFolder(
    Path directory, TaskDefinition task, List<String> launchers, Optional<Path> appCdsArchive) {
  /** Copies the list. */
  public TaskFolder {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(task, "task");
    launchers = List.copyOf(launchers);
    Objects.requireNonNull(appCdsArchive, "appCdsArchive");
  }

  /**
   * Zips the folder's contents (files at the zip root), as {@code tfx build tasks upload
   * --task-zip-path} takes them; sorted entries with a fixed time, so the bytes are reproducible.
   *
   * @param zipFile the zip to write
   * @return {@code zipFile}
   */
  public Path zip(Path zipFile) {
    try {
      Zips.zipFolder(directory, zipFile);
      return zipFile;
    } catch (IOException e) {
      throw new PackagingException(
          "WriteFailed", zipFile + ": cannot be written (" + e.getMessage() + ").", e);
    }
  }

  /** The folder name the agent and the VSIX use: {@code <name>V<major>}. */
  public static String folderName(TaskDefinition task) {
    return task.name() + "V" + task.version().major();
  }
}
