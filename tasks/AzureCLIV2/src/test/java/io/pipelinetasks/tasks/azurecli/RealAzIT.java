package io.pipelinetasks.tasks.azurecli;

import static io.pipelinetasks.task.testing.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.JournalEntry;
import io.pipelinetasks.task.files.TaskFiles;
import io.pipelinetasks.task.testing.TaskRun;
import io.pipelinetasks.task.testing.TaskTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AzureCLI@2 with the real Azure CLI (Debian's azure-cli, installed by .ci/run) against the
 * emulator, through the ADFS-style cloud the emulator delivers with ARM_CLOUD_METADATA_URL
 * (real-az-testing.md recipe A).
 */
class RealAzIT {
  private static AzureEmulator azure;
  @TempDir Path dir;
  private Path temp;

  @BeforeAll
  static void start() {
    assumeTrue(
        TaskFiles.which("az").isPresent(), "the Azure CLI is not installed; .ci/run installs it");
    azure = AzureEmulator.builder().demo().start();
  }

  @AfterAll
  static void stop() {
    if (azure != null) {
      azure.close();
    }
  }

  @BeforeEach
  void clean() throws Exception {
    azure.journal().clear();
    temp = Files.createDirectories(dir.resolve("agent-temp"));
  }

  static TaskTestKit<AzureCliInputs> kit(AzureEmulator azure, Path temp, String connection) {
    Map<String, String> env = new TreeMap<>(azure.agentEnvironment());
    env.putAll(azure.azureCliEnvironment());
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", temp.getParent().toString());
    return TaskTestKit.task(new AzureCliTask(), AzureCliInputs::bind)
        .taskDirectory(Path.of("").toAbsolutePath())
        .environment(env)
        .tempDirectory(temp)
        .input("azureSubscription", connection)
        .input("scriptType", "bash")
        .input("scriptLocation", "inlineScript");
  }

  @Test
  void federationLogsInRunsTheScriptAndClearsTheAccount() throws Exception {
    TaskRun run =
        kit(azure, temp, "demo-wif")
            .input(
                "inlineScript",
                "az group list --query '[].name' -o tsv\naz account show --query id -o tsv")
            .run();
    assertThat(run)
        .succeeded()
        .printed(Demo.RESOURCE_GROUP)
        .printed(Demo.SUBSCRIPTION_ID)
        .hasNoLeaks();
    List<String> commands =
        run.toolCalls().stream().map(call -> String.join(" ", call.arguments())).toList();
    assertThat(commands.get(0)).isEqualTo("--version");
    assertThat(commands)
        .contains(
            "cloud set -n AzureEmulator",
            "account set --subscription " + Demo.SUBSCRIPTION_ID,
            "account clear");
    assertThat(commands)
        .anyMatch(
            c -> c.startsWith("login --service-principal") && c.endsWith("--federated-token ***"));
    List<JournalEntry> tokens = azure.journal().find("POST", "^/adfs/oauth2/token$");
    assertThat(tokens)
        .isNotEmpty()
        .allSatisfy(
            t -> {
              assertThat(t.form()).containsEntry("client_assertion", JournalEntry.REDACTED);
              assertThat(t.form())
                  .containsEntry(
                      "client_assertion_type",
                      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
              assertThat(t.status()).isEqualTo(200);
            });
    assertThat(azure.journal().find("POST", "/oidctoken$")).isNotEmpty();
    assertNothingLeftIn(temp);
  }

  @Test
  void aSecretConnectionLogsInWithThePasswordAndNeverShowsIt() throws Exception {
    TaskRun run =
        kit(azure, temp, "demo-secret")
            .input("inlineScript", "az group list --query '[].name' -o tsv")
            .run();
    assertThat(run).succeeded().printed(Demo.RESOURCE_GROUP).hasNoLeaks();
    assertThat(String.join("\n", run.output())).doesNotContain(Demo.CLIENT_SECRET);
    assertThat(azure.journal().find("POST", "^/adfs/oauth2/token$"))
        .anySatisfy(
            t -> assertThat(t.form()).containsEntry("client_secret", JournalEntry.REDACTED));
    assertNothingLeftIn(temp);
  }

  @Test
  void aFailingScriptFailsTheTaskAndStillClearsTheAccount() throws Exception {
    TaskRun run =
        kit(azure, temp, "demo-secret")
            .input("inlineScript", "az group show -n no-such-group\nexit 3")
            .run();
    assertThat(run).failed().hasMessageContaining("Script failed with exit code: 3");
    assertThat(run.toolCalls())
        .last()
        .satisfies(call -> assertThat(call.arguments()).containsExactly("account", "clear"));
    assertNothingLeftIn(temp);
  }

  @Test
  void aWrongSecretShowsTheAadstsHint() throws Exception {
    TaskRun run =
        kit(azure, temp, "demo-secret")
            .environment(
                "ENDPOINT_AUTH_PARAMETER_demo-secret_SERVICEPRINCIPALKEY",
                "wrong-value-for-the-test")
            .environment("ENDPOINT_AUTH_demo-secret", "")
            .input("inlineScript", "echo never")
            .run();
    assertThat(run)
        .failed()
        .hasMessageContaining("Azure login failed")
        .hasMessageContaining("AADSTS7000215")
        .hasMessageContaining("client secret is wrong");
    assertNothingLeftIn(temp);
  }

  static void assertNothingLeftIn(Path temp) throws Exception {
    try (var left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }
}
