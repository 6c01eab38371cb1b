package io.pipelinetasks.task.testing;

import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.SecretMasker;
import io.pipelinetasks.task.Task;
import io.pipelinetasks.task.TaskRunner;
import io.pipelinetasks.task.internal.EnvNames;
import io.pipelinetasks.task.internal.Json;
import io.pipelinetasks.taskjson.InputSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a task in this JVM against a fake agent environment and records everything it reported, the
 * way JUnit's {@code EngineTestKit} runs an engine: no agent, no child JVM, no downloads.
 *
 * <pre>{@code
 * TaskRun run = TaskTestKit.task(new MyTask(), MyInputs::bind)
 *     .input("scriptType", "bash")
 *     .secretVariable("MySecret", "hunter2")
 *     .run();
 * TaskRunAssert.assertThat(run).succeeded().setVariable("out", "value").hasNoLeaks();
 * }</pre>
 *
 * <p>The environment is built exactly as the agent builds it ({@code INPUT_*}, {@code SECRET_*},
 * {@code VSTS_PUBLIC_VARIABLES}, {@code ENDPOINT_*}, ...), so the task reads it through the same
 * code as in a real run.
 */
public final class TaskTestKit<I> {
  private final Task<I> task;
  private final Function<InputSource, I> binder;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> publicVariables = new ArrayList<>();
  private final List<String> secretVariables = new ArrayList<>();
  private Optional<Path> taskDirectory = Optional.empty();
  private Path tempDirectory;

  private TaskTestKit(Task<I> task, Function<InputSource, I> binder) {
    this.task = Objects.requireNonNull(task, "task");
    this.binder = Objects.requireNonNull(binder, "binder");
    env.put("AGENT_VERSION", "4.260.0");
    env.put("AGENT_OS", "Linux");
    publicVariables.add("Agent.Version");
    publicVariables.add("Agent.OS");
  }

  /**
   * A kit for a task with typed inputs.
   *
   * @param task the task
   * @param binder binds its inputs, usually {@code GeneratedInputs::bind}
   */
  public static <I> TaskTestKit<I> task(Task<I> task, Function<InputSource, I> binder) {
    return new TaskTestKit<>(task, binder);
  }

  /**
   * A kit for a task that reads its inputs from the context.
   *
   * @param task the task
   */
  public static TaskTestKit<Void> task(Task<Void> task) {
    return new TaskTestKit<>(task, source -> null);
  }

  /**
   * Sets an input, as the agent passes it in {@code INPUT_<NAME>}.
   *
   * @param name the input name
   * @param value the value
   */
  public TaskTestKit<I> input(String name, String value) {
    env.put("INPUT_" + EnvNames.key(name), value);
    return this;
  }

  /**
   * Sets a public variable.
   *
   * @param name the variable name, such as {@code Build.SourcesDirectory}
   * @param value the value
   */
  public TaskTestKit<I> variable(String name, String value) {
    env.put(EnvNames.key(name), value);
    publicVariables.add(name);
    return this;
  }

  /**
   * Sets a secret variable, as the agent passes it in {@code SECRET_<NAME>}.
   *
   * @param name the variable name
   * @param value the value
   */
  public TaskTestKit<I> secretVariable(String name, String value) {
    env.put("SECRET_" + EnvNames.key(name), value);
    secretVariables.add(name);
    return this;
  }

  /**
   * Sets a task variable from an earlier run of the same task.
   *
   * @param name the task variable name
   * @param value the value
   */
  public TaskTestKit<I> taskVariable(String name, String value) {
    env.put("VSTS_TASKVARIABLE_" + EnvNames.key(name), value);
    return this;
  }

