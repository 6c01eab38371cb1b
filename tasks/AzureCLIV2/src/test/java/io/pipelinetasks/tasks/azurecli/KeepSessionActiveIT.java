package io.pipelinetasks.tasks.azurecli;

import static io.pipelinetasks.task.testing.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.task.files.TaskFiles;
import io.pipelinetasks.task.testing.TaskRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script that outlives its idToken several times over: the idToken lives 20 s and access tokens
 * 15 s, so the Azure CLI must sign in again with fresh idTokens; with keepAzSessionActive every
 * call over 90 s succeeds, and the federated token file the script sees keeps changing.
 */
class KeepSessionActiveIT {

  @Test
  void everyAzCallOverNinetySecondsSucceedsAndTheTokenFileIsRefreshed(@TempDir Path dir)
      throws Exception {
    assumeTrue(
        TaskFiles.which("az").isPresent(), "the Azure CLI is not installed; .ci/run installs it");
    try (AzureEmulator azure =
        AzureEmulator.builder()
            .demo()
            .oidcTokenLifetime(Duration.ofSeconds(20))
            .accessTokenLifetime(Duration.ofSeconds(15))
            .start()) {
      Path temp = Files.createDirectories(dir.resolve("agent-temp"));
      Path hashes = dir.resolve("hashes.txt");
      String script =
          "for i in $(seq 9); do\n"
              + "  az group list --query '[].name' -o tsv || exit 10\n"
              + "  sha256sum \"$AZURE_FEDERATED_TOKEN_FILE\" | cut -c1-16 >> "
              + hashes
              + "\n"
              + "  sleep 10\n"
              + "done\n";
      TaskRun run =
          RealAzIT.kit(azure, temp, "demo-wif")
              .input("keepAzSessionActive", "true")
              .input("addSpnToEnvironment", "true")
              .input("inlineScript", script)
              .run();
      assertThat(run).succeeded().hasNoLeaks();
      assertThat(run.output().stream().filter(l -> l.equals("demo-rg"))).hasSize(9);
      assertThat(run.output()).anyMatch(l -> l.contains("Attempting to refresh az-cli session"));
      List<String> seen = Files.readAllLines(hashes);
      assertThat(seen).hasSize(9);
      assertThat(seen.stream().distinct().count()).isGreaterThanOrEqualTo(4);
      RealAzIT.assertNothingLeftIn(temp);
    }
  }

  @Test
  void withoutKeepAliveAScriptFailsOnceTheIdTokenHasExpired(@TempDir Path dir) throws Exception {
    assumeTrue(
        TaskFiles.which("az").isPresent(), "the Azure CLI is not installed; .ci/run installs it");
    try (AzureEmulator azure =
        AzureEmulator.builder()
            .demo()
            .oidcTokenLifetime(Duration.ofSeconds(6))
            .accessTokenLifetime(Duration.ofSeconds(4))
            .start()) {
      Path temp = Files.createDirectories(dir.resolve("agent-temp"));
      TaskRun run =
          RealAzIT.kit(azure, temp, "demo-wif")
              .input(
                  "inlineScript",
                  "az group list -o none\nsleep 8\naz group list -o none || exit 10")
              .run();
      // The control: this is the official task's failure (AADSTS700024) that keep-alive prevents.
      assertThat(run).failed().hasMessageContaining("Script failed with exit code: 10");
      assertThat(run.output()).anyMatch(l -> l.contains("AADSTS700024"));
      RealAzIT.assertNothingLeftIn(temp);
    }
  }
}
