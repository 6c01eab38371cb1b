package io.pipelinetasks.task;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The tools a task has running, so cancellation can kill them, and the process helpers the tool
 * runner shares: finding a tool on PATH and killing a whole process tree.
 */
final class ToolProcesses {
  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  void started(Process process) {
    running.add(process);
  }

  void finished(Process process) {
    running.remove(process);
  }

  /** Kills every running tool with its descendants; the task is being cancelled. */
  void killAll() {
    for (Process process : List.copyOf(running)) {
      killTree(process);
    }
  }

  /**
   * Kills a process and every process it started. The descendants are listed before anything is
   * killed: once the parent dies its orphans are re-parented and no longer count as its
   * descendants, yet they may still hold the output pipes open.
   */
  static void killTree(Process process) {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    try {
      process.waitFor(300, TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * Finds a tool: a path is taken as it is; a bare name is looked up on the PATH of the given
   * environment, trying each PATHEXT extension on Windows and requiring the executable bit
   * elsewhere.
   */
  static Optional<Path> which(String tool, Map<String, String> env, boolean windows) {
    if (tool.isEmpty()) {
      return Optional.empty();
    }
    List<String> extensions =
        windows
            ? List.of(
                (";" + env.getOrDefault(pathExtKey(env), ".COM;.EXE;.BAT;.CMD")).split(";", -1))
            : List.of("");
    if (tool.contains("/") || (windows && tool.contains("\\"))) {
      return candidate(Path.of(tool).toAbsolutePath(), extensions, windows);
    }
    String path = env.get(ChildEnvironment.pathKey(env));
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Optional<Path> found = candidate(Path.of(dir).resolve(tool), extensions, windows);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> candidate(Path base, List<String> extensions, boolean windows) {
    for (String extension : extensions) {
      Path file =
          extension.isEmpty()
              ? base
              : base.resolveSibling(base.getFileName() + extension.toLowerCase(Locale.ROOT));
      if (Files.isRegularFile(file) && (windows || Files.isExecutable(file))) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  private static String pathExtKey(Map<String, String> env) {
    for (String name : env.keySet()) {
      if (name.equalsIgnoreCase("PATHEXT")) {
        return name;
      }
    }
    return "PATHEXT";
  }
}
