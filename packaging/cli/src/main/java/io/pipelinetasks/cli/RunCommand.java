package io.pipelinetasks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinetasks.task.TaskResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ptask run}: runs a task, or a small pipeline of steps, the way the agent would. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a task locally the way the agent runs it: its environment built as the agent builds"
          + " it, started through its Node launcher, its logging commands applied and its"
          + " secrets masked; then a summary.",
      "TASK is a built task folder, a task module, or a name such as AzureCLI@2.",
      "Exit code 0 when every step succeeded (with or without issues), 1 when one failed, 2 on a"
          + " usage error."
    })
final class RunCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "TASK",
      description = "The task to run (not with --steps).")
  String task;

  @Option(names = "--input", paramLabel = "NAME=VALUE", description = "An input, by name or alias.")
  Map<String, String> inputs = new LinkedHashMap<>();

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A pipeline variable.")
  Map<String, String> variables = new LinkedHashMap<>();

  @Option(
      names = "--secret",
      paramLabel = "NAME=VALUE",
      description = "A secret pipeline variable.")
  Map<String, String> secrets = new LinkedHashMap<>();

  @Option(
      names = "--endpoint",
      paramLabel = "FILE",
      description = "A service connection file (see packaging/cli/README.md).")
  List<Path> endpoints = new ArrayList<>();

  @Option(
      names = "--steps",
      paramLabel = "FILE",
      description = "Run the steps of a JSON pipeline file instead of one task.")
  Path steps;

  @Option(
      names = "--emulator",
      description =
          "Start the Azure emulator and wire its demo organisation: connections demo-wif,"
              + " demo-secret, demo-cert and demo-msi, vault demo-kv, apps demo-app and"
              + " demo-winapp.")
  boolean emulator;

  @Option(
      names = "--workdir",
      paramLabel = "DIR",
      description = "System.DefaultWorkingDirectory (default: the current folder).")
  Path workdir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if ((task == null) == (steps == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Give either a TASK or --steps FILE.");
    }
    Path base = Path.of("").toAbsolutePath();
    List<LocalPipeline.Step> list = new ArrayList<>();
    boolean useEmulator = emulator;
    Map<String, String> fileVariables = new LinkedHashMap<>();
    Map<String, String> fileSecrets = new LinkedHashMap<>();
    List<Path> endpointFiles = new ArrayList<>(endpoints);
    if (steps != null) {
      StepsFile file = StepsFile.read(steps);
      list.addAll(file.steps());
      useEmulator |= file.emulator();
      fileVariables.putAll(file.variables());
      fileSecrets.putAll(file.secrets());
      endpointFiles.addAll(file.endpoints());
    } else {
      list.add(new LocalPipeline.Step(task, base, "", "", inputs, Map.of(), false));
    }
    return run(out, list, useEmulator, fileVariables, fileSecrets, endpointFiles);
  }

  int run(
      PrintWriter out,
      List<LocalPipeline.Step> list,
      boolean useEmulator,
      Map<String, String> fileVariables,
      Map<String, String> fileSecrets,
      List<Path> endpointFiles)
      throws IOException {
    LocalPipeline pipeline =
        new LocalPipeline(out, System.getenv(), workdir == null ? Path.of("") : workdir);
    try (EmulatorSession session = useEmulator ? EmulatorSession.start(out) : null) {
      if (session != null) {
        session.wire(pipeline);
      }
      for (Path file : endpointFiles) {
        if (!Files.isRegularFile(file)) {
          throw new UsageException(file + ": no such endpoint file");
        }
        pipeline.addEndpoint(EndpointSpec.read(file));
      }
      fileVariables.forEach((k, v) -> pipeline.setVariable(k, v, false));
      fileSecrets.forEach((k, v) -> pipeline.setVariable(k, v, true));
      variables.forEach((k, v) -> pipeline.setVariable(k, v, false));
      secrets.forEach((k, v) -> pipeline.setVariable(k, v, true));
      pipeline.run(list);
      pipeline.printSummary();
    } finally {
      pipeline.cleanUp();
    }
    TaskResult result = pipeline.result();
    return result == TaskResult.Succeeded || result == TaskResult.SucceededWithIssues ? 0 : 1;
  }

  /**
   * A pipeline file for {@code ptask run --steps}: JSON, paths relative to the file.
   *
   * <pre>{@code
   * {
   *   "emulator": true,
   *   "variables": {"vaultName": "demo-kv"},
   *   "secrets": {"apiKey": "..."},
   *   "endpoints": ["my-arm.json"],
   *   "steps": [
   *     {"task": "AzureKeyVault@2", "name": "kv", "displayName": "Read secrets",
   *      "inputs": {"azureSubscription": "demo-wif", "KeyVaultName": "$(vaultName)"}},
   *     {"task": "AzureCLI@2", "inputs": {...}, "env": {"PASSWORD": "$(demo-password)"},
   *      "continueOnError": false}
   *   ]
   * }
   * }</pre>
   */
  record StepsFile(
      List<LocalPipeline.Step> steps,
      boolean emulator,
      Map<String, String> variables,
      Map<String, String> secrets,
      List<Path> endpoints) {
    static StepsFile read(Path file) {
      if (!Files.isRegularFile(file)) {
        throw new UsageException(file + ": no such steps file");
      }
      JsonNode json;
      try {
        json = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UsageException(
            file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
      }
      if (json == null
          || !json.isObject()
          || !json.path("steps").isArray()
          || json.path("steps").isEmpty()) {
        throw new UsageException(file + ": needs a \"steps\" array with at least one step");
      }
      Path base = file.toAbsolutePath().getParent();
      List<LocalPipeline.Step> steps = new ArrayList<>();
      int index = 0;
      for (JsonNode step : json.get("steps")) {
        index++;
        String where = file + ": steps[" + (index - 1) + "]";
        if (!step.isObject() || !step.path("task").isTextual()) {
          throw new UsageException(
              where + ": needs \"task\", a task folder or a name such as AzureCLI@2");
        }
        String taskRef = step.get("task").asText();
        String name = step.path("name").asText("");
        if (!name.isEmpty() && !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new UsageException(
              where + ": \"name\" must be letters, digits and _, not \"" + name + "\"");
        }
        steps.add(
            new LocalPipeline.Step(
                taskRef,
                base,
                name,
                step.path("displayName").asText(""),
                EndpointSpec.strings(step.get("inputs"), where + ": \"inputs\""),
                EndpointSpec.strings(step.get("env"), where + ": \"env\""),
                step.path("continueOnError").asBoolean(false)));
      }
      List<Path> endpoints = new ArrayList<>();
      for (JsonNode endpoint : json.path("endpoints")) {
        endpoints.add(base.resolve(endpoint.asText()));
      }
      return new StepsFile(
          steps,
          json.path("emulator").asBoolean(false),
          EndpointSpec.strings(json.get("variables"), file + ": \"variables\""),
          EndpointSpec.strings(json.get("secrets"), file + ": \"secrets\""),
          endpoints);
    }
  }
}
