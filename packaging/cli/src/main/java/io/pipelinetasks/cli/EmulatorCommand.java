package io.pipelinetasks.cli;

import io.pipelinetasks.emulator.AzureEmulator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ptask emulator}: serves the local Azure emulator until Ctrl-C. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Start the local HTTPS Azure emulator (Entra ID, Azure DevOps OIDC, ARM, Kudu, Key Vault)"
          + " and keep it running until Ctrl-C.",
      "Without --config it serves the demo organisation; --env-file writes the agent environment"
          + " of a job in it (KEY=\"json string\" lines)."
    })
final class EmulatorCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "An emulator JSON configuration.")
  Path config;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "Write the agent environment here.")
  Path envFile;

  @Option(names = "--verbose", description = "Print every request.")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (config != null && !Files.isRegularFile(config)) {
      throw new UsageException(config + ": no such emulator configuration file");
    }
    AzureEmulator.Builder builder = AzureEmulator.builder();
    if (config == null) {
      builder.demo();
    } else {
      builder.config(config);
    }
    if (verbose) {
      builder.requestLog(
          line -> {
            out.println(line);
            out.flush();
          });
    }
    try (AzureEmulator emulator = builder.start()) {
      out.print(emulator.describe());
      if (envFile != null) {
        emulator.writeEnvFile(envFile);
        out.println();
        out.println("Agent environment written to " + envFile.toAbsolutePath());
      }
      out.println();
      out.println("Running; press Ctrl-C to stop.");
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "ptask-emulator-stop"));
      emulator.awaitClose();
    }
    return 0;
  }
}
