package io.pipelinetasks.task;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The sink that talks to the agent: every event becomes one line on standard output, masked, in
 * UTF-8 with the platform line terminator.
 *
 * <p>The one exception to masking is a logging command through which the agent learns a secret
 * ({@code task.setsecret}, {@code task.setvariable issecret=true} and the like, whether the task or
 * one of its tools wrote it): the agent consumes such a line and never logs it, and it needs the
 * value itself. The value is also added to the masker, so it is hidden from then on.
 */
public final class AgentOutput implements EventSink {
  private final PrintStream out;
  private final SecretMasker masker;

  /**
   * A sink writing to the given stream.
   *
   * @param out where lines go
   * @param masker the masker every line passes
   */
  public AgentOutput(OutputStream out, SecretMasker masker) {
    this.out =
        new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
    this.masker = masker;
  }

  /** A sink writing to this process's standard output. */
  public static AgentOutput stdout(SecretMasker masker) {
    return new AgentOutput(new FileOutputStream(FileDescriptor.out), masker);
  }

  @Override
  public void accept(TaskEvent event) {
    Optional<String> line = event.toAgentLine();
    if (line.isEmpty()) {
      return;
    }
    String text = render(event, line.get());
    synchronized (out) {
      out.print(text);
      out.print(System.lineSeparator());
      if (!(event instanceof TaskEvent.ToolOutput)) {
        out.flush();
      }
    }
  }

  @Override
  public void flush() {
    synchronized (out) {
      out.flush();
    }
  }

  private String render(TaskEvent event, String line) {
    if (event instanceof TaskEvent.Command c) {
      return forAgent(line, c.command(), masker);
    }
    return forAgent(line, masker);
  }

  /**
   * A line as it may reach the agent: masked, unless it is a command through which the agent learns
   * a secret, whose value the masker then learns too.
   *
   * @param line a line of output
   * @param masker the masker
   */
  static String forAgent(String line, SecretMasker masker) {
    LoggingCommand command =
        line.contains("##vso[") ? LoggingCommand.parse(line).orElse(null) : null;
    return forAgent(line, command, masker);
  }

  private static String forAgent(String line, LoggingCommand command, SecretMasker masker) {
    if (command != null && command.registersSecret()) {
      masker.add(command.message());
      return line;
    }
    return masker.mask(line);
  }
}
