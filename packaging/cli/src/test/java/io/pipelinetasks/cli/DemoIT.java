package io.pipelinetasks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code ptask demo} as a process: the emulator, AzureKeyVault@2's pre-job and step entry
 * points, and AzureCLI@2 when {@code az} is installed. The reactor builds the task modules before
 * this module, so their task folders exist.
 */
class DemoIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path ROOT = MODULE.resolve("../..").normalize();

  @Test
  void theDemoDownloadsTheSecretAndUsesItWithoutPrintingIt() throws Exception {
    Path log = Files.createTempFile("demo", ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dptask.root=" + ROOT,
                    "-jar",
                    MODULE.resolve("target/ptask.jar").toString(),
                    "demo"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the demo finished").isTrue();
    String out = Files.readString(log, StandardCharsets.UTF_8);

    if (!Files.exists(ROOT.resolve("tasks/AzureKeyVaultV2/task.json"))) {
      // The task module is not written yet: the demo says what is missing, as a usage error.
      assertThat(process.exitValue()).as(out).isEqualTo(2);
      assertThat(out).contains("AzureKeyVault@2: no such task folder or task");
      return;
    }
    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("Step 1, AzureKeyVault@2: downloads the secret demo-password")
        .contains("Skipped according to the task's configuration. RunAsPreJob: false")
        .contains("== Finishing: Download demo-password: Succeeded")
        .contains("    demo-password = *** (secret)")
        .contains("  Result: Succeeded")
        .doesNotContain("Demo-P@ssw0rd-1");
    if (DemoCommand.onPath("az")) {
      assertThat(out)
          .contains("== Finishing: Use the secret with az: Succeeded")
          .contains("demo-sub\n")
          .contains("The password has 15 characters: ***");
    } else {
      assertThat(out).contains("apt-get install -y azure-cli");
    }
  }
}
