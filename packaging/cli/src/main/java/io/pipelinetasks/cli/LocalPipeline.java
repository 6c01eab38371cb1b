package io.pipelinetasks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.task.LoggingCommand;
import io.pipelinetasks.task.SecretMasker;
import io.pipelinetasks.task.TaskResult;
import io.pipelinetasks.task.TaskRunner;
import io.pipelinetasks.taskjson.ExecutionHandler;
import io.pipelinetasks.taskjson.Restrictions;
import io.pipelinetasks.taskjson.TaskDefinition;
import io.pipelinetasks.taskjson.TaskInput;
import io.pipelinetasks.taskjson.VisibleRule;
import io.pipelinetasks.taskjson.VisibleRuleException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the agent for one or more steps on this machine: builds each step's environment as the
 * agent's NodeHandler does, starts the task's launcher with {@code node}, reads every stdout and
 * stderr line with the agent's command rules, applies variables, secrets, endpoints and path
 * prepends for the steps after it, masks secrets the way the agent does, and keeps what the summary
 * reports.
 */
final class LocalPipeline {
  /** A pipeline variable. */
  record Variable(String name, String value, boolean secret, boolean readOnly) {}

  /** An issue a step reported. */
  record Issue(String step, String type, String message) {}

  /** A variable a step set. */
  record VariableSet(String step, String name, String shown, boolean secret, boolean output) {}

  /** How one entry point of one step ended. */
  record Outcome(
      String step, String task, String phase, TaskResult result, String message, Duration time) {}

  /**
   * A step to run.
   *
   * @param reference the task: a folder, a module, or a name such as {@code AzureCLI@2}
   * @param base the folder a relative reference is resolved against
   * @param name the step name, for output variables ({@code $(name.variable)})
   * @param displayName the name shown in the log
   * @param inputs inputs by name or alias
   * @param env extra environment variables, as a YAML step's {@code env:}
   * @param continueOnError whether a failure lets the next steps run
   */
  record Step(
      String reference,
      Path base,
      String name,
      String displayName,
      Map<String, String> inputs,
      Map<String, String> env,
      boolean continueOnError) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The agent runs its bundled node; locally it is the one on PATH. */
  private static final String NODE = "node";

  private static final Pattern MACRO = Pattern.compile("\\$\\(([^()]+)\\)");
  private static final List<String> HANDLERS =
      List.of("Node24", "Node20_1", "Node16", "Node10", "Node");
  private static final Set<String> KNOWN_AREAS =
      Set.of(
          "task",
          "artifact",
          "build",
          "release",
          "results",
          "codecoverage",
          "telemetry",
          "plugininternal");
  private static final Set<String> TASK_EVENTS =
      Set.of(
          "logissue",
          "issue",
          "complete",
          "setprogress",
          "setsecret",
          "setvariable",
          "settaskvariable",
          "debug",
          "logdetail",
          "prependpath",
          "uploadsummary",
          "uploadfile",
          "addattachment",
          "setendpoint");
  private static final Set<String> RESTRICTED_ALLOWED =
      Set.of(
          "task.logissue",
          "task.issue",
          "task.complete",
          "task.setprogress",
          "task.setsecret",
          "task.setvariable",
          "task.settaskvariable",
          "task.debug",
          "task.logdetail",
          "task.prependpath",
          "telemetry.publish");

  private final PrintWriter out;
  private final Map<String, Variable> variables = new LinkedHashMap<>();
  private final Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
  private final Map<String, Map<String, Variable>> taskVariables = new HashMap<>();
  private final Deque<String> prependedPaths = new ArrayDeque<>();
  private final Map<String, String> extraEnv = new LinkedHashMap<>();
  private final List<Issue> issues = new ArrayList<>();
  private final List<VariableSet> variablesSet = new ArrayList<>();
  private final List<Outcome> outcomes = new ArrayList<>();
  private final Map<String, String> baseEnv;
  private final Path work;
  private SecretMasker masker = new SecretMasker();
  private int leaks;
  private final Map<String, Integer> leaksByStep = new LinkedHashMap<>();

