package io.pipelinetasks.cli;

import io.pipelinetasks.packaging.Launcher;
import io.pipelinetasks.packaging.TaskFolder;
import io.pipelinetasks.taskjson.TaskDefinition;
import io.pipelinetasks.taskjson.TaskJson;
import io.pipelinetasks.taskjson.TaskJsonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the built task folder for what the user typed: a task folder, a task module (its {@code
 * target/task/<Name>V<major>}), a task.json, or a name such as {@code AzureCLI@2}, {@code
 * AzureCLIV2} or {@code AzureCLI} among the project's {@code tasks/*} modules.
 */
final class TaskLocator {
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9\\-]+?)(?:@(\\d+)|V(\\d+))?");

  /** A built task folder and its task.json. */
  record Located(Path folder, TaskDefinition task) {}

  private TaskLocator() {}

  /** The project root: {@code -Dptask.root} (set by bin/ptask), else a parent of the cwd. */
  static Optional<Path> projectRoot() {
    String configured = System.getProperty("ptask.root");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("tasks/pom.xml"))
          && Files.isDirectory(dir.resolve("packaging"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  static Located locate(String reference, Path base) {
    Path path = base.resolve(reference);
    if (Files.exists(path)) {
      Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
      return fromFolder(dir, reference);
    }
    Matcher m = NAME.matcher(reference);
    if (!m.matches()) {
      throw new UsageException(
          reference + ": no such folder, and not a task name such as AzureCLI@2 or AzureCLIV2");
    }
    String name = m.group(1);
    String major = m.group(2) != null ? m.group(2) : m.group(3);
    List<Path> modules = modules();
    List<String> known = new ArrayList<>();
    Path best = null;
    int bestMajor = -1;
    for (Path module : modules) {
      TaskDefinition task = read(module.resolve("task.json"));
      known.add(task.name() + "@" + task.version().major());
      if (task.name().equalsIgnoreCase(name)
          && (major == null || Integer.parseInt(major) == task.version().major())
          && task.version().major() > bestMajor) {
        best = module;
        bestMajor = task.version().major();
      }
    }
    if (best == null) {
      throw new UsageException(
          reference
              + ": no such task folder or task"
              + (known.isEmpty()
                  ? " (no tasks/*/task.json found; give the path of a task folder)"
                  : "; the project's tasks are " + String.join(", ", known)));
    }
    return fromFolder(best, reference);
  }

  private static List<Path> modules() {
    Optional<Path> root = projectRoot();
    if (root.isEmpty()) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root.get().resolve("tasks"))) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("task.json")))
          .sorted(Comparator.naturalOrder())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Located fromFolder(Path dir, String reference) {
    Path taskJson = dir.resolve("task.json");
    if (!Files.isRegularFile(taskJson)) {
      throw new UsageException(reference + ": holds no task.json");
    }
    TaskDefinition task = read(taskJson);
    if (Files.isRegularFile(dir.resolve(Launcher.JAR_FILE))) {
      return new Located(dir.toAbsolutePath().normalize(), task);
    }
    Path built = dir.resolve("target/task").resolve(TaskFolder.folderName(task));
    if (Files.isRegularFile(built.resolve(Launcher.JAR_FILE))) {
      return new Located(built.toAbsolutePath().normalize(), read(built.resolve("task.json")));
    }
    throw new UsageException(
        reference
            + ": the task module is not built (no "
            + built
            + "); build it with `./mvnw -pl "
            + relativeToRoot(dir)
            + " -am package -DskipTests`, or run it through bin/ptask, which builds the"
            + " project's tasks");
  }

  private static String relativeToRoot(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    return projectRoot()
        .map(r -> r.toAbsolutePath().normalize())
        .filter(absolute::startsWith)
        .map(r -> r.relativize(absolute).toString())
        .orElse(absolute.toString());
  }

  private static TaskDefinition read(Path taskJson) {
    try {
      return TaskJson.readTask(taskJson);
    } catch (TaskJsonException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
