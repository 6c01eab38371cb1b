package io.pipelinetasks.task;

import io.pipelinetasks.task.files.TaskFiles;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a tool, the way the official tool runner does and with what it lacks: arguments are a list
 * and never pass through a shell; the {@code [command]} echo and every line of output are masked;
 * output streams line by line with constant memory whatever its size; and a timeout or a
 * cancellation kills the whole process tree, so a grandchild holding the output pipe open cannot
 * keep the task waiting.
 *
 * <pre>{@code
 * ToolResult result = context.tool("az")
 *     .args("group", "list")
 *     .argIf(quiet, "--only-show-errors")
 *     .timeout(Duration.ofMinutes(5))
 *     .run();
 * }</pre>
 *
 * <p>The environment is the task's {@linkplain TaskContext#childEnvironment() child environment}
 * (no inputs, secrets or endpoint credentials) plus what {@link #env} adds. A runner is a builder:
 * configure it, then {@link #run()} it once.
 */
public final class ToolRunner {
  /** Lines longer than this are passed on in pieces, so memory stays bounded. */
  static final int MAX_LINE_BYTES = 1 << 20;

  private static final Duration STDIO_GRACE = Duration.ofSeconds(10);

  private final TaskContext context;
  private final String tool;
  private final List<String> arguments = new ArrayList<>();
  private final Map<String, String> extraEnv = new LinkedHashMap<>();
  private Path workingDirectory;
  private String stdin;
  private Duration timeout;
  private boolean failOnStdErr;
  private boolean ignoreReturnCode;
  private boolean silent;
  private boolean echoOutput = true;
  private boolean captureOutput;
  private Consumer<String> stdoutListener = line -> {};
  private Consumer<String> stderrListener = line -> {};
  private ToolRunner pipeTarget;

  ToolRunner(TaskContext context, String tool) {
    this.context = Objects.requireNonNull(context, "context");
    this.tool = Objects.requireNonNull(tool, "tool");
  }

  /**
   * Adds one argument, exactly as given.
   *
   * @param argument the argument
   */
  public ToolRunner arg(String argument) {
    arguments.add(Objects.requireNonNull(argument, "argument"));
    return this;
  }

  /**
   * Adds arguments, each exactly as given.
   *
   * @param args the arguments
   */
  public ToolRunner args(String... args) {
    for (String argument : args) {
      arg(argument);
    }
    return this;
  }

  /**
   * Adds arguments, each exactly as given.
   *
   * @param args the arguments
   */
  public ToolRunner args(List<String> args) {
    args.forEach(this::arg);
    return this;
  }

  /**
   * Adds arguments only when a condition holds.
   *
   * @param condition whether to add them
   * @param args the arguments
   */
  public ToolRunner argIf(boolean condition, String... args) {
    return condition ? args(args) : this;
  }

  /**
   * Adds the arguments of a command-line string, split with the official rules ({@link
   * CommandLine#split}).
   *
   * @param commandLine the arguments as one string, such as a task input
   */
  public ToolRunner line(String commandLine) {
    return args(CommandLine.split(commandLine));
  }

  /**
   * Runs the tool in this directory.
   *
   * @param directory the working directory
   */
  public ToolRunner workingDirectory(Path directory) {
    this.workingDirectory = directory;
    return this;
  }

  /**
   * Hands one more environment variable to the tool.
   *
   * @param name the variable name
   * @param value its value
   */
  public ToolRunner env(String name, String value) {
    extraEnv.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Hands a secret to the tool in an environment variable: the one place a secret may leave the
   * process on purpose. The value is registered with the masker.
   *
   * @param name the variable name
   * @param value the secret
   */
  public ToolRunner env(String name, Secret value) {
    context.masker().add(value.reveal());
    return env(name, value.reveal());
  }

  /**
   * Hands several environment variables to the tool.
   *
   * @param variables the variables
   */
  public ToolRunner env(Map<String, String> variables) {
    variables.forEach(this::env);
    return this;
  }

  /**
   * Writes this text to the tool's standard input, then closes it. Without it the tool reads an
   * empty input, so a tool that prompts fails at once instead of hanging the job.
   *
   * @param text the input
   */
  public ToolRunner stdin(String text) {
    this.stdin = text;
    return this;
  }

  /**
   * Kills the tool, and every process it started, when it runs longer than this.
   *
   * @param limit the timeout
   */
  public ToolRunner timeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  /**
   * Fails when the tool writes anything to standard error, as the official {@code failOnStdErr}.
   *
   * @param fail whether to fail
   */
  public ToolRunner failOnStdErr(boolean fail) {
    this.failOnStdErr = fail;
    return this;
  }

  /**
   * Returns a non-zero exit code in the result instead of failing.
   *
   * @param ignore whether to ignore it
   */
  public ToolRunner ignoreReturnCode(boolean ignore) {
    this.ignoreReturnCode = ignore;
    return this;
  }

  /**
   * Leaves out the {@code [command]} echo.
   *
   * @param quiet whether to leave it out
   */
  public ToolRunner silent(boolean quiet) {
    this.silent = quiet;
    return this;
  }

  /**
   * Whether the tool's output is written to the task log (the default).
   *
   * @param echo whether to write it
   */
  public ToolRunner echoOutput(boolean echo) {
    this.echoOutput = echo;
    return this;
  }

  /**
   * Keeps the tool's whole output in the result. Without it output is only streamed, in constant
   * memory.
   *
   * @param capture whether to keep it
   */
  public ToolRunner captureOutput(boolean capture) {
    this.captureOutput = capture;
    return this;
  }

  /**
   * Receives every standard output line, unmasked, as it arrives.
   *
   * @param listener the receiver
   */
  public ToolRunner onStdout(Consumer<String> listener) {
    this.stdoutListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Receives every standard error line, unmasked, as it arrives.
   *
   * @param listener the receiver
   */
  public ToolRunner onStderr(Consumer<String> listener) {
    this.stderrListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Pipes this tool's standard output into another tool's standard input, as the official {@code
   * pipeExecOutputToTool}. {@link #run()} then returns the other tool's result; a failure of this
   * tool still fails the run unless it ignores its return code.
   *
   * @param next the tool that reads this one's output
   */
  public ToolRunner pipeTo(ToolRunner next) {
    this.pipeTarget = Objects.requireNonNull(next, "next");
    return this;
  }

  /**
   * Runs the tool and waits for it.
   *
   * @return how it ended
   * @throws ToolException when it cannot start, exits non-zero (unless ignored), writes to standard
   *     error under {@code failOnStdErr}, or times out
   */
  public ToolResult run() {
    if (pipeTarget != null) {
      return runPipeline();
    }
    Prepared prepared = prepare();
    long start = System.nanoTime();
    Process process;
    try {
      process = prepared.builder.start();
    } catch (IOException failed) {
      throw startFailure(prepared.executable, failed);
    }
    return finish(prepared, process, start);
  }

  private ToolResult runPipeline() {
    Prepared first = prepare();
    Prepared second = pipeTarget.prepare();
    first.builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
    second.builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    long start = System.nanoTime();
    List<Process> processes;
    try {
      processes = ProcessBuilder.startPipeline(List.of(first.builder, second.builder));
    } catch (IOException failed) {
      throw startFailure(first.executable + " | " + second.executable, failed);
    }
    Process upstream = processes.get(0);
    Process downstream = processes.get(1);
    Pump upstreamErr = pump(upstream.getErrorStream(), first, TaskEvent.ToolOutput.Stream.STDERR);
    ToolResult last = pipeTarget.finish(second, downstream, start);
    int upstreamExit = waitFor(first, upstream, start, List.of(upstreamErr)).exitCode();
    if (upstreamExit != 0 && !ignoreReturnCode) {
      throw new ToolException(
          "ToolFailed",
          first.executable,
          upstreamExit,
          "The process '" + first.executable + "' failed with exit code " + upstreamExit);
    }
    return last;
  }

  private Prepared prepare() {
    Map<String, String> env = context.childEnvironment();
    env.putAll(extraEnv);
    String executable = resolve(env);
    List<String> command = new ArrayList<>();
    if (isWindows()
        && (executable.toLowerCase(Locale.ROOT).endsWith(".cmd")
            || executable.toLowerCase(Locale.ROOT).endsWith(".bat"))) {
      // Batch files only run through cmd.exe; quote each part for it.
      command.addAll(List.of("cmd.exe", "/D", "/S", "/C"));
      StringBuilder line = new StringBuilder("\"").append(quoteForCmd(executable));
      for (String argument : arguments) {
        line.append(' ').append(quoteForCmd(argument));
      }
      command.add(line.append('"').toString());
    } else {
      command.add(executable);
      command.addAll(arguments);
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    if (workingDirectory != null) {
      if (!Files.isDirectory(workingDirectory)) {
        throw new ToolException(
            "ToolWorkingDirectoryMissing",
            executable,
            -1,
            "The working directory "
                + workingDirectory
                + " for '"
                + executable
                + "' does not exist. Create it or point the task at an existing folder.");
      }
      builder.directory(workingDirectory.toFile());
    }
    if (!silent) {
      List<String> masked = new ArrayList<>(arguments.size());
      for (String argument : arguments) {
        masked.add(context.masker().mask(argument));
      }
      context
          .sink()
          .accept(
              new TaskEvent.ToolStarted(executable, masked, Optional.ofNullable(workingDirectory)));
    }
    return new Prepared(executable, builder);
  }

  private ToolResult finish(Prepared prepared, Process process, long start) {
    context.tools().started(process);
    try {
      feedStdin(process);
      Pump out = pump(process.getInputStream(), prepared, TaskEvent.ToolOutput.Stream.STDOUT);
      Pump err = pump(process.getErrorStream(), prepared, TaskEvent.ToolOutput.Stream.STDERR);
      Exit exit = waitFor(prepared, process, start, List.of(out, err));
      ToolResult result =
          new ToolResult(
              exit.exitCode(),
              captureOutput ? Optional.of(out.captured()) : Optional.empty(),
              captureOutput ? Optional.of(err.captured()) : Optional.empty(),
              err.lines(),
              Duration.ofNanos(System.nanoTime() - start),
              exit.timedOut());
      context
          .sink()
          .accept(
              new TaskEvent.ToolExited(prepared.executable, result.exitCode(), result.duration()));
      return check(prepared.executable, result);
    } finally {
      context.tools().finished(process);
    }
  }

  private ToolResult check(String executable, ToolResult result) {
    if (result.timedOut()) {
      throw new ToolException(
          "ToolTimedOut",
          executable,
          -1,
          "The process '"
              + executable
              + "' was killed after running longer than its timeout of "
              + humanDuration(timeout)
              + ", with every process it started.");
    }
    if (failOnStdErr && result.stderrLines() > 0) {
      throw new ToolException(
          "ToolWroteToStderr",
          executable,
          result.exitCode(),
          "The process '"
              + executable
              + "' failed because one or more lines were written to the STDERR stream");
    }
    if (result.exitCode() != 0 && !ignoreReturnCode) {
      throw new ToolException(
          "ToolFailed",
          executable,
          result.exitCode(),
          "The process '" + executable + "' failed with exit code " + result.exitCode());
    }
    return result;
  }

  private Exit waitFor(Prepared prepared, Process process, long start, List<Pump> pumps) {
    boolean timedOut = false;
    try {
      if (timeout == null) {
        process.waitFor();
      } else {
        long remaining = timeout.toNanos() - (System.nanoTime() - start);
        if (!process.waitFor(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
          timedOut = true;
          ToolProcesses.killTree(process);
        }
      }
    } catch (InterruptedException interrupted) {
      ToolProcesses.killTree(process);
      Thread.currentThread().interrupt();
      throw new ToolException(
          "ToolInterrupted",
          prepared.executable,
          -1,
          "The process '" + prepared.executable + "' was cancelled.");
    }
    Duration grace = timedOut ? Duration.ofSeconds(1) : STDIO_GRACE;
    long deadline = System.nanoTime() + grace.toNanos();
    boolean closed = true;
    for (Pump pump : pumps) {
      closed &= pump.await(deadline);
    }
    if (!closed && !timedOut) {
      context
          .log()
          .warning(
              "The STDIO streams did not close within 10 seconds of the exit event from process '"
                  + prepared.executable
                  + "'. This may indicate a child process inherited the STDIO streams and has not yet"
                  + " exited.");
    }
    context.sink().flush();
    return new Exit(timedOut ? -1 : process.exitValue(), timedOut);
  }

  private void feedStdin(Process process) {
    OutputStream in = process.getOutputStream();
    if (stdin == null) {
      close(in);
      return;
    }
    byte[] bytes = stdin.getBytes(StandardCharsets.UTF_8);
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = in) {
                out.write(bytes);
              } catch (IOException closedEarly) {
                // The tool exited without reading all of its input; that is its business.
              }
            },
            "tool-stdin");
    writer.setDaemon(true);
    writer.start();
  }

  private Pump pump(InputStream stream, Prepared prepared, TaskEvent.ToolOutput.Stream which) {
    Consumer<String> listener =
        which == TaskEvent.ToolOutput.Stream.STDOUT ? stdoutListener : stderrListener;
    Pump pump = new Pump(stream, prepared.executable, which, listener);
    Thread thread = new Thread(pump, "tool-" + which.name().toLowerCase(Locale.ROOT));
    thread.setDaemon(true);
    thread.start();
    return pump;
  }

  private String resolve(Map<String, String> env) {
    Optional<Path> found = TaskFiles.which(tool, env);
    if (found.isEmpty()) {
      throw new ToolException(
          "ToolNotFound",
          tool,
          -1,
          "Unable to locate executable file: '"
              + tool
              + "'. Please verify either the file path exists or the file can be found within a"
              + " directory specified by the PATH environment variable. Also check the file mode"
              + " to verify the file is executable.");
    }
    return found.get().toString();
  }

  private static ToolException startFailure(String executable, IOException failed) {
    return new ToolException(
        "ToolStartFailed",
        executable,
        -1,
        "There was an error when attempting to execute the process '"
            + executable
            + "'. This may indicate the process failed to start. Error: "
            + failed.getMessage());
  }

  private static void close(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // Nothing to do: the tool's input is closed either way.
    }
  }

  private static String humanDuration(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds >= 60
        ? seconds / 60 + " min " + seconds % 60 + " s"
        : duration.toMillis() + " ms";
  }

  static boolean isWindows() {
    return File.separatorChar == '\\';
  }

  private static String quoteForCmd(String argument) {
    if (!argument.isEmpty() && argument.chars().noneMatch(c -> " \t\"&|<>^()%!".indexOf(c) >= 0)) {
      return argument;
    }
    return "\"" + argument.replace("\"", "\"\"") + "\"";
  }

  private record Prepared(String executable, ProcessBuilder builder) {}

  /** The bytes of the line being read; reused from line to line so reading allocates little. */
  private static final class LineBuffer {
    private byte[] bytes = new byte[256];
    private int size;

    void append(byte[] source, int offset, int length) {
      if (size + length > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
      }
      System.arraycopy(source, offset, bytes, size, length);
      size += length;
    }

    int size() {
      return size;
    }

    /** The whole line as text, without a trailing carriage return. */
    String takeLine() {
      int length = size > 0 && bytes[size - 1] == '\r' ? size - 1 : size;
      String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
      size = 0;
      shrink();
      return text;
    }

    /** A piece of an over-long line, cut before an incomplete UTF-8 sequence, which is kept. */
    String takePiece() {
      int cut = size;
      int back = 0;
      while (back < 3 && cut - back - 1 >= 0 && (bytes[cut - back - 1] & 0xC0) == 0x80) {
        back++;
      }
      if (cut - back - 1 >= 0 && (bytes[cut - back - 1] & 0xC0) == 0xC0) {
        cut = cut - back - 1;
      }
      String text = new String(bytes, 0, cut, StandardCharsets.UTF_8);
      System.arraycopy(bytes, cut, bytes, 0, size - cut);
      size -= cut;
      return text;
    }

    private void shrink() {
      if (bytes.length > 65536) {
        bytes = new byte[256];
      }
    }
  }

  private record Exit(int exitCode, boolean timedOut) {}

  /** Reads one output stream of a tool, line by line, in constant memory. */
  private final class Pump implements Runnable {
    private final InputStream stream;
    private final String executable;
    private final TaskEvent.ToolOutput.Stream which;
    private final Consumer<String> listener;
    private final StringBuilder captured = new StringBuilder();
    private final AtomicInteger lines = new AtomicInteger();
    private final Object done = new Object();
    private boolean finished;
    private SecretMasker.Stream longLine;

    Pump(
        InputStream stream,
        String executable,
        TaskEvent.ToolOutput.Stream which,
        Consumer<String> listener) {
      this.stream = stream;
      this.executable = executable;
      this.which = which;
      this.listener = listener;
    }

    @Override
    public void run() {
      LineBuffer line = new LineBuffer();
      byte[] buffer = new byte[65536];
      try (InputStream in = stream) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          int start = 0;
          for (int i = 0; i < read; i++) {
            if (buffer[i] == '\n') {
              line.append(buffer, start, i - start);
              endLine(line);
              start = i + 1;
            }
          }
          line.append(buffer, start, read - start);
          if (line.size() >= MAX_LINE_BYTES) {
            longLinePiece(line);
          }
          if (in.available() == 0) {
            context.sink().flush();
          }
        }
      } catch (IOException closed) {
        // The stream was closed under us: the tool was killed. What was read is kept.
      } finally {
        if (line.size() > 0) {
          endLine(line);
        }
        synchronized (done) {
          finished = true;
          done.notifyAll();
        }
      }
    }

    private void endLine(LineBuffer line) {
      String text = line.takeLine();
      if (longLine != null) {
        longLine.write(text);
        longLine.finish();
        longLine = null;
        listener.accept(text);
      } else {
        deliver(text);
      }
      lines.incrementAndGet();
      if (captureOutput) {
        captured.append(text).append('\n');
      }
    }

    /** A line over the limit goes out in masked pieces, each on its own line of the log. */
    private void longLinePiece(LineBuffer line) {
      String text = line.takePiece();
      if (longLine == null) {
        longLine =
            context.masker().stream(
                piece -> {
                  if (echoOutput) {
                    context.sink().accept(new TaskEvent.ToolOutput(executable, which, piece));
                  }
                });
      }
      longLine.write(text);
      listener.accept(text);
      if (captureOutput) {
        captured.append(text);
      }
    }

    private void deliver(String text) {
      listener.accept(text);
      if (echoOutput) {
        context.sink().accept(new TaskEvent.ToolOutput(executable, which, text));
      }
    }

    boolean await(long deadlineNanos) {
      synchronized (done) {
        while (!finished) {
          long wait = deadlineNanos - System.nanoTime();
          if (wait <= 0) {
            return false;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(done, wait);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
        return true;
      }
    }

    String captured() {
      synchronized (done) {
        return captured.toString();
      }
    }

    int lines() {
      return lines.get();
    }
  }
}
