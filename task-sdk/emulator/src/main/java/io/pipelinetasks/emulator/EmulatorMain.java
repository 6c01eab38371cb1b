package io.pipelinetasks.emulator;

import java.nio.file.Path;

/**
 * Runs the emulator from the command line until interrupted: {@code EmulatorMain [--config FILE]
 * [--env-file FILE]}. Without {@code --config} it serves the demo organisation. The {@code ptask
 * emulator} command offers the same through the CLI.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  /** Parses the arguments, starts, prints the endpoints and waits for Ctrl-C. */
  public static void main(String[] args) throws InterruptedException {
    Path config = null;
    Path envFile = null;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = Path.of(value(args, ++i, "--config"));
        case "--env-file" -> envFile = Path.of(value(args, ++i, "--env-file"));
        case "--verbose" -> verbose = true;
        case "--help", "-h" -> {
          System.out.println(
              "Usage: EmulatorMain [--config FILE] [--env-file FILE] [--verbose]\n"
                  + "Serves the demo organisation unless a configuration file is given.");
          return;
        }
        default -> {
          System.err.println("Unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    AzureEmulator.Builder builder = AzureEmulator.builder();
    if (config == null) {
      builder.demo();
    } else {
      builder.config(config);
    }
    if (verbose) {
      builder.requestLog(System.out::println);
    }
    AzureEmulator emulator = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "azure-emulator-stop"));
    System.out.print(emulator.describe());
    if (envFile != null) {
      emulator.writeEnvFile(envFile);
      System.out.println("\nAgent environment written to " + envFile.toAbsolutePath());
    }
    System.out.println("\nRunning; press Ctrl-C to stop.");
    emulator.awaitClose();
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return args[index];
  }
}
