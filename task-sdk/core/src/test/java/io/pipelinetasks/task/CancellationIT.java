package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the agent cancels a step it sends SIGINT, then SIGTERM: cleanup hooks run once, running
 * tools are killed, temporary files are removed, and the task reports Cancelled.
 */
class CancellationIT {

  @Test
  void sigtermRunsCleanupKillsToolsAndReportsCancelled(@TempDir Path dir) throws Exception {
    Path temp = Files.createDirectories(dir.resolve("temp"));
    Path marker = dir.resolve("marker.txt");
    Process process =
        Processes.java(
            "io.pipelinetasks.task.fixtures.SlowTask",
            Map.of("PATH", System.getenv("PATH"), "AGENT_TEMPDIRECTORY", temp.toString()),
            dir,
            marker.toString());
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      lines.add(line);
      if (line.startsWith("[command]") && line.contains("sleep 60")) {
        break;
      }
    }
    Thread.sleep(300);
    List<ProcessHandle> tools = process.descendants().toList();
    assertThat(tools).isNotEmpty();
    // Process.destroy() would also close our end of its output; send the signal as the agent does.
    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
    while ((line = out.readLine()) != null) {
      lines.add(line);
    }
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(lines).contains("##vso[task.complete result=Cancelled;]The task was cancelled.");
    assertThat(Files.readString(marker)).isEqualTo("cleaned up");
    try (var left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
    assertThat(tools).noneMatch(ProcessHandle::isAlive);
  }
}
