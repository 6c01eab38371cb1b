package io.pipelinetasks.task;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.internal.EnvNames;
import io.pipelinetasks.task.internal.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable snapshot of everything the agent passed to the task process: inputs, variables
 * (public and secret), task variables, service connections, secure files, and the agent and system
 * facts. It is read once at start-up.
 *
 * <p>Every family is looked up ignoring case. The Node library reads some families verbatim and so
 * misses an endpoint whose id arrives in another case (microsoft/azure-pipelines-task-lib#540);
 * nothing here depends on the casing of an id or name.
 */
public final class AgentEnvironment {
  /**
   * Authorization parameter keys whose values are not secrets: the agent's list (agent-contract.md
   * 7.2), plus three public identifiers the agent masks as well: an AzureRM connection's
   * application (client) id, and the issuer and subject of its federated credential. None of them
   * grants access; the Azure CLI prints the client id in its own login output, and a task must be
   * able to show issuer and subject when Entra ID finds no credential matching them. Credentials
   * (keys, certificates, tokens, passwords) stay secret.
   */
  static final Set<String> NON_SECRET_AUTH_KEYS =
      Set.of(
          "serviceprincipalid",
          "workloadidentityfederationissuer",
          "workloadidentityfederationsubject",
          "role",
          "scope",
          "tenantid",
          "issuedat",
          "expiresat",
          "audience",
          "authenticationtype",
          "authorizationtype",
          "accesstokentype",
          "accesstokenfetchingmethod",
          "usewindowssecurity",
          "unsecured",
          "oauthaccesstokenissupplied",
          "completecallbackpayload",
          "acceptuntrustedcertificates");

  /**
   * Whether the value of an endpoint authorization parameter is a secret the masker must know:
   * every key but the known non-secret ones, compared ignoring case.
   *
   * @param key the authorization parameter key, such as {@code serviceprincipalkey}
   */
  public static boolean isSecretAuthParameter(String key) {
    return !NON_SECRET_AUTH_KEYS.contains(key.toLowerCase(Locale.ROOT));
  }

  /** The id under which the agent passes the job's own Azure DevOps connection. */
  public static final String SYSTEM_CONNECTION = "SYSTEMVSSCONNECTION";

  private final Map<String, String> raw;
  private final TreeMap<String, String> byName;
  private final Map<String, VariableInfo> knownVariables;
  private final Map<String, Endpoint> endpoints;
  private final Map<String, String> malformedEndpoints;
  private final List<String> secretValues;
  private final AgentInfo agent;
  private final SystemInfo system;

  private AgentEnvironment(Map<String, String> env) {
    this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    this.byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(env);
    List<String> secrets = new ArrayList<>();
    this.knownVariables = loadVariables(secrets);
    this.malformedEndpoints = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    this.endpoints = loadEndpoints(secrets);
    for (Map.Entry<String, String> entry : byName.entrySet()) {
      if (startsWithIgnoreCase(entry.getKey(), "SECUREFILE_TICKET_")
          && !entry.getValue().isEmpty()) {
        secrets.add(entry.getValue());
      }
    }
    // Once each: the job's token, say, arrives both as a secret variable and as an endpoint
    // parameter, and the masker would work out its encoded forms twice.
    this.secretValues = List.copyOf(new LinkedHashSet<>(secrets));
    this.agent = loadAgent();
    this.system = loadSystem();
  }

  /**
   * Reads a snapshot from environment variables.
   *
   * @param env the process environment, or a map that stands for it
   * @throws TaskException when {@code VSTS_PUBLIC_VARIABLES} or {@code VSTS_SECRET_VARIABLES} is
   *     not a JSON array of names
   */
  public static AgentEnvironment of(Map<String, String> env) {
    return new AgentEnvironment(env);
  }

  /** The snapshot of this process's environment. */
  public static AgentEnvironment current() {
    return of(System.getenv());
  }

  /** The environment exactly as it was passed, secrets included; for building child processes. */
  Map<String, String> raw() {
    return raw;
  }

  /**
   * A raw environment variable, looked up ignoring case.
   *
   * @param name the environment variable name
   */
  public Optional<String> env(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The raw value of an input, not trimmed, or empty when the agent passed none.
   *
   * @param name the input name as task.json declares it
   */
  public Optional<String> input(String name) {
    return env("INPUT_" + EnvNames.key(name));
  }

  /**
   * A variable's value: secret variables come from {@code SECRET_*}, public ones from their
   * normalised name, as {@code getVariable} does.
   *
   * @param name the variable name, such as {@code Build.SourcesDirectory}
   */
  public Optional<String> variable(String name) {
    String key = EnvNames.key(name);
    if (isSecretVariable(name)) {
      return env("SECRET_" + key);
    }
    Optional<String> value = env(key);
    if (value.isEmpty() && key.equals("AGENT_JOBSTATUS")) {
      return env("agent.jobstatus");
    }
    return value;
  }

  /**
   * Whether the agent passed the variable as a secret.
   *
   * @param name the variable name
   */
  public boolean isSecretVariable(String name) {
    VariableInfo info = knownVariables.get(EnvNames.key(name));
    return info != null && info.secret();
  }

  /** Every variable the agent declared, by original name, with whether it is secret. */
  public List<VariableInfo> variables() {
    return List.copyOf(knownVariables.values());
  }

  /**
   * A task variable set by an earlier run of the same task, trimmed as the Node library trims it.
   *
   * @param name the task variable name
   */
  public Optional<String> taskVariable(String name) {
    String value = byName.get("VSTS_TASKVARIABLE_" + EnvNames.key(name));
    return value == null ? Optional.empty() : Optional.of(value.trim());
  }

  /**
   * A service connection, looked up ignoring the case of its id.
   *
   * @param id the endpoint id as the task input holds it
   * @throws EndpointException when the connection's authorization is not valid JSON and no
   *     parameters were passed separately
   */
  public Optional<Endpoint> endpoint(String id) {
    String malformed = malformedEndpoints.get(id);
    if (malformed != null) {
      throw new EndpointException("EndpointAuthInvalid", id, malformed);
    }
    return Optional.ofNullable(endpoints.get(id));
  }

  /** The ids of every service connection passed. */
  public Set<String> endpointIds() {
    Set<String> ids = new LinkedHashSet<>(endpoints.keySet());
    ids.addAll(malformedEndpoints.keySet());
    return ids;
  }

  /**
   * A secure file.
   *
   * @param id the secure file id as the task input holds it
   */
  public Optional<SecureFile> secureFile(String id) {
    Optional<String> name = env("SECUREFILE_NAME_" + id);
    String ticket = byName.get("SECUREFILE_TICKET_" + id);
    if (name.isEmpty() && ticket == null) {
      return Optional.empty();
    }
    return Optional.of(
        new SecureFile(
            id, name, ticket == null ? Optional.empty() : Optional.of(Secret.of(ticket))));
  }

  /** The job's access token: from the system connection, else from the secret variable. */
  public Optional<Secret> accessToken() {
    Endpoint system = endpoints.get(SYSTEM_CONNECTION);
    Optional<Secret> fromConnection =
        system == null ? Optional.empty() : system.authParameter("AccessToken");
    if (fromConnection.isPresent() && !fromConnection.get().isEmpty()) {
      return fromConnection;
    }
    Optional<String> variable = nonEmpty("System.AccessToken");
    return variable.isEmpty() ? Optional.empty() : Optional.of(Secret.of(variable.get()));
  }

  /** Facts about the agent. */
  public AgentInfo agent() {
    return agent;
  }

  /** Facts about the pipeline run. */
  public SystemInfo system() {
    return system;
  }

  /** The correlation id the agent asks issues to carry, empty when none. */
  public String correlationId() {
    return env("COMMAND_CORRELATION_ID").orElse("");
  }

  /**
   * Whether a pipeline feature flag is on: {@code DistributedTask.Tasks.<name>} is {@code true}.
   *
   * @param name the feature name, such as {@code EnableLateBoundIdToken}
   */
  public boolean pipelineFeature(String name) {
    return variable("DistributedTask.Tasks." + name).orElse("").equalsIgnoreCase("true");
  }

  /**
   * Every value the agent passed as a secret, for the masker: secret variables, endpoint
   * authorization parameters (except the keys the agent itself does not mask), and secure file
   * tickets.
   */
  List<String> secretValues() {
    return secretValues;
  }

  private Map<String, VariableInfo> loadVariables(List<String> secrets) {
    Map<String, VariableInfo> known = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : byName.entrySet()) {
      String key = entry.getKey();
      if (startsWithIgnoreCase(key, "SECRET_") && key.length() > "SECRET_".length()) {
        String name = key.substring("SECRET_".length());
        known.put(EnvNames.key(name), new VariableInfo(name, true));
        if (!entry.getValue().isEmpty()) {
          secrets.add(entry.getValue());
        }
      }
    }
    for (String name : nameList("VSTS_PUBLIC_VARIABLES")) {
      known.put(EnvNames.key(name), new VariableInfo(name, false));
    }
    for (String name : nameList("VSTS_SECRET_VARIABLES")) {
      known.put(EnvNames.key(name), new VariableInfo(name, true));
    }
    return Collections.unmodifiableMap(known);
  }

  private List<String> nameList(String variable) {
    String json = byName.get(variable);
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return Json.parseStringArray(json);
    } catch (IllegalArgumentException bad) {
      throw new TaskException(
          "AgentVariableListInvalid",
          variable
              + " is not a JSON array of variable names ("
              + bad.getMessage()
              + "). The agent writes this variable; when running a task by hand, set it to a"
              + " JSON array such as [\"Build.SourcesDirectory\"] or leave it unset.");
    }
  }

  private Map<String, Endpoint> loadEndpoints(List<String> secrets) {
    Set<String> ids = new LinkedHashSet<>();
    for (String key : byName.keySet()) {
      String upper = key.toUpperCase(Locale.ROOT);
      if (upper.startsWith("ENDPOINT_URL_")) {
        ids.add(key.substring("ENDPOINT_URL_".length()));
      } else if (upper.startsWith("ENDPOINT_AUTH_SCHEME_")) {
        ids.add(key.substring("ENDPOINT_AUTH_SCHEME_".length()));
      } else if (upper.startsWith("ENDPOINT_AUTH_")
          && !upper.startsWith("ENDPOINT_AUTH_PARAMETER_")) {
        ids.add(key.substring("ENDPOINT_AUTH_".length()));
      }
    }
    Map<String, Endpoint> loaded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String id : ids) {
      if (loaded.containsKey(id) || malformedEndpoints.containsKey(id)) {
        continue;
      }
      loadEndpoint(id, secrets, loaded);
    }
    return Collections.unmodifiableMap(loaded);
  }

  private void loadEndpoint(String id, List<String> secrets, Map<String, Endpoint> into) {
    Map<String, String> params = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String scheme = byName.get("ENDPOINT_AUTH_SCHEME_" + id);
    String authJson = byName.get("ENDPOINT_AUTH_" + id);
    String authError = null;
    if (authJson != null && !authJson.isBlank()) {
      try {
        Map<String, Object> auth = Json.parseObject(authJson);
        if (auth.get("parameters") instanceof Map<?, ?> parameters) {
          for (Map.Entry<?, ?> parameter : parameters.entrySet()) {
            if (parameter.getValue() instanceof String s) {
              params.put(String.valueOf(parameter.getKey()), s);
            }
          }
        }
        if ((scheme == null || scheme.isEmpty())
            && auth.get("scheme") instanceof String s
            && !s.isEmpty()) {
          scheme = s;
        }
      } catch (IllegalArgumentException bad) {
        // The value may hold credentials: mask it whole and never echo it.
        secrets.add(authJson);
        authError =
            "The authorization of service connection "
                + id
                + " (ENDPOINT_AUTH_"
                + id
                + ") is not a valid JSON object ("
                + bad.getMessage()
                + "). The agent writes it as {\"parameters\":{...},\"scheme\":\"...\"}; re-save"
                + " the service connection, or fix the value when running the task by hand.";
      }
    }
    String paramPrefix = "ENDPOINT_AUTH_PARAMETER_" + id + "_";
    // Names with a prefix sort together from the prefix on, ignoring case. Walking them with
    // higherEntry rather than a tailMap view spares six JDK classes at every task's start-up.
    for (Map.Entry<String, String> entry = byName.ceilingEntry(paramPrefix);
        entry != null && startsWithIgnoreCase(entry.getKey(), paramPrefix);
        entry = byName.higherEntry(entry.getKey())) {
      params.putIfAbsent(entry.getKey().substring(paramPrefix.length()), entry.getValue());
    }
    if (authError != null && params.isEmpty()) {
      malformedEndpoints.put(id, authError);
      return;
    }
    Map<String, Secret> authParameters = new LinkedHashMap<>();
    for (Map.Entry<String, String> parameter : params.entrySet()) {
      String value = parameter.getValue();
      authParameters.put(parameter.getKey(), Secret.of(value));
      if (!value.isEmpty() && isSecretAuthParameter(parameter.getKey())) {
        secrets.add(value);
      }
    }
    Map<String, String> data = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String dataJson = byName.get("ENDPOINT_DATA_" + id);
    if (dataJson != null && !dataJson.isBlank()) {
      try {
        for (Map.Entry<String, Object> entry : Json.parseObject(dataJson).entrySet()) {
          Object value = entry.getValue();
          if (value instanceof String s) {
            data.put(entry.getKey(), s);
          } else if (value != Json.NULL && !(value instanceof Map) && !(value instanceof List)) {
            data.put(entry.getKey(), String.valueOf(value));
          }
        }
      } catch (IllegalArgumentException bad) {
        // Data is not secret and also arrives key by key below; a malformed document is skipped.
      }
    }
    String dataPrefix = "ENDPOINT_DATA_" + id + "_";
    for (Map.Entry<String, String> entry = byName.ceilingEntry(dataPrefix);
        entry != null && startsWithIgnoreCase(entry.getKey(), dataPrefix);
        entry = byName.higherEntry(entry.getKey())) {
      data.putIfAbsent(entry.getKey().substring(dataPrefix.length()), entry.getValue());
    }
    into.put(
        id,
        new Endpoint(
            id,
            env("ENDPOINT_URL_" + id),
            scheme == null || scheme.isEmpty() ? Optional.empty() : Optional.of(scheme),
            authParameters,
            data));
  }

  // loadAgent and loadSystem run at every task's start-up: Optional chains with lambdas would
  // spin a class per lambda there (bench/startup/README.md), so these are plain conditionals.

  private AgentInfo loadAgent() {
    Optional<String> work = nonEmpty("Agent.WorkFolder");
    Optional<String> temp = nonEmpty("Agent.TempDirectory");
    Path tempDirectory =
        Path.of(
            temp.isPresent()
                ? temp.get()
                : work.isPresent() ? work.get() : System.getProperty("java.io.tmpdir"));
    return new AgentInfo(
        tempDirectory,
        work.isPresent() ? Optional.of(Path.of(work.get())) : Optional.empty(),
        nonEmpty("Agent.Version"),
        variable("Agent.CloudId").orElse(""),
        nonEmpty("Agent.OS"));
  }

  private SystemInfo loadSystem() {
    Optional<String> collection = nonEmpty("System.CollectionUri");
    if (collection.isEmpty()) {
      collection = nonEmpty("System.TeamFoundationCollectionUri");
    }
    if (collection.isEmpty()) {
      collection = nonEmpty("System.TeamFoundationServerUri");
    }
    if (collection.isPresent() && !collection.get().endsWith("/")) {
      collection = Optional.of(collection.get() + "/");
    }
    Optional<String> workingDirectory = nonEmpty("System.DefaultWorkingDirectory");
    return new SystemInfo(
        collection,
        nonEmpty("System.TeamProjectId"),
        nonEmpty("System.TeamProject"),
        nonEmpty("System.HostType"),
        nonEmpty("System.PlanId"),
        nonEmpty("System.JobId"),
        nonEmpty("System.OidcRequestUri"),
        variable("System.Debug").orElse("").trim().equalsIgnoreCase("true"),
        nonEmpty("System.Culture").orElse("en-US"),
        workingDirectory.isPresent()
            ? Optional.of(Path.of(workingDirectory.get()))
            : Optional.empty());
  }

  private Optional<String> nonEmpty(String variable) {
    Optional<String> value = variable(variable);
    return value.isPresent() && value.get().isEmpty() ? Optional.empty() : value;
  }

  static boolean startsWithIgnoreCase(String value, String prefix) {
    return value.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /**
   * A variable the agent declared.
   *
   * @param name the variable name in its original casing
   * @param secret whether it was passed as a secret
   */
  public record VariableInfo(String name, boolean secret) {}
}