  /**
   * Adds a service connection, with every environment family the agent writes for it.
   *
   * @param endpoint the connection
   */
  public TaskTestKit<I> endpoint(FakeEndpoint endpoint) {
    String id = endpoint.id();
    endpoint.url().ifPresent(url -> env.put("ENDPOINT_URL_" + id, url));
    StringBuilder auth = new StringBuilder("{\"parameters\":{");
    boolean first = true;
    for (Map.Entry<String, String> entry : endpoint.authParameters().entrySet()) {
      if (!first) {
        auth.append(',');
      }
      first = false;
      auth.append(Json.quote(entry.getKey())).append(':').append(Json.quote(entry.getValue()));
      env.put(
          "ENDPOINT_AUTH_PARAMETER_" + id + "_" + entry.getKey().toUpperCase(Locale.ROOT),
          entry.getValue());
    }
    auth.append("},\"scheme\":").append(Json.quote(endpoint.scheme())).append('}');
    env.put("ENDPOINT_AUTH_" + id, auth.toString());
    env.put("ENDPOINT_AUTH_SCHEME_" + id, endpoint.scheme());
    if (!id.equalsIgnoreCase("SYSTEMVSSCONNECTION")) {
      StringBuilder data = new StringBuilder("{");
      first = true;
      for (Map.Entry<String, String> entry : endpoint.data().entrySet()) {
        if (!first) {
          data.append(',');
        }
        first = false;
        data.append(Json.quote(entry.getKey())).append(':').append(Json.quote(entry.getValue()));
        env.put(
            "ENDPOINT_DATA_" + id + "_" + entry.getKey().toUpperCase(Locale.ROOT),
            entry.getValue());
      }
      env.put("ENDPOINT_DATA_" + id, data.append('}').toString());
    }
    return this;
  }

  /**
   * Adds the job's own connection and access token, as the agent always does.
   *
   * @param collectionUri the organisation URL
   * @param accessToken the job access token
   */
  public TaskTestKit<I> systemConnection(String collectionUri, Secret accessToken) {
    endpoint(
        FakeEndpoint.builder("SYSTEMVSSCONNECTION", "OAuth")
            .url(collectionUri)
            .authParameter("AccessToken", accessToken.reveal())
            .build());
    return secretVariable("System.AccessToken", accessToken.reveal())
        .variable("System.CollectionUri", collectionUri);
  }

  /**
   * Adds a secure file.
   *
   * @param id the secure file id
   * @param name the file name
   * @param ticket the download ticket
   */
  public TaskTestKit<I> secureFile(String id, String name, String ticket) {
    env.put("SECUREFILE_NAME_" + id, name);
    env.put("SECUREFILE_TICKET_" + id, ticket);
    return this;
  }

  /**
   * Sets a raw environment variable, for anything the other methods do not cover.
   *
   * @param name the environment variable name
   * @param value the value
   */
  public TaskTestKit<I> environment(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * Copies a whole environment, such as one the Azure emulator writes for its demo organisation.
   *
   * @param variables the environment variables
   */
  public TaskTestKit<I> environment(Map<String, String> variables) {
    env.putAll(variables);
    return this;
  }

  /**
   * Uses this folder as {@code Agent.TempDirectory}; by default the kit makes a fresh one.
   *
   * @param directory the folder
   */
  public TaskTestKit<I> tempDirectory(Path directory) {
    this.tempDirectory = directory;
    return this;
  }

  /**
   * Reads task.json and its translations from this folder, for {@code loc()}.
   *
   * @param directory the task folder
   */
  public TaskTestKit<I> taskDirectory(Path directory) {
    this.taskDirectory = Optional.of(directory);
    return this;
  }

  /** The environment the task would get, for inspection. */
  public Map<String, String> environment() {
    Map<String, String> all = new LinkedHashMap<>(env);
    all.put("VSTS_PUBLIC_VARIABLES", names(publicVariables));
    all.put("VSTS_SECRET_VARIABLES", names(secretVariables));
    return all;
  }

  /** Runs the task and returns what it did. */
  public TaskRun run() {
    Map<String, String> environment = environment();
    if (!environment.containsKey("AGENT_TEMPDIRECTORY")) {
      try {
        Path temp =
            tempDirectory != null ? tempDirectory : Files.createTempDirectory("tasktestkit");
        environment.put("AGENT_TEMPDIRECTORY", temp.toString());
      } catch (IOException failed) {
        throw new UncheckedIOException(failed);
      }
    }
    SecretMasker masker = new SecretMasker();
    RecordingSink sink = new RecordingSink(masker);
    TaskRunner.Outcome outcome =
        TaskRunner.run(
            binder,
            task,
            environment,
            masker,
            sink,
            new TaskRunner.Options(
                taskDirectory, Optional.of(task.getClass().getClassLoader()), false));
    return new TaskRun(outcome, sink.events(), masker);
  }

  private static String names(List<String> names) {
    StringBuilder json = new StringBuilder("[");
    for (String name : names) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(Json.quote(name));
    }
    return json.append(']').toString();
  }
}
