package io.pipelinetasks.task;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.internal.EnvNames;
import io.pipelinetasks.taskjson.EndpointRef;
import io.pipelinetasks.taskjson.InputException;
import io.pipelinetasks.taskjson.InputSource;
import io.pipelinetasks.taskjson.SecureFileRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Everything a running task can read and do: its inputs, variables, service connections and secure
 * files; logging and the agent's commands; secrets; tools, files and temporary files; and cleanup.
 * One context exists per run.
 *
 * <p>Nothing here prints a secret. Values the agent passes as secrets are registered with the
 * masker before the task starts, debug lines name variables but never show secret values, and every
 * line leaves the process through the masker.
 */
public final class TaskContext {
  private final AgentEnvironment environment;
  private final SecretMasker masker;
  private final EventSink sink;
  private final TaskLog log;
  private final Optional<Path> taskDirectory;
  private final Optional<ClassLoader> resources;
  // Made on first use: most tasks never call commands() or loc() early, and each class loaded
  // before the task's first line adds to its start-up.
  private volatile TaskCommands commands;
  private Localizer localizer;
  private final Map<String, String> variableValues = new ConcurrentHashMap<>();
  private final Map<String, Boolean> secretNames = new ConcurrentHashMap<>();
  private final Map<String, String> childVariables =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, String> taskVariables = new ConcurrentHashMap<>();
  private final List<String> prependedPath = new CopyOnWriteArrayList<>();
  private final List<Runnable> cleanups = Collections.synchronizedList(new ArrayList<>());
  private final Object cleanupRun = new Object();
  private final ToolProcesses tools = new ToolProcesses();
  private TempFiles tempFiles;
  private volatile HttpSettings http;
  private TaskResult result = TaskResult.Succeeded;
  private String resultMessage = "";

  TaskContext(
      AgentEnvironment environment,
      SecretMasker masker,
      EventSink sink,
      Optional<Path> taskDirectory,
      Optional<ClassLoader> resources) {
    this.environment = environment;
    this.masker = masker;
    this.sink = sink;
    boolean skipDebug =
        environment.pipelineFeature("Node.SkipDebugLogsWhenDebugModeOff")
            && !environment.system().debug();
    // No method references here: this runs before the task's first line, and each one would spin
    // a class at run time (bench/startup/README.md).
    this.log = new TaskLog(sink, !skipDebug, environment.correlationId());
    this.taskDirectory = taskDirectory;
    this.resources = resources;
  }

  // ---------------------------------------------------------------- environment

  /** The snapshot of what the agent passed. */
  public AgentEnvironment environment() {
    return environment;
  }

  /** Facts about the agent. */
  public AgentInfo agent() {
    return environment.agent();
  }

  /** Facts about the pipeline run. */
  public SystemInfo system() {
    return environment.system();
  }

  /** The input source the generated inputs bind from, reporting binding warnings to the log. */
  public InputSource inputSource() {
    return new InputSource() {
      @Override
      public Optional<String> raw(String name) {
        return environment.input(name);
      }

      @Override
      public void warning(String message) {
        log.warning(message);
      }
    };
  }

  // ---------------------------------------------------------------- raw inputs

  /**
   * An input's raw value, not trimmed, or empty when absent. Prefer the typed inputs generated from
   * task.json; these methods serve tasks without one.
   *
   * @param name the input name
   */
  public Optional<String> input(String name) {
    return environment.input(name);
  }

  /**
   * An input that must be present and non-empty.
   *
   * @param name the input name
   * @throws InputException {@code InputRequired}, naming the input
   */
  public String requiredInput(String name) {
    Optional<String> value = input(name);
    if (value.isEmpty() || value.get().isEmpty()) {
      throw new InputException(
          "InputRequired",
          name,
          "Input required: " + name + ". Set the '" + name + "' input of the task.");
    }
    return value.get();
  }

