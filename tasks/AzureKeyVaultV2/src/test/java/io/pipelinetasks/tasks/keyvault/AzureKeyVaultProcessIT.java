package io.pipelinetasks.tasks.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.task.LoggingCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task as the agent starts it: a JVM whose first argument is the launcher's name, reading the
 * agent's environment and writing commands to standard output.
 */
class AzureKeyVaultProcessIT {
  private static AzureEmulator azure;
  @TempDir Path temp;

  @BeforeAll
  static void start() {
    azure = TestVaults.builder().start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  private List<String> run(String launcher, String runAsPreJob, String filter)
      throws IOException, InterruptedException {
    ProcessBuilder process =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djdk.net.hosts.file=" + TestVaults.hostsFile(),
            "-cp",
            System.getProperty("java.class.path"),
            AzureKeyVaultTask.class.getName(),
            launcher);
    Map<String, String> env = process.environment();
    env.clear();
    env.putAll(azure.agentEnvironment());
    env.put("AGENT_TEMPDIRECTORY", temp.toString());
    env.put("INPUT_CONNECTEDSERVICENAME", "demo-secret");
    env.put("INPUT_KEYVAULTNAME", TestVaults.TEAM);
    env.put("INPUT_SECRETSFILTER", filter);
    env.put("INPUT_RUNASPREJOB", runAsPreJob);
    Path out = temp.resolve("out.txt");
    process.redirectErrorStream(true).redirectOutput(out.toFile());
    Process started = process.start();
    assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(started.exitValue()).isZero();
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }

  @Test
  void thePreJobLauncherSkipsWhenRunAsPreJobIsOff() throws Exception {
    List<String> lines = run("prejob", "false", "db-password");

    assertThat(lines)
        .contains(
            "##vso[task.complete result=Skipped;]Skipped according to the task's configuration."
                + " RunAsPreJob: false");
    assertThat(lines).noneMatch(line -> line.contains("task.setvariable"));
  }

  @Test
  void theStepLauncherSetsTheSecretsAndPrintsNoValueOutsideTheCommandsThatRegisterThem()
      throws Exception {
    List<String> lines = run("launcher", "false", "*");

    assertThat(lines)
        .contains(
            "##vso[task.setvariable variable=db-password;isOutput=false;issecret=true;]"
                + TestVaults.TEAM_VALUES.get("db-password"))
        .contains("##vso[task.complete result=Succeeded;]");
    List<String> pieces = new ArrayList<>();
    for (String value : TestVaults.TEAM_VALUES.values()) {
      if (!value.isEmpty()) {
        pieces.add(value);
        for (String line : value.split("\\r\\n|\\r|\\n")) {
          pieces.add(line);
        }
      }
    }
    for (String line : lines) {
      boolean registers =
          LoggingCommand.parse(line).map(LoggingCommand::registersSecret).orElse(false);
      if (!registers) {
        for (String piece : pieces) {
          assertThat(line).doesNotContain(piece);
        }
      }
    }
  }
}
