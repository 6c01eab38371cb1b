package io.pipelinetasks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged jar and bin/ptask as real processes, the way users do. */
class PtaskIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path JAR = MODULE.resolve("target/ptask.jar");
  private static final Path LAUNCHER = MODULE.resolve("../../bin/ptask").normalize();
  private static final Path TASKS = MODULE.resolve("src/test/resources/io/pipelinetasks/cli/tasks");

  record Result(int exitCode, String out, String err) {}

  private static Result run(Path workingDirectory, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    // Fail rather than start a nested Maven build if the jar were stale.
    builder.environment().put("PTASK_NO_BUILD", "1");
    Path out = Files.createTempFile("ptask", ".out");
    Path err = Files.createTempFile("ptask", ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ptask finished").isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void theJarReportsErrorsWithExitCodeOne() throws Exception {
    Result result = run(MODULE, java("validate", TASKS.toString()));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("Broken/task.json:/id: error IdInvalid")
        .endsWith("Checked 3 task.json files: 2 errors, 1 warning.\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void theJarExitsZeroForAValidFileAndTwoForAUsageError() throws Exception {
    assertThat(run(MODULE, java("validate", TASKS.resolve("Good/task.json").toString())).exitCode())
        .isZero();
    Result usage = run(MODULE, java("validate", "--no-such-option", "x"));
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void theLauncherWorksFromAnyDirectoryWithRelativePaths(@TempDir Path elsewhere) throws Exception {
    Files.createDirectories(elsewhere.resolve("MyTask"));
    Files.copy(TASKS.resolve("Warned/task.json"), elsewhere.resolve("MyTask/task.json"));

    Result result = run(elsewhere, List.of(LAUNCHER.toString(), "validate", "MyTask"));

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("MyTask/task.json:/inputs/0/name: warning InputNameNotInSchema")
        .endsWith("Checked 1 task.json file: 0 errors, 1 warning.\n");
  }

  @Test
  void theVersionComesFromTheJar() throws Exception {
    Result result = run(MODULE, java("--version"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("ptask 0.");
  }
}
