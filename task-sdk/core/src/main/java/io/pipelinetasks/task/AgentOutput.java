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
  private final java.util.concurrent.atomic.AtomicLong maskedSecrets =
      new java.util.concurrent.atomic.AtomicLong();

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

  @Override
  public long maskedSecrets() {
    return maskedSecrets.get();
  }

  private String render(TaskEvent event, String line) {
    LoggingCommand command =
        event instanceof TaskEvent.Command c
            ? c.command()
            : line.contains("##vso[") ? LoggingCommand.parse(line).orElse(null) : null;
    if (command != null && command.registersSecret()) {
      masker.add(command.message());
      return line;
    }
    SecretMasker.Masked masked = masker.maskCounting(line);
    if (masked.occurrences() > 0) {
      maskedSecrets.addAndGet(masked.occurrences());
    }
    return masked.text();
  }

  /**
   * A line of the process's own standard error as it may reach the agent: masked like standard
   * output, and counted.
   *
   * @param line a line of standard error
   */
  String forStandardError(String line) {
    return render(new TaskEvent.Message(TaskEvent.Message.Kind.PLAIN, line), line);
  }
}