  LocalPipeline(PrintWriter out, Map<String, String> processEnv, Path workingDirectory) {
    this.out = out;
    Map<String, String> base = new LinkedHashMap<>();
    processEnv.forEach(
        (name, value) -> {
          // A stray INPUT_ or SECRET_ from the user's shell must not reach the task.
          if (!io.pipelinetasks.task.ChildEnvironment.isScrubbed(name)
              && !name.startsWith("ENDPOINT_")
              && !name.startsWith("SECUREFILE_")) {
            base.put(name, value);
          }
        });
    this.baseEnv = base;
    try {
      this.work = Files.createTempDirectory("ptask-run");
      Files.createDirectories(work.resolve("_temp"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String collection = "https://dev.azure.com/ptask-local/";
    String wd = workingDirectory.toAbsolutePath().normalize().toString();
    systemVariable("Agent.TempDirectory", work.resolve("_temp").toString());
    systemVariable("Agent.WorkFolder", work.toString());
    systemVariable("Agent.BuildDirectory", work.toString());
    systemVariable("Agent.Version", "4.260.0");
    systemVariable("Agent.Name", "ptask");
    systemVariable("Agent.MachineName", "localhost");
    systemVariable("Agent.OS", "Linux");
    systemVariable("Agent.OSArchitecture", "X64");
    systemVariable("Agent.JobName", "Job");
    systemVariable("Agent.JobStatus", "Succeeded");
    systemVariable("Agent.CloudId", "");
    systemVariable("System.DefaultWorkingDirectory", wd);
    systemVariable("Build.SourcesDirectory", wd);
    systemVariable("Build.ArtifactStagingDirectory", work.resolve("a").toString());
    systemVariable("Build.BinariesDirectory", work.resolve("b").toString());
    systemVariable("Pipeline.Workspace", work.toString());
    systemVariable("Build.BuildId", "1");
    systemVariable("Build.BuildNumber", "1");
    systemVariable("System.CollectionUri", collection);
    systemVariable("System.TeamFoundationCollectionUri", collection);
    systemVariable("System.TeamProject", "ptask-local");
    systemVariable("System.TeamProjectId", "00000000-0000-4000-8000-0000000000a1");
    systemVariable("System.PlanId", UUID.randomUUID().toString());
    systemVariable("System.JobId", UUID.randomUUID().toString());
    systemVariable("System.HostType", "build");
    systemVariable("System.ServerType", "Hosted");
    systemVariable("System.Culture", "en-US");
    variables.put(
        key("System.AccessToken"),
        new Variable("System.AccessToken", "ptask-local-" + UUID.randomUUID(), true, true));
  }

  private void systemVariable(String name, String value) {
    variables.put(key(name), new Variable(name, value, false, false));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The agent's name-to-environment rule: {@code .} and space to {@code _}, upper case. */
  static String envName(String name) {
    return name.replace('.', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
  }

  void setVariable(String name, String value, boolean secret) {
    variables.put(key(name), new Variable(name, value, secret, false));
  }

  Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(key(name))).map(Variable::value);
  }

  void addEndpoint(EndpointSpec endpoint) {
    endpoints.put(endpoint.id(), endpoint);
  }

  void putEnvironment(String name, String value) {
    extraEnv.put(name, value);
  }

  /**
   * Takes variables and endpoints from an agent-shaped environment, such as the emulator's: public
   * and secret variables by their lists, and every endpoint with a GUID id.
   *
   * @param env the environment
   * @param names endpoint id to connection name, for the inputs that name a connection
   */
  void adoptAgentEnvironment(Map<String, String> env, Map<String, String> names) {
    for (String name : names(env.get("VSTS_PUBLIC_VARIABLES"))) {
      String value = env.get(envName(name));
      if (value != null) {
        setVariable(name, value, false);
      }
    }
    for (String name : names(env.get("VSTS_SECRET_VARIABLES"))) {
      String value = env.get("SECRET_" + envName(name));
      if (value != null) {
        variables.put(
            key(name),
            new Variable(name, value, true, name.equalsIgnoreCase("System.AccessToken")));
      }
    }
    env.forEach(
        (name, url) -> {
          if (!name.startsWith("ENDPOINT_URL_")) {
            return;
          }
          String id = name.substring("ENDPOINT_URL_".length());
          if (!EndpointSpec.isGuid(id)) {
            return;
          }
          try {
            JsonNode auth = JSON.readTree(env.getOrDefault("ENDPOINT_AUTH_" + id, "{}"));
            JsonNode data = JSON.readTree(env.getOrDefault("ENDPOINT_DATA_" + id, "{}"));
            addEndpoint(
                new EndpointSpec(
                    id.toLowerCase(Locale.ROOT),
                    names.getOrDefault(id.toLowerCase(Locale.ROOT), id),
                    url,
                    auth.path("scheme").asText(),
                    EndpointSpec.strings(auth.get("parameters"), name),
                    EndpointSpec.strings(data, name)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static List<String> names(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      List<String> names = new ArrayList<>();
      JSON.readTree(json).forEach(n -> names.add(n.asText()));
      return names;
    } catch (IOException e) {
      return List.of();
    }
  }

  // ---- running ---------------------------------------------------------------------------

  private record Planned(Step step, TaskLocator.Located task) {}

  /**
   * Runs the steps as a job: every pre-job entry point first, then each step, then the post-job
   * entry points in reverse; a failed step skips the rest unless it continues on error.
   */
  void run(List<Step> steps) {
    masker = new SecretMasker(minSecretLength());
    variables.values().stream().filter(Variable::secret).forEach(v -> masker.add(v.value()));
    endpoints.values().forEach(e -> e.secretValues().forEach(masker::add));
    List<Planned> planned = new ArrayList<>();
    for (Step step : steps) {
      TaskLocator.Located task = TaskLocator.locate(step.reference(), step.base());
      planned.add(new Planned(step, task));
      checkInputs(step, task.task());
    }
    boolean failed = false;
    for (Planned p : planned) {
      if (!p.task().task().preJobExecution().isEmpty()) {
        failed |=
            !runEntry(p, "Pre-job: ", p.task().task().preJobExecution())
                && !p.step().continueOnError();
      }
    }
    for (Planned p : planned) {
      if (failed) {
        out.println();
        out.println("Skipping: " + displayName(p) + " (an earlier step failed)");
        outcomes.add(
            new Outcome(
                p.step().displayName(),
                taskName(p),
                "step",
                TaskResult.Skipped,
                "",
                Duration.ZERO));
        continue;
      }
      failed |= !runEntry(p, "", p.task().task().execution()) && !p.step().continueOnError();
    }
    for (int i = planned.size() - 1; i >= 0; i--) {
      Planned p = planned.get(i);
      if (!p.task().task().postJobExecution().isEmpty()) {
        runEntry(p, "Post-job: ", p.task().task().postJobExecution());
      }
    }
    out.flush();
  }

  private int minSecretLength() {
    try {
      return Integer.parseInt(variable("AZP_IGNORE_SECRETS_SHORTER_THAN").orElse("0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String displayName(Planned p) {
    String name = p.step().displayName();
    return name == null || name.isEmpty() ? taskName(p) : name;
  }

  private static String taskName(Planned p) {
    TaskDefinition task = p.task().task();
    return task.name() + "@" + task.version().major();
  }

  private void checkInputs(Step step, TaskDefinition task) {
    for (String given : step.inputs().keySet()) {
      if (findInput(task, given).isEmpty()) {
        List<String> known = new ArrayList<>();
        for (TaskInput input : task.inputs()) {
          known.add(
              input.aliases().isEmpty()
                  ? input.name()
                  : input.name() + " (alias " + String.join(", ", input.aliases()) + ")");
        }
        throw new UsageException(
            step.displayName()
                + ": "
                + task.name()
                + "@"
                + task.version().major()
                + " has no input \""
                + given
                + "\"; its inputs are "
                + String.join(", ", known));
      }
    }
  }

  private static Optional<TaskInput> findInput(TaskDefinition task, String given) {
    for (TaskInput input : task.inputs()) {
      if (input.name().equalsIgnoreCase(given)
          || input.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(given))) {
        return Optional.of(input);
      }
    }
    return Optional.empty();
  }

  /** The inputs as the agent passes them: every input of task.json, defaults applied. */
  Map<String, String> inputs(Step step, TaskDefinition task) {
    Map<String, String> given = new LinkedHashMap<>();
    step.inputs()
        .forEach((name, value) -> given.put(findInput(task, name).orElseThrow().name(), value));
    boolean trim = !variable("DISABLE_INPUT_TRIMMING").orElse("").equalsIgnoreCase("true");
    Map<String, String> values = new LinkedHashMap<>();
    for (TaskInput input : task.inputs()) {
      String value =
          given.containsKey(input.name())
              ? given.get(input.name())
              : input.defaultValue().orElse("");
      value = expand(value);
      if (trim) {
        value = value.trim();
      }
      if (input.type().startsWith("connectedService")) {
        value = connectionIds(value);
      }
      values.put(input.name(), value);
    }
    for (TaskInput input : task.inputs()) {
      if (given.containsKey(input.name()) && input.visibleRule().isPresent()) {
        try {
          VisibleRule rule = VisibleRule.parse(input.visibleRule().get());
          if (!rule.isVisible(
              n -> values.getOrDefault(findInput(task, n).map(TaskInput::name).orElse(n), ""))) {
            note(
                "input "
                    + input.name()
                    + " is hidden by its visibleRule \""
                    + rule.text()
                    + "\"; the pipeline editor would not show it, and the task may ignore it");
          }
        } catch (VisibleRuleException e) {
          // The validator reports broken rules; the agent does not evaluate them.
        }
      }
    }
    return values;
  }

  private String connectionIds(String value) {
    List<String> ids = new ArrayList<>();
    for (String part : value.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      String id = name;
      for (EndpointSpec endpoint : endpoints.values()) {
        if (endpoint.name().equalsIgnoreCase(name) || endpoint.id().equalsIgnoreCase(name)) {
          id = endpoint.id();
        }
      }
      ids.add(id);
    }
    return String.join(",", ids);
  }

  /** {@code $(name)} macros replaced by variable values, as the agent expands inputs. */
  String expand(String value) {
    Matcher m = MACRO.matcher(value);
    StringBuilder result = new StringBuilder();
    while (m.find()) {
      Variable variable = variables.get(key(m.group(1).trim()));
      m.appendReplacement(
          result, Matcher.quoteReplacement(variable == null ? m.group() : variable.value()));
    }
    m.appendTail(result);
    return result.toString();
  }

  /** The environment of one step, in the agent's order. */
  Map<String, String> environment(Planned planned, Map<String, String> inputs) {
    TaskDefinition task = planned.task().task();
    Map<String, String> env = new LinkedHashMap<>(baseEnv);
    List<String> publicNames = new ArrayList<>();
    List<String> secretNames = new ArrayList<>();
    for (Variable variable : variables.values()) {
      if (variable.secret()) {
        env.put("SECRET_" + envName(variable.name()), variable.value());
        secretNames.add(variable.name());
      } else {
        env.put(envName(variable.name()), variable.value());
        publicNames.add(variable.name());
      }
    }
    env.put("VSTS_PUBLIC_VARIABLES", json(publicNames));
    env.put("VSTS_SECRET_VARIABLES", json(secretNames));
    inputs.forEach((name, value) -> env.put("INPUT_" + envName(name), value));
    for (EndpointSpec endpoint : endpoints.values()) {
      writeEndpoint(
          env,
          endpoint.id(),
          endpoint.url(),
          endpoint.scheme(),
          endpoint.authorization(),
          endpoint.data());
    }
    writeEndpoint(
        env,
        "SYSTEMVSSCONNECTION",
        variable("System.TeamFoundationCollectionUri").orElse(""),
        "OAuth",
        Map.of("AccessToken", variable("System.AccessToken").orElse("")),
        null);
    taskVariables
        .getOrDefault(task.id().toLowerCase(Locale.ROOT), Map.of())
        .values()
        .forEach(v -> env.put("VSTS_TASKVARIABLE_" + envName(v.name()), v.value()));
    if (!prependedPaths.isEmpty()) {
      String path = String.join(File.pathSeparator, prependedPaths);
      String original = variable("PATH").orElse(env.getOrDefault("PATH", ""));
      env.put("PATH", original.isEmpty() ? path : path + File.pathSeparator + original);
    }
    env.put("TF_BUILD", "True");
    env.putAll(extraEnv);
    planned.step().env().forEach((name, value) -> env.put(name, expand(value)));
    return env;
  }

  private static void writeEndpoint(
      Map<String, String> env,
      String id,
      String url,
      String scheme,
      Map<String, String> auth,
      Map<String, String> data) {
    env.put("ENDPOINT_URL_" + id, url);
    ObjectNode authorization = JSON.createObjectNode();
    ObjectNode parameters = authorization.putObject("parameters");
    auth.forEach(parameters::put);
    authorization.put("scheme", scheme);
    env.put("ENDPOINT_AUTH_" + id, authorization.toString());
    env.put("ENDPOINT_AUTH_SCHEME_" + id, scheme);
    auth.forEach((k, v) -> env.put("ENDPOINT_AUTH_PARAMETER_" + id + "_" + envName(k), v));
    if (data != null) {
      ObjectNode dataJson = JSON.createObjectNode();
      data.forEach(dataJson::put);
      env.put("ENDPOINT_DATA_" + id, dataJson.toString());
      data.forEach((k, v) -> env.put("ENDPOINT_DATA_" + id + "_" + envName(k), v));
    }
  }

  private static String json(List<String> names) {
    return JSON.valueToTree(names).toString();
  }

  /** Runs one entry point of a step; whether it succeeded (with or without issues). */
  private boolean runEntry(Planned planned, String phase, Map<String, ExecutionHandler> block) {
    TaskDefinition task = planned.task().task();
    String handlerName = HANDLERS.stream().filter(block::containsKey).findFirst().orElse(null);
    String title = phase + displayName(planned);
    out.println();
    out.println(
        "== Starting: " + title + " (" + taskName(planned) + ", " + planned.task().folder() + ")");
    Instant start = Instant.now();
    StepState state = new StepState(planned, title);
    if (handlerName == null) {
      state.fail(
          "The current operating system is not capable of running this task: it has no Node"
              + " handler ("
              + String.join(", ", block.keySet())
              + ").");
      return finish(state, start, phase);
    }
    ExecutionHandler handler = block.get(handlerName);
    Map<String, String> inputs = inputs(planned.step(), task);
    Map<String, String> env = environment(planned, inputs);
    Path workingDirectory =
        Path.of(
            handler
                .workingDirectory()
                .map(this::expand)
                .orElse(variable("System.DefaultWorkingDirectory").orElse(".")));
    Path script = planned.task().folder().resolve(handler.target());
    ProcessBuilder builder =
        new ProcessBuilder(NODE, script.toString()).directory(workingDirectory.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process;
    try {
      Files.createDirectories(workingDirectory);
      process = builder.start();
    } catch (IOException e) {
      state.fail(
          "Could not start node for the "
              + handlerName
              + " handler ("
              + e.getMessage()
              + "); install Node.js, which the agent bundles");
      return finish(state, start, phase);
    }
    Thread stderr = new Thread(() -> pump(process.getErrorStream(), state), "ptask-stderr");
    stderr.start();
    pump(process.getInputStream(), state);
    try {
      if (!process.waitFor(state.done ? 5 : Long.MAX_VALUE / 2, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      stderr.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      state.merge(TaskResult.Cancelled, "Cancelled");
    }
    int exit = process.isAlive() ? 0 : process.exitValue();
    if (exit != 0 && !state.done) {
      state.fail(
          "Exit code "
              + exit
              + " returned from process: file name '"
              + NODE
              + "', arguments '"
              + script
              + "'.");
    }
    return finish(state, start, phase);
  }

  private boolean finish(StepState state, Instant start, String phase) {
    TaskResult result = state.result == null ? TaskResult.Succeeded : state.result;
    Duration time = Duration.between(start, Instant.now());
    out.println(
        "== Finishing: "
            + state.title
            + ": "
            + result
            + (state.message.isEmpty() ? "" : " (" + mask(state.message) + ")")
            + String.format(Locale.ROOT, " in %.1f s", time.toMillis() / 1000.0));
    out.flush();
    outcomes.add(
        new Outcome(
            displayName(state.planned),
            taskName(state.planned),
            phase.isEmpty() ? "step" : phase.replace(": ", "").toLowerCase(Locale.ROOT),
            result,
            state.message,
            time));
    return result == TaskResult.Succeeded
        || result == TaskResult.SucceededWithIssues
        || result == TaskResult.Skipped;
  }

  private void pump(InputStream stream, StepState state) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        synchronized (this) {
          process(line, state);
        }
      }
    } catch (IOException e) {
      // The process ended.
    }
  }

  // ---- output, the agent's way ---------------------------------------------------------------

  private boolean debug() {
    return variable("System.Debug").orElse("").equalsIgnoreCase("true");
  }

  private String mask(String text) {
    return masker.mask(text);
  }

  /** Prints text the task produced: counted when it holds a secret, then masked. */
  private void show(StepState state, String prefix, String text) {
    countLeaks(state, text);
    String indent = "  ".repeat(state.groupDepth);
    for (String line : masker.mask(text).split("\r\n|\r|\n", -1)) {
      out.println(indent + prefix + line);
    }
    out.flush();
  }

  /**
   * Adds the secrets a pipelinetasks task masked itself before they left its process: the SDK
   * reports their count in a debug line when the task completes, since this runner never sees them.
   */
  private void maskedInTask(StepState state, String debugLine) {
    if (!debugLine.startsWith(TaskRunner.MASKED_SECRETS_PREFIX)) {
      return;
    }
    String rest = debugLine.substring(TaskRunner.MASKED_SECRETS_PREFIX.length());
    int space = rest.indexOf(' ');
    try {
      int count = Integer.parseInt(space < 0 ? rest : rest.substring(0, space));
      if (count > 0) {
        leaks += count;
        leaksByStep.merge(state.title, count, Integer::sum);
      }
    } catch (NumberFormatException notACount) {
      // Not the SDK's line after all.
    }
  }

  /** Counts the secrets a task printed, per step, before the text is masked. */
  private void countLeaks(StepState state, String text) {
    int count = masker.count(text);
    if (count > 0) {
      leaks += count;
      leaksByStep.merge(state.title, count, Integer::sum);
    }
  }

  private void note(String text) {
    out.println("[ptask] " + text);
  }

  void process(String line, StepState state) {
    Optional<LoggingCommand> parsed = LoggingCommand.parse(line);
    if (parsed.isEmpty()) {
      if (line.contains("##vso[")) {
        show(state, "", line);
        warn(
            state,
            "##vso[ was found in the line above but it is not a valid command (CommandKeywordDetected)");
        return;
      }
      format(line, state);
      return;
    }
    LoggingCommand command = parsed.get();
    String area = command.area().toLowerCase(Locale.ROOT);
    String event = command.event().toLowerCase(Locale.ROOT);
    String name = area + "." + event;
    if (!KNOWN_AREAS.contains(area)) {
      show(state, "", line);
      warn(state, "##vso[" + command.name() + "] is not a recognised command (CommandNotFound)");
      return;
    }
    if (area.equals("task") && !TASK_EVENTS.contains(event)) {
      error(
          state,
          "##vso[" + command.name() + "] is not a known " + area + " command; the step fails");
      state.fail("Unknown command " + command.name());
      return;
    }
    TaskDefinition task = state.planned.task().task();
    boolean restricted =
        task.restrictions()
            .flatMap(Restrictions::commands)
            .flatMap(Restrictions.Commands::mode)
            .map("restricted"::equalsIgnoreCase)
            .orElse(false);
    if (restricted && !RESTRICTED_ALLOWED.contains(name)) {
      warn(
          state,
          "##vso[" + command.name() + "] is not allowed in this step due to policy restrictions.");
      return;
    }
    switch (name) {
      case "task.setsecret" -> {
        if (!command.message().isBlank()) {
          masker.add(command.message());
        }
      }
      case "task.setvariable" -> setVariable(command, state);
      case "task.settaskvariable" -> setTaskVariable(command, state);
      case "task.issue", "task.logissue" -> {
        String type = command.property("type").orElse("").toLowerCase(Locale.ROOT);
        if (type.equals("error")) {
          error(state, command.message());
        } else if (type.equals("warning")) {
          warn(state, command.message());
        } else {
          warn(state, "Can't create TaskIssue from logging event.");
        }
      }
      case "task.complete" -> {
        String value = command.property("result").orElse("");
        TaskResult result;
        try {
          result = TaskResult.valueOf(value);
        } catch (IllegalArgumentException e) {
          error(
              state,
              "task.complete: \""
                  + value
                  + "\" is not a task result (they are case-sensitive: Succeeded, SucceededWithIssues, Failed, Cancelled, Skipped)");
          state.fail("Invalid task result " + value);
          return;
        }
        state.merge(result, command.message());
        if (command.flag("done")) {
          state.done = true;
        }
        countLeaks(state, command.message());
      }
      case "task.debug" -> {
        maskedInTask(state, command.message());
        if (debug()) {
          show(state, "DEBUG: ", command.message());
        } else {
          countLeaks(state, command.message());
        }
      }
      case "task.prependpath" -> {
        if (allowedToSet(task, "PATH", state)) {
          prependedPaths.addFirst(command.message());
          debug(state, "Prepended to PATH for the next steps: " + command.message());
        }
      }
      case "task.setendpoint" -> setEndpoint(command, state);
      case "task.setprogress", "task.logdetail", "telemetry.publish" ->
          debug(state, "Processed: " + command.name());
      default ->
          note(
              "##vso["
                  + command.name()
                  + "] has no effect in a local run (no server to send it to)");
    }
  }

  private void format(String line, StepState state) {
    if (line.startsWith("##[group]")) {
      show(state, "+ ", line.substring(9));
      state.groupDepth++;
    } else if (line.startsWith("##[endgroup]")) {
      state.groupDepth = Math.max(0, state.groupDepth - 1);
    } else if (line.startsWith("##[section]")) {
      show(state, "== ", line.substring(11));
    } else if (line.startsWith("##[warning]")) {
      show(state, "WARNING: ", line.substring(11));
    } else if (line.startsWith("##[error]")) {
      show(state, "ERROR: ", line.substring(9));
    } else if (line.startsWith("##[debug]")) {
      if (debug()) {
        show(state, "DEBUG: ", line.substring(9));
      } else {
        countLeaks(state, line);
      }
    } else if (line.startsWith("##[command]")) {
      show(state, "$ ", line.substring(11));
    } else {
      show(state, "", line);
    }
  }

  private void warn(StepState state, String message) {
    show(state, "WARNING: ", message);
    issues.add(new Issue(state.title, "warning", mask(message)));
  }

  private void error(StepState state, String message) {
    show(state, "ERROR: ", message);
    issues.add(new Issue(state.title, "error", mask(message)));
  }

  private void debug(StepState state, String message) {
    if (debug()) {
      show(state, "DEBUG: ", message);
    }
  }

  private boolean allowedToSet(TaskDefinition task, String variable, StepState state) {
    Optional<List<String>> allowed =
        task.restrictions()
            .flatMap(Restrictions::settableVariables)
            .flatMap(Restrictions.SettableVariables::allowed);
    if (allowed.isEmpty()) {
      return true;
    }
    for (String glob : allowed.get()) {
      if (variable.toLowerCase(Locale.ROOT).matches(globRegex(glob.toLowerCase(Locale.ROOT)))) {
        return true;
      }
    }
    warn(
        state,
        "Setting variable '" + variable + "' has been disabled by the task or build definition.");
    return false;
  }

  private static String globRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }

  private void setVariable(LoggingCommand command, StepState state) {
    String name = command.property("variable").orElse("").trim();
    String value = command.message();
    TaskDefinition task = state.planned.task().task();
    if (name.isEmpty()) {
      error(state, "task.setvariable needs a variable name (CommandProcessFailed)");
      state.fail("task.setvariable without a variable name");
      return;
    }
    Variable existing = variables.get(key(name));
    boolean secret = command.flag("issecret") || (existing != null && existing.secret());
    if (secret) {
      if (value.contains("\n")
          && !variable("SYSTEM_UNSAFEALLOWMULTILINESECRET").orElse("").equalsIgnoreCase("true")) {
        error(
            state,
            "Secret variable '" + name + "' cannot contain multiple lines (MultilineSecret)");
        state.fail("Multi-line secret " + name);
        return;
      }
      masker.add(value);
    } else {
      countLeaks(state, value);
    }
    if (!allowedToSet(task, name, state)) {
      return;
    }
    if (existing != null && existing.readOnly()) {
      warn(state, "Variable '" + name + "' is read-only and was not changed.");
      return;
    }
    boolean output =
        command.flag("isoutput")
            || task.outputVariables().stream().anyMatch(v -> v.name().equalsIgnoreCase(name));
    Variable variable = new Variable(name, value, secret, command.flag("isreadonly"));
    variables.put(key(name), variable);
    String stepName = state.planned.step().name();
    if (output && stepName != null && !stepName.isEmpty()) {
      variables.put(
          key(stepName + "." + name), new Variable(stepName + "." + name, value, secret, false));
    }
    variablesSet.add(
        new VariableSet(
            state.title,
            output && stepName != null && !stepName.isEmpty() ? stepName + "." + name : name,
            secret ? SecretMasker.MASK : mask(value),
            secret,
            output));
    debug(state, "Set variable " + name + " = " + (secret ? "********" : value));
  }

  private void setTaskVariable(LoggingCommand command, StepState state) {
    String name = command.property("variable").orElse("").trim();
    if (name.isEmpty()) {
      error(state, "task.settaskvariable needs a variable name (CommandProcessFailed)");
      state.fail("task.settaskvariable without a variable name");
      return;
    }
    boolean secret = command.flag("issecret");
    if (secret) {
      masker.add(command.message());
    }
    taskVariables
        .computeIfAbsent(
            state.planned.task().task().id().toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>())
        .put(key(name), new Variable(name, command.message(), secret, false));
  }

  private void setEndpoint(LoggingCommand command, StepState state) {
    String id = command.property("id").orElse("");
    String field = command.property("field").orElse("").toLowerCase(Locale.ROOT);
    String key = command.property("key").orElse("");
    EndpointSpec endpoint = endpoints.get(id.toLowerCase(Locale.ROOT));
    if (!EndpointSpec.isGuid(id) || endpoint == null) {
      error(state, "task.setendpoint: no endpoint with id '" + id + "' (CommandProcessFailed)");
      state.fail("task.setendpoint for an unknown endpoint");
      return;
    }
    switch (field) {
      case "authparameter" -> {
        masker.add(command.message());
        endpoint.authorization().put(key, command.message());
      }
      case "dataparameter" -> endpoint.data().put(key, command.message());
      case "url" ->
          endpoints.put(
              endpoint.id(),
              new EndpointSpec(
                  endpoint.id(),
                  endpoint.name(),
                  command.message(),
                  endpoint.scheme(),
                  endpoint.authorization(),
                  endpoint.data()));
      default -> {
        error(
            state,
            "task.setendpoint: field must be url, dataParameter or authParameter (CommandProcessFailed)");
        state.fail("task.setendpoint with an unknown field");
      }
    }
  }

  /** What one running entry point has reported so far. */
  final class StepState {
    final Planned planned;
    final String title;
    TaskResult result;
    String message = "";
    boolean done;
    int groupDepth;

    StepState(Planned planned, String title) {
      this.planned = planned;
      this.title = title;
    }

    void merge(TaskResult coming, String text) {
      if (result == null || coming.ordinal() > result.ordinal()) {
        result = coming;
        message = text;
      }
    }

    void fail(String text) {
      if (result == null || result.ordinal() < TaskResult.Failed.ordinal()) {
        result = TaskResult.Failed;
        message = text;
      }
      if (!text.isEmpty()) {
        issues.add(new Issue(title, "error", mask(text)));
      }
    }
  }

  // ---- the summary ---------------------------------------------------------------------------

  /** The overall result: the worst of the steps' results. */
  TaskResult result() {
    TaskResult worst = TaskResult.Succeeded;
    for (Outcome outcome : outcomes) {
      if (outcome.result() == TaskResult.Failed || outcome.result() == TaskResult.Cancelled) {
        if (worst.ordinal() < outcome.result().ordinal()) {
          worst = outcome.result();
        }
      } else if (outcome.result() == TaskResult.SucceededWithIssues
          && worst == TaskResult.Succeeded) {
        worst = TaskResult.SucceededWithIssues;
      }
    }
    return worst;
  }

  int leaks() {
    return leaks;
  }

  List<VariableSet> variablesSet() {
    return List.copyOf(variablesSet);
  }

  List<Issue> issues() {
    return List.copyOf(issues);
  }

  void printSummary() {
    out.println();
    out.println("Summary");
    out.println("  Result: " + result());
    out.println("  Steps:");
    for (Outcome o : outcomes) {
      out.println(
          String.format(
              Locale.ROOT,
              "    %-20s %s (%s%s)%s",
              o.result(),
              o.step(),
              o.task(),
              o.phase().equals("step") ? "" : ", " + o.phase(),
              o.message().isEmpty() ? "" : ": " + mask(o.message())));
    }
    out.println("  Variables set:" + (variablesSet.isEmpty() ? " none" : ""));
    for (VariableSet v : variablesSet) {
      out.println(
          "    "
              + v.name()
              + " = "
              + v.shown()
              + (v.secret() ? " (secret)" : "")
              + (v.output() ? " (output)" : ""));
    }
    long errors = issues.stream().filter(i -> i.type().equals("error")).count();
    out.println("  Issues: " + errors + " error(s), " + (issues.size() - errors) + " warning(s)");
    for (Issue issue : issues) {
      out.println("    " + issue.type() + ": " + issue.message() + " [" + issue.step() + "]");
    }
    out.println(
        "  Secrets printed by the task: "
            + leaks
            + (leaks == 0
                ? ""
                : " (masked as *** in the log; a task that prints a secret has a bug)"));
    leaksByStep.forEach((step, count) -> out.println("    " + step + ": " + count));
    out.flush();
  }

  /** Removes the run's temporary folder. */
  void cleanUp() {
    try (var files = Files.walk(work)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Left for the system's temp cleaner.
    }
  }
}
