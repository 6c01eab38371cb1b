package io.pipelinetasks.task;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.taskjson.InputSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a task the way the agent expects: reads the environment once, registers every secret it
 * holds, binds the inputs, runs the task, runs cleanup hooks however the task ends, and reports the
 * outcome with {@code task.complete}.
 *
 * <p>A task's {@code main} is one line:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   TaskRunner.main(MyInputs::bind, new MyTask());
 * }
 * }</pre>
 *
 * <p>Outcomes map as the agent wants them: success; {@code SucceededWithIssues} when the task says
 * so; failure as an error issue plus {@code task.complete result=Failed} with exit code 0, so the
 * agent reports a task failure rather than a crash. An unexpected exception becomes a one-line
 * error, with the stack trace only in debug runs, masked like everything else. When the agent
 * cancels the step (SIGINT or SIGTERM) cleanup hooks run once and the task reports {@code
 * Cancelled}.
 */
public final class TaskRunner {
  /**
   * The start of the debug line a task writes before completing when it printed registered secrets,
   * followed by the count; {@code ptask run} reads it.
   */
  public static final String MASKED_SECRETS_PREFIX =
      "pipelinetasks: the task printed registered secrets ";

  private TaskRunner() {}

  /**
   * The entry point for a task process: runs against this process's environment and standard
   * output, then exits.
   *
   * @param inputs binds the task's inputs, usually {@code GeneratedInputs::bind}
   * @param task the task
   */
  public static <I> void main(Function<InputSource, I> inputs, Task<I> task) {
    SecretMasker masker =
        new SecretMasker(minSecretLength(System.getenv("AZP_IGNORE_SECRETS_SHORTER_THAN")));
    AgentOutput out = AgentOutput.stdout(masker);
    // Whatever the task or a library prints directly is masked too, line by line.
    PrintStream realErr = System.err;
    System.setOut(
        new PrintStream(new LineOutputStream(new PlainLines(out)), true, StandardCharsets.UTF_8));
    System.setErr(
        new PrintStream(
            new LineOutputStream(new ErrorLines(realErr, out)), true, StandardCharsets.UTF_8));
    Options options =
        new Options(
            taskDirectory(task.getClass()), Optional.of(task.getClass().getClassLoader()), true);
    int code = run(inputs, task, System.getenv(), masker, out, options).exitCode();
    System.out.close();
    System.err.close();
    out.flush();
    reportExitCode(code);
    System.exit(code);
  }