  /**
   * A boolean input: {@code true} in any case is true, anything else false, as the Node library
   * reads it. A value other than {@code true} or {@code false} also logs a warning.
   *
   * @param name the input name
   */
  public boolean boolInput(String name) {
    String value = input(name).orElse("").trim();
    if (!value.isEmpty() && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      log.warning("Input '" + name + "' should be true or false; any other value counts as false.");
    }
    return value.equalsIgnoreCase("true");
  }

  /**
   * An integer input.
   *
   * @param name the input name
   * @throws InputException {@code InputInvalidInteger} when the value is not a whole number
   */
  public Optional<Integer> intInput(String name) {
    String value = input(name).orElse("").trim();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException notNumber) {
      throw new InputException(
          "InputInvalidInteger", name, "Input '" + name + "' must be a whole number, such as 10.");
    }
  }

  /**
   * A path input, resolved against the working directory.
   *
   * @param name the input name
   * @param mustExist whether a missing file or directory fails the task
   * @throws InputException {@code InputPathNotFound} naming the input and the path
   */
  public Optional<Path> pathInput(String name, boolean mustExist) {
    String value = input(name).orElse("");
    Optional<Path> path =
        value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value).toAbsolutePath());
    if (mustExist && path.isPresent() && !Files.exists(path.get())) {
      throw new InputException(
          "InputPathNotFound",
          name,
          "Input '" + name + "': the path " + path.get() + " does not exist. Fix the path.");
    }
    return path;
  }

  /**
   * An input split on a delimiter, empty items dropped and items not trimmed, as {@code
   * getDelimitedInput} does.
   *
   * @param name the input name
   * @param delimiter a literal delimiter
   */
  public List<String> delimitedInput(String name, String delimiter) {
    return split(input(name).orElse(""), Pattern.compile(Pattern.quote(delimiter)));
  }

  /**
   * An input split on a regular expression, empty items dropped and items not trimmed.
   *
   * @param name the input name
   * @param delimiter the delimiter expression
   */
  public List<String> delimitedInput(String name, Pattern delimiter) {
    return split(input(name).orElse(""), delimiter);
  }

  private static List<String> split(String value, Pattern delimiter) {
    List<String> items = new ArrayList<>();
    for (String item : delimiter.split(value, -1)) {
      if (!item.isEmpty()) {
        items.add(item);
      }
    }
    return List.copyOf(items);
  }

  // ---------------------------------------------------------------- variables

  /**
   * A variable's current value: its value when the task started, or the value this task set. Secret
   * variables are returned too, as {@code getVariable} returns them; prefer {@link
   * #secretVariable(String)} for those.
   *
   * @param name the variable name
   */
  public Optional<String> variable(String name) {
    String key = EnvNames.key(name);
    String set = variableValues.get(key);
    return set != null ? Optional.of(set) : environment.variable(name);
  }

  /**
   * A variable as a secret.
   *
   * @param name the variable name
   */
  public Optional<Secret> secretVariable(String name) {
    Optional<String> value = variable(name);
    return value.isEmpty() ? Optional.empty() : Optional.of(Secret.of(value.get()));
  }

  /**
   * Whether a variable is secret: passed as one, or set as one by this task.
   *
   * @param name the variable name
   */
  public boolean isSecretVariable(String name) {
    return secretNames.getOrDefault(EnvNames.key(name), false)
        || environment.isSecretVariable(name);
  }

  /** How {@link #setVariable} marks a variable. */
  public enum VariableOption {
    /** A secret variable: masked, and kept out of child environments. */
    SECRET,
    /** An output variable, readable by later jobs and stages. */
    OUTPUT,
    /** A read-only variable that later steps cannot change. */
    READ_ONLY
  }

  /**
   * Sets a variable for the steps that follow, with {@code task.setvariable}. Once a variable is
   * secret it stays secret, as in the Node library. A public variable is also put into the
   * environment of tools this task starts from now on; a secret one is taken out of it.
   *
   * @param name the variable name
   * @param value the value
   * @param options secret, output, read-only
   * @throws TaskException {@code SecretMultiline} for a multi-line secret, unless {@code
   *     SYSTEM_UNSAFEALLOWMULTILINESECRET} is true
   */
  public void setVariable(String name, String value, VariableOption... options) {
    Objects.requireNonNull(name, "name");
    String val = value == null ? "" : value;
    Set<VariableOption> set = options.length == 0 ? Set.of() : Set.of(options);
    boolean secret = set.contains(VariableOption.SECRET) || isSecretVariable(name);
    String key = EnvNames.key(name);
    if (secret) {
      checkSingleLine(val);
      masker.add(val);
    }
    log.debug("set " + name + "=" + (secret && !val.isEmpty() ? "********" : val));
    variableValues.put(key, val);
    childVariables.put(key, secret ? null : val);
    if (secret) {
      secretNames.put(key, true);
    }
    emit(
        LoggingCommand.of(
            "task.setvariable",
            val,
            "variable",
            name,
            "isOutput",
            Boolean.toString(set.contains(VariableOption.OUTPUT)),
            "issecret",
            Boolean.toString(secret),
            "isreadonly",
            set.contains(VariableOption.READ_ONLY) ? "true" : null));
  }

  /**
   * A task variable: set by an earlier run of this task in the same job, or by this run.
   *
   * @param name the task variable name
   */
  public Optional<String> taskVariable(String name) {
    String set = taskVariables.get(EnvNames.key(name));
    return set != null ? Optional.of(set.trim()) : environment.taskVariable(name);
  }

  /**
   * Sets a task variable, visible only to later runs of this same task in the job (a pre-job entry
   * point telling the step entry point what it did, say).
   *
   * @param name the task variable name
   * @param value the value
   * @param secret whether it is a secret
   */
  public void setTaskVariable(String name, String value, boolean secret) {
    String val = value == null ? "" : value;
    if (secret) {
      checkSingleLine(val);
      masker.add(val);
    }
    log.debug("set task variable: " + name + "=" + (secret && !val.isEmpty() ? "********" : val));
    taskVariables.put(EnvNames.key(name), val);
    emit(
        LoggingCommand.of(
            "task.settaskvariable", val, "variable", name, "issecret", Boolean.toString(secret)));
  }

  // ---------------------------------------------------------------- secrets

  /**
   * Registers a value as a secret, with {@code task.setsecret} for the agent and with this
   * process's masker, so it is masked everywhere from now on. Register every credential the task
   * derives (tokens, passwords, encoded forms it prints).
   *
   * @param value the secret value
   * @return the value as a {@link Secret}
   * @throws TaskException {@code SecretMultiline} for a multi-line value, unless {@code
   *     SYSTEM_UNSAFEALLOWMULTILINESECRET} is true; register such a value line by line
   */
  public Secret setSecret(String value) {
    Objects.requireNonNull(value, "value");
    if (!value.isEmpty()) {
      checkSingleLine(value);
      masker.add(value);
      emit(LoggingCommand.of("task.setsecret", value));
    }
    return Secret.of(value);
  }

  /** The masker every line of this run passes, for code that writes output of its own. */
  public SecretMasker masker() {
    return masker;
  }

  /** Whether multi-line secrets are allowed, as {@code SYSTEM_UNSAFEALLOWMULTILINESECRET} says. */
  public boolean multilineSecretsAllowed() {
    return variable("SYSTEM_UNSAFEALLOWMULTILINESECRET")
        .or(() -> environment.env("SYSTEM_UNSAFEALLOWMULTILINESECRET"))
        .map(v -> v.equalsIgnoreCase("true"))
        .orElse(false);
  }

  private void checkSingleLine(String value) {
    if ((value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) && !multilineSecretsAllowed()) {
      throw new TaskException(
          "SecretMultiline",
          "Secrets cannot contain multiple lines. Register each line as its own secret, or set"
              + " SYSTEM_UNSAFEALLOWMULTILINESECRET to true if the agent must see the whole value.");
    }
  }

  // ---------------------------------------------------------------- endpoints

  /**
   * A service connection named by a {@code connectedService} input.
   *
   * @param ref the input's value
   * @throws EndpointException {@code EndpointNotFound} when the agent passed no such connection
   */
  public Endpoint endpoint(EndpointRef ref) {
    return endpoint(ref.id());
  }

  /**
   * A service connection by id, in any case.
   *
   * @param id the endpoint id
   * @throws EndpointException {@code EndpointNotFound} when the agent passed no such connection
   */
  public Endpoint endpoint(String id) {
    Optional<Endpoint> endpoint = environment.endpoint(id);
    if (endpoint.isEmpty()) {
      throw new EndpointException(
          "EndpointNotFound",
          id,
          "Service connection "
              + id
              + " was not passed to the task. Check that the connection exists, that"
              + " the input names it by its id or name, and that the pipeline is"
              + " authorised to use it.");
    }
    return endpoint.get();
  }

  /**
   * The job's own Azure DevOps connection ({@code SYSTEMVSSCONNECTION}).
   *
   * @throws EndpointException when the agent did not pass it
   */
  public Endpoint systemConnection() {
    return endpoint(AgentEnvironment.SYSTEM_CONNECTION);
  }

  /** The job access token, from the system connection or the {@code System.AccessToken} secret. */
  public Optional<Secret> accessToken() {
    return environment.accessToken();
  }

  /**
   * A secure file named by a {@code secureFile} input.
   *
   * @param ref the input's value
   * @throws TaskException {@code SecureFileNotFound} when the agent passed no such file
   */
  public SecureFile secureFile(SecureFileRef ref) {
    return environment
        .secureFile(ref.id())
        .orElseThrow(
            () ->
                new TaskException(
                    "SecureFileNotFound",
                    "Secure file "
                        + ref.id()
                        + " was not passed to the task. Check that it exists in the library and"
                        + " that the pipeline is authorised to use it."));
  }

  // ---------------------------------------------------------------- output

  /** The task's log. */
  public TaskLog log() {
    return log;
  }

  /** The agent's other logging commands. */
  public TaskCommands commands() {
    TaskCommands made = commands;
    if (made == null) {
      made = new TaskCommands(this); // stateless: a second one made by a racing thread is as good
      commands = made;
    }
    return made;
  }

  /**
   * A message from the task's task.json {@code messages}, translated for the agent's culture and
   * formatted with {@code %s}-style placeholders.
   *
   * @param key the message key
   * @param args the values for its placeholders
   */
  public String loc(String key, Object... args) {
    Localizer messages;
    synchronized (this) {
      if (localizer == null) {
        localizer = new Localizer(taskDirectory, resources, environment.system().culture(), log);
      }
      messages = localizer;
    }
    return messages.loc(key, args);
  }

  /**
   * Records the task's result, for results other than plain success and failure by exception. A
   * failed or succeeded-with-issues result with a message also raises an issue, as {@code
   * setResult} does. Results merge pessimistically; the task ends with the worst.
   *
   * @param result the result
   * @param message what happened
   */
  public void setResult(TaskResult result, String message) {
    Objects.requireNonNull(result, "result");
    String text = message == null ? "" : message;
    log.debug("task result: " + result.name());
    if (result == TaskResult.Failed && !text.isEmpty()) {
      log.error(text);
    } else if (result == TaskResult.SucceededWithIssues && !text.isEmpty()) {
      log.warning(text);
    }
    synchronized (this) {
      this.result = this.result.merge(result);
      this.resultMessage = text;
    }
  }

  /**
   * Records a result with its message cut before the first word that suggests a credential ({@code
   * password}, {@code key}, {@code secret}, {@code bearer}, {@code authorization}, {@code token},
   * {@code pat}), as {@code setSanitizedResult} does, for messages built from text the task does
   * not control.
   *
   * @param result the result
   * @param message the message, which may hold sensitive text
   */
  public void setSanitizedResult(TaskResult result, String message) {
    setResult(result, sanitize(message));
  }

  static String sanitize(String message) {
    if (message == null) {
      return "";
    }
    java.util.regex.Matcher matcher = Sensitive.PATTERN.matcher(message);
    if (matcher.find() && matcher.start() > 0) {
      return message.substring(0, matcher.start()) + "...";
    }
    return message;
  }

  /** Compiled on first use, not when the context class loads at every task's start-up. */
  private static final class Sensitive {
    static final Pattern PATTERN =
        Pattern.compile(
            "password|key|secret|bearer|authorization|token|pat", Pattern.CASE_INSENSITIVE);
  }

  synchronized TaskResult result() {
    return result;
  }

  synchronized String resultMessage() {
    return resultMessage;
  }

  // ---------------------------------------------------------------- processes and network

  /**
   * A runner for a tool: a path, or a name looked up on the child environment's PATH (so prepended
   * paths count) when the runner runs.
   *
   * @param tool the tool name or path, such as {@code az}
   */
  public ToolRunner tool(String tool) {
    return new ToolRunner(this, tool);
  }

  ToolProcesses tools() {
    return tools;
  }

  /**
   * Owner-only temporary files and folders under the agent's temp directory, removed when the task
   * ends however it ends.
   */
  public synchronized TempFiles tempFiles() {
    if (tempFiles == null) {
      TempFiles files = new TempFiles(agent().tempDirectory());
      onCleanup(files::deleteAll);
      tempFiles = files;
    }
    return tempFiles;
  }

  /**
   * The environment for a child process: this process's environment without inputs, secrets,
   * endpoint credentials, secure file tickets and task variables, plus the public variables and
   * path entries this task set. The map is a fresh copy the caller may change.
   */
  public Map<String, String> childEnvironment() {
    Map<String, String> variables;
    synchronized (childVariables) {
      variables = new LinkedHashMap<>(childVariables);
    }
    List<String> newestFirst = new ArrayList<>(prependedPath);
    Collections.reverse(newestFirst);
    return ChildEnvironment.build(environment.raw(), variables, newestFirst);
  }

  /** The agent's proxy and TLS settings. */
  public HttpSettings http() {
    HttpSettings settings = http;
    if (settings == null) {
      settings = HttpSettings.of(environment);
      http = settings;
    }
    return settings;
  }

  /**
   * Registers work to run when the task ends, however it ends: success, failure or cancellation.
   * Hooks run once, newest first.
   *
   * @param hook the cleanup
   */
  public void onCleanup(Runnable hook) {
    cleanups.add(Objects.requireNonNull(hook, "hook"));
  }

  /**
   * Kills running tools and runs the cleanup hooks, once. The task's thread and the cancellation
   * hook may both get here: the second waits until the first has finished, because the JVM halts as
   * soon as the cancellation hook returns, and would cut off hooks still running on the task's
   * thread.
   */
  void runCleanups() {
    synchronized (cleanupRun) {
      tools.killAll();
      List<Runnable> hooks = new ArrayList<>();
      synchronized (cleanups) {
        hooks.addAll(cleanups);
        cleanups.clear();
      }
      Collections.reverse(hooks);
      for (Runnable hook : hooks) {
        try {
          hook.run();
        } catch (RuntimeException failed) {
          log.warning("A cleanup step failed: " + oneLine(failed));
        }
      }
    }
  }

  /** Records a directory {@code task.prependpath} put in front of the child processes' PATH. */
  void prependPath(String path) {
    prependedPath.add(path);
  }

  /** The event sink, for components of the SDK that report events of their own. */
  EventSink sink() {
    return sink;
  }

  /**
   * Emits a logging command; commands that register a secret also teach the masker the value.
   *
   * @param command the command
   */
  void emit(LoggingCommand command) {
    sink.accept(new TaskEvent.Command(command));
  }

  static String oneLine(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
