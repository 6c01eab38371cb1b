package io.pipelinetasks.cli;

import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.DemoConnection;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ptask demo}: a two-step pipeline against the local Azure emulator, AzureKeyVault@2 then
 * AzureCLI@2 using the secret it downloaded, each explained in one line.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a small pipeline against the local Azure emulator: AzureKeyVault@2 downloads a secret"
          + " from the demo vault, then AzureCLI@2 signs in with workload identity federation and"
          + " uses it (only when az is installed).",
      "Exit code 0 when the pipeline succeeded, 1 when a step failed."
    })
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path base = Path.of("").toAbsolutePath();
    String connection = DemoConnection.WIF.connectionName();
    out.println("ptask demo: a two-step pipeline, run locally the way the agent runs it.");
    out.println(
        "The Azure emulator plays Entra ID, Azure DevOps OIDC, ARM and Key Vault on localhost;"
            + " the service connection "
            + connection
            + " uses workload identity federation, so no secret is stored anywhere.");
    List<LocalPipeline.Step> steps = new ArrayList<>();
    out.println(
        "Step 1, AzureKeyVault@2: downloads the secret "
            + Demo.SECRET_PASSWORD
            + " from the vault "
            + Demo.VAULT
            + " into a secret pipeline variable.");
    Map<String, String> keyVault = new LinkedHashMap<>();
    keyVault.put("azureSubscription", connection);
    keyVault.put("KeyVaultName", Demo.VAULT);
    keyVault.put("SecretsFilter", Demo.SECRET_PASSWORD);
    steps.add(
        new LocalPipeline.Step(
            "AzureKeyVault@2",
            base,
            "keyvault",
            "Download " + Demo.SECRET_PASSWORD,
            keyVault,
            Map.of(),
            false));
    if (onPath("az")) {
      out.println(
          "Step 2, AzureCLI@2: signs az in through "
              + connection
              + ", shows the subscription, and uses the secret (printed, it shows as ***).");
      Map<String, String> cli = new LinkedHashMap<>();
      cli.put("azureSubscription", connection);
      cli.put("scriptType", "bash");
      cli.put("scriptLocation", "inlineScript");
      cli.put(
          "inlineScript",
          "az account show --query name --output tsv\n"
              + "echo \"The password has ${#DEMO_PASSWORD} characters: $DEMO_PASSWORD\"");
      steps.add(
          new LocalPipeline.Step(
              "AzureCLI@2",
              base,
              "cli",
              "Use the secret with az",
              cli,
              Map.of("DEMO_PASSWORD", "$(" + Demo.SECRET_PASSWORD + ")"),
              false));
    } else {
      out.println(
          "Step 2, AzureCLI@2, is left out: the Azure CLI (az) is not installed. Install it with"
              + " `apt-get install -y azure-cli` (Debian, Ubuntu) and run `bin/ptask demo` again.");
    }
    out.flush();
    RunCommand run = new RunCommand();
    return run.run(out, steps, true, Map.of(), Map.of(), List.of());
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
