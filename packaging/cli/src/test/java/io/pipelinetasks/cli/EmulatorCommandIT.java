package io.pipelinetasks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code ptask emulator} as a process until it serves, then stops it like Ctrl-C would. */
class EmulatorCommandIT {
  private static final Path JAR = Path.of("target/ptask.jar").toAbsolutePath();

  @TempDir Path work;

  private ProcessBuilder ptask(Path log, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
  }

  @Test
  void theEmulatorServesTheDemoOrganisationAndWritesTheAgentEnvironment() throws Exception {
    Path log = work.resolve("out.log");
    Path envFile = work.resolve("agent.env");
    Process process = ptask(log, "emulator", "--env-file", envFile.toString()).start();
    try {
      for (int i = 0; i < 600 && !Files.readString(log).contains("Running;"); i++) {
        Thread.sleep(100);
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(out)
          .contains("Agent environment written to")
          .contains("Running; press Ctrl-C to stop.");
      assertThat(Files.readString(envFile))
          .contains("SYSTEM_OIDCREQUESTURI=\"https://")
          .contains(
              "ENDPOINT_AUTH_SCHEME_de300000-0000-4000-8000-000000000021=\"WorkloadIdentityFederation\"")
          .contains("AGENT_CAINFO=");
    } finally {
      process.toHandle().destroy(); // SIGTERM, as Ctrl-C's shutdown path
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aMissingConfigurationIsAUsageError() throws Exception {
    Path log = work.resolve("bad.log");
    Process process = ptask(log, "emulator", "--config", "missing.json").start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log)).contains("missing.json: no such emulator configuration file");
  }
}
