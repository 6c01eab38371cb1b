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
    byName.forEach(
        (key, value) -> {
          if (startsWithIgnoreCase(key, "SECUREFILE_TICKET_") && !value.isEmpty()) {
            secrets.add(value);
          }
        });
    this.secretValues = List.copyOf(secrets);
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
    return env("VSTS_TASKVARIABLE_" + EnvNames.key(name)).map(String::trim);
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
    Optional<Secret> ticket = env("SECUREFILE_TICKET_" + id).map(Secret::of);
    if (name.isEmpty() && ticket.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SecureFile(id, name, ticket));
  }

  /** The job's access token: from the system connection, else from the secret variable. */
  public Optional<Secret> accessToken() {
    Optional<Secret> fromConnection =
        Optional.ofNullable(endpoints.get(SYSTEM_CONNECTION))
            .flatMap(e -> e.authParameter("AccessToken"))
            .filter(s -> !s.isEmpty());
    if (fromConnection.isPresent()) {
      return fromConnection;
    }
    return variable("System.AccessToken").filter(v -> !v.isEmpty()).map(Secret::of);
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
    return variable("DistributedTask.Tasks." + name)
        .map(v -> v.equalsIgnoreCase("true"))
        .orElse(false);
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
    byName.forEach(
        (key, value) -> {
          if (startsWithIgnoreCase(key, "SECRET_") && key.length() > "SECRET_".length()) {
            String name = key.substring("SECRET_".length());
            known.put(EnvNames.key(name), new VariableInfo(name, true));
            if (!value.isEmpty()) {
              secrets.add(value);
            }
          }
        });
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
    Optional<String> scheme = env("ENDPOINT_AUTH_SCHEME_" + id).filter(s -> !s.isEmpty());
    String authJson = byName.get("ENDPOINT_AUTH_" + id);
    String authError = null;
    if (authJson != null && !authJson.isBlank()) {
      try {
        Map<String, Object> auth = Json.parseObject(authJson);
        if (auth.get("parameters") instanceof Map<?, ?> parameters) {
          parameters.forEach(
              (key, value) -> {
                if (value instanceof String s) {
                  params.put(String.valueOf(key), s);
                }
              });
        }
        if (scheme.isEmpty() && auth.get("scheme") instanceof String s && !s.isEmpty()) {
          scheme = Optional.of(s);
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
    byName
        .tailMap(paramPrefix, true)
        .forEach(
            (key, value) -> {
              if (startsWithIgnoreCase(key, paramPrefix)) {
                params.putIfAbsent(key.substring(paramPrefix.length()), value);
              }
            });
    if (authError != null && params.isEmpty()) {
      malformedEndpoints.put(id, authError);
      return;
    }
    Map<String, Secret> authParameters = new LinkedHashMap<>();
    params.forEach(
        (key, value) -> {
          authParameters.put(key, Secret.of(value));
          if (!value.isEmpty() && isSecretAuthParameter(key)) {
            secrets.add(value);
          }
        });
    Map<String, String> data = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String dataJson = byName.get("ENDPOINT_DATA_" + id);
    if (dataJson != null && !dataJson.isBlank()) {
      try {
        Json.parseObject(dataJson)
            .forEach(
                (key, value) -> {
                  if (value instanceof String s) {
                    data.put(key, s);
                  } else if (value != Json.NULL
                      && !(value instanceof Map)
                      && !(value instanceof List)) {
                    data.put(key, String.valueOf(value));
                  }
                });
      } catch (IllegalArgumentException bad) {
        // Data is not secret and also arrives key by key below; a malformed document is skipped.
      }
    }
    String dataPrefix = "ENDPOINT_DATA_" + id + "_";
    byName
        .tailMap(dataPrefix, true)
        .forEach(
            (key, value) -> {
              if (startsWithIgnoreCase(key, dataPrefix)) {
                data.putIfAbsent(key.substring(dataPrefix.length()), value);
              }
            });
    into.put(id, new Endpoint(id, env("ENDPOINT_URL_" + id), scheme, authParameters, data));
  }

  private AgentInfo loadAgent() {
    Optional<Path> work = variable("Agent.WorkFolder").filter(v -> !v.isEmpty()).map(Path::of);
    Path temp =
        variable("Agent.TempDirectory")
            .filter(v -> !v.isEmpty())
            .map(Path::of)
            .or(() -> work)
            .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
    return new AgentInfo(
        temp,
        work,
        variable("Agent.Version").filter(v -> !v.isEmpty()),
        variable("Agent.CloudId").orElse(""),
        variable("Agent.OS").filter(v -> !v.isEmpty()));
  }

  private SystemInfo loadSystem() {
    Optional<String> collection =
        nonEmpty("System.CollectionUri")
            .or(() -> nonEmpty("System.TeamFoundationCollectionUri"))
            .or(() -> nonEmpty("System.TeamFoundationServerUri"))
            .map(uri -> uri.endsWith("/") ? uri : uri + "/");
    return new SystemInfo(
        collection,
        nonEmpty("System.TeamProjectId"),
        nonEmpty("System.TeamProject"),
        nonEmpty("System.HostType"),
        nonEmpty("System.PlanId"),
        nonEmpty("System.JobId"),
        nonEmpty("System.OidcRequestUri"),
        variable("System.Debug").map(v -> v.trim().equalsIgnoreCase("true")).orElse(false),
        nonEmpty("System.Culture").orElse("en-US"),
        nonEmpty("System.DefaultWorkingDirectory").map(Path::of));
  }

  private Optional<String> nonEmpty(String variable) {
    return variable(variable).filter(v -> !v.isEmpty());
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