  /**
   * Writes the exit code the task asks for to the file the launcher names, in a run that also
   * writes the AppCDS archive as the JVM exits: if that fails after the task finished, the launcher
   * reports this code instead of the JVM's, so the archive can never change a task's result.
   */
  private static void reportExitCode(int code) {
    String file = System.getProperty("pipelinetasks.exitCodeFile");
    if (file == null || file.isEmpty()) {
      return;
    }
    try {
      Files.writeString(Path.of(file), Integer.toString(code), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException unwritable) {
      // The launcher then reports the JVM's own exit code, as it does for any other task.
    }
  }

  /**
   * The entry point for a task without typed inputs.
   *
   * @param task the task, which reads its inputs from the context
   */
  public static void main(Task<Void> task) {
    main(NoInputs.INSTANCE, task);
  }

  // The start-up path (main, run, and what they call until the task's first line) uses named
  // classes and loops instead of lambdas, method references and streams: each first use of one
  // spins a hidden class at run time, and a task's cold start is what the agent waits for
  // (bench/startup/README.md).

  /** Lines a task prints on {@code System.out}: plain messages to the agent, masked. */
  private static final class PlainLines implements Consumer<String> {
    private final AgentOutput out;

    PlainLines(AgentOutput out) {
      this.out = out;
    }

    @Override
    public void accept(String line) {
      out.accept(new TaskEvent.Message(TaskEvent.Message.Kind.PLAIN, line));
    }
  }

  /** Lines a task prints on {@code System.err}: to the real standard error, masked. */
  private static final class ErrorLines implements Consumer<String> {
    private final PrintStream realErr;
    private final AgentOutput out;

    ErrorLines(PrintStream realErr, AgentOutput out) {
      this.realErr = realErr;
      this.out = out;
    }

    @Override
    public void accept(String line) {
      synchronized (realErr) {
        realErr.println(out.forStandardError(line));
      }
    }
  }

  /** The input binding of a task without typed inputs. */
  private static final class NoInputs implements Function<InputSource, Void> {
    static final NoInputs INSTANCE = new NoInputs();

    @Override
    public Void apply(InputSource source) {
      return null;
    }
  }

  /** The shutdown hook that reports a cancellation by the agent (SIGINT or SIGTERM). */
  private static final class Cancellation extends Thread {
    private final TaskContext context;
    private final EventSink sink;
    private final AtomicBoolean finished;

    Cancellation(TaskContext context, EventSink sink, AtomicBoolean finished) {
      super("task-cancellation");
      this.context = context;
      this.sink = sink;
      this.finished = finished;
    }

    @Override
    public void run() {
      cancel(context, sink, finished);
    }
  }

  /**
   * Runs a task in this process against a given environment, reporting to a given sink. The test
   * kit and the local runner use this; it installs no signal handling.
   *
   * @param inputs binds the task's inputs
   * @param task the task
   * @param env the environment the agent would pass
   * @param masker the masker; the environment's secrets are added to it
   * @param sink where the task's events go
   * @param options where the task's files are, and whether to handle cancellation
   */
  public static <I> Outcome run(
      Function<InputSource, I> inputs,
      Task<I> task,
      java.util.Map<String, String> env,
      SecretMasker masker,
      EventSink sink,
      Options options) {
    Objects.requireNonNull(task, "task");
    AtomicBoolean finished = new AtomicBoolean();
    AgentEnvironment environment;
    try {
      environment = AgentEnvironment.of(env);
    } catch (TaskException invalid) {
      return fail(sink, invalid.getMessage(), finished);
    }
    for (String secret : environment.secretValues()) {
      masker.add(secret);
    }
    TaskContext context =
        new TaskContext(environment, masker, sink, options.taskDirectory(), options.resources());
    Thread cancelHook = null;
    if (options.handleCancellation()) {
      cancelHook = new Cancellation(context, sink, finished);
      Runtime.getRuntime().addShutdownHook(cancelHook);
    }
    try {
      I bound = inputs.apply(context.inputSource());
      task.run(context, bound);
    } catch (TaskException failure) {
      // A tool killed by a cancellation fails too; the cancellation already reported the result.
      if (!finished.get()) {
        context.setResult(TaskResult.Failed, failure.getMessage());
        debugStackTrace(context, failure);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      context.setResult(TaskResult.Cancelled, "The task was interrupted.");
    } catch (Exception | LinkageError | AssertionError failure) {
      if (!finished.get()) {
        context.setResult(TaskResult.Failed, "Unhandled: " + describe(failure));
        debugStackTrace(context, failure);
      }
    } finally {
      context.runCleanups();
    }
    if (!finished.compareAndSet(false, true)) {
      return new Outcome(TaskResult.Cancelled, "", 0);
    }
    TaskResult result = context.result();
    String message = context.resultMessage();
    long masked = sink.maskedSecrets();
    if (masked > 0) {
      // The agent masks these lines again; the line tells a reader (and ptask run, which counts
      // printed secrets) that the task printed secrets, a bug even when they are masked.
      context
          .log()
          .debug(
              MASKED_SECRETS_PREFIX
                  + masked
                  + " times; they were masked before leaving the process.");
    }
    sink.accept(
        new TaskEvent.Command(
            LoggingCommand.of("task.complete", message, "result", result.name())));
    sink.flush();
    if (cancelHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(cancelHook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting; the hook sees the task as finished and does nothing.
      }
    }
    return new Outcome(result, message, 0);
  }

  private static Outcome fail(EventSink sink, String message, AtomicBoolean finished) {
    finished.set(true);
    sink.accept(
        new TaskEvent.Command(
            LoggingCommand.of("task.issue", message, "type", "error", "source", "TaskInternal")));
    sink.accept(
        new TaskEvent.Command(LoggingCommand.of("task.complete", message, "result", "Failed")));
    sink.flush();
    return new Outcome(TaskResult.Failed, message, 0);
  }

  private static void cancel(TaskContext context, EventSink sink, AtomicBoolean finished) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    context.runCleanups();
    sink.accept(
        new TaskEvent.Command(
            LoggingCommand.of(
                "task.complete",
                "The task was cancelled.",
                "result",
                TaskResult.Cancelled.name())));
    sink.flush();
  }

  private static String describe(Throwable failure) {
    String message = TaskContext.oneLine(failure);
    String type = failure.getClass().getSimpleName();
    return message.equals(type) ? type : type + ": " + message;
  }

  private static void debugStackTrace(TaskContext context, Throwable failure) {
    if (!context.system().debug()) {
      return;
    }
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    for (String line : trace.toString().split("\\R")) {
      context.log().debug(line);
    }
  }

  static int minSecretLength(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException notNumber) {
      return 0;
    }
  }

  /** The folder holding the task's task.json: the jar's folder, or a source module's root. */
  static Optional<Path> taskDirectory(Class<?> taskClass) {
    String configured = System.getProperty("pipelinetasks.taskDirectory");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    try {
      var source = taskClass.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path location = Path.of(source.getLocation().toURI());
      Path dir = Files.isDirectory(location) ? location : location.getParent();
      for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("task.json"))) {
          return Optional.of(dir);
        }
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException unknown) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * Where the task's files are, and whether the run handles the agent's cancellation signals.
   *
   * @param taskDirectory the folder holding task.json and {@code Strings/}, when known
   * @param resources a class loader that holds task.json as a resource, when known
   * @param handleCancellation whether to run cleanup and report {@code Cancelled} on SIGINT or
   *     SIGTERM (only for a real task process)
   */
  public record Options(
      Optional<Path> taskDirectory, Optional<ClassLoader> resources, boolean handleCancellation) {
    /** Checks the components. */
    public Options {
      Objects.requireNonNull(taskDirectory, "taskDirectory");
      Objects.requireNonNull(resources, "resources");
    }
  }

  /**
   * How a run ended.
   *
   * @param result the result reported to the agent
   * @param message the message reported with it
   * @param exitCode the process exit code the agent expects: 0 whenever {@code task.complete} was
   *     written
   */
  public record Outcome(TaskResult result, String message, int exitCode) {}
}
