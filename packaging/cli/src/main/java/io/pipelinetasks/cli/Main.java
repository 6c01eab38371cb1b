package io.pipelinetasks.cli;

/** The {@code ptask} entry point: runs the command line and exits with its code. */
public final class Main {
  private Main() {}

  /**
   * Runs {@code ptask}.
   *
   * @param args the command line, such as {@code validate Tasks/}
   */
  public static void main(String[] args) {
    System.exit(PtaskCommand.commandLine().execute(args));
  }
}
