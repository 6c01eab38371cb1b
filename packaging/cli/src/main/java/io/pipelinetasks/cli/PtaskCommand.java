package io.pipelinetasks.cli;

import io.pipelinetasks.TaskException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code ptask} command. Each subcommand is one class listed in {@code subcommands}
 * below; adding one is a class plus a line.
 *
 * <p>Exit codes: 0 success, 1 the command found problems or failed, 2 a usage error (picocli's
 * {@link CommandLine.ExitCode#USAGE}).
 */
@Command(
    name = "ptask",
    mixinStandardHelpOptions = true,
    versionProvider = PtaskCommand.Version.class,
    description = "Build, check and run Azure Pipelines tasks written in Java.",
    subcommands = {
      ValidateCommand.class,
      RunCommand.class,
      PackageCommand.class,
      NewCommand.class,
      EmulatorCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class,
    })
final class PtaskCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand there is nothing to do: show what there is, as a usage error. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  /** The configured command line; tests run it in-process. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new PtaskCommand());
    // A TaskException is the user's problem (a file, an input), so it gets its message and fix,
    // not a stack trace. Anything else is a bug in ptask and keeps the stack trace.
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          if (e instanceof UsageException usage) {
            cmd.getErr().println("ptask: " + usage.getMessage());
            return CommandLine.ExitCode.USAGE;
          }
          if (e instanceof TaskException task) {
            cmd.getErr().println("ptask: error " + task.code() + " " + task.getMessage());
            return 1;
          }
          throw e;
        });
    return commandLine;
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PtaskCommand.class.getPackage().getImplementationVersion();
      return new String[] {"ptask " + (version == null ? "development" : version)};
    }
  }
}
