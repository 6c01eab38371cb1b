package io.pipelinetasks.task;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The tools a task has running, so cancellation can kill them, and killing a whole process tree.
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
}
