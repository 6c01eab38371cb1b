package io.pipelinetasks.task;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A service connection as the agent hands it to the task: its URL, authorization scheme and
 * parameters, and data parameters. Parameter keys are matched ignoring case, because the agent
 * upper-cases them in the environment while the JSON forms keep the server's casing.
 *
 * <p>Every authorization parameter is a {@link Secret}, including the ones the agent does not mask
 * (such as {@code tenantid}); read them with {@link #authParameter(String)} and reveal only what
 * must leave the process.
 *
 * @param id the endpoint id as the agent names it: a lower-case GUID, or {@code
 *     SYSTEMVSSCONNECTION}
 * @param url the endpoint URL, when the agent passed one
 * @param scheme the authorization scheme, such as {@code ServicePrincipal}, when passed
 * @param authParameters the authorization parameters, keys compared ignoring case
 * @param data the data parameters, keys compared ignoring case
 */
public record Endpoint(
    String id,
    Optional<String> url,
    Optional<String> scheme,
    Map<String, Secret> authParameters,
    Map<String, String> data) {

  /** Copies the maps into case-insensitive, unmodifiable ones. */
  public Endpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(scheme, "scheme");
    authParameters = caseInsensitiveCopy(authParameters);
    data = caseInsensitiveCopy(data);
  }

  /**
   * An authorization parameter.
   *
   * @param key the parameter name, in any case
   */
  public Optional<Secret> authParameter(String key) {
    return Optional.ofNullable(authParameters.get(key));
  }

  /**
   * An authorization parameter that must be present and non-empty.
   *
   * @param key the parameter name, in any case
   * @throws EndpointException naming the endpoint and the parameter
   */
  public Secret requireAuthParameter(String key) {
    Secret value = authParameters.get(key);
    if (value == null || value.isEmpty()) {
      throw new EndpointException(
          "EndpointAuthParameterMissing",
          id,
          "Service connection "
              + id
              + " has no authorization parameter '"
              + key
              + "'. Edit the service connection and fill in that field, or check that the task"
              + " input points at the right connection.");
    }
    return value;
  }

  /**
   * A data parameter.
   *
   * @param key the parameter name, in any case
   */
  public Optional<String> dataParameter(String key) {
    String value = data.get(key);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The URL, which must be present.
   *
   * @throws EndpointException naming the endpoint
   */
  public String requireUrl() {
    if (url.isEmpty() || url.get().isEmpty()) {
      throw new EndpointException(
          "EndpointUrlMissing",
          id,
          "Service connection "
              + id
              + " has no URL (ENDPOINT_URL_"
              + id
              + "). Check that the task input names an existing service connection.");
    }
    return url.get();
  }

  @Override
  public String toString() {
    return "Endpoint[id="
        + id
        + ", url="
        + url.orElse("")
        + ", scheme="
        + scheme.orElse("")
        + ", authParameters="
        + authParameters.keySet()
        + ", data="
        + data
        + "]";
  }

  private static <V> Map<String, V> caseInsensitiveCopy(Map<String, V> source) {
    Objects.requireNonNull(source, "map");
    TreeMap<String, V> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, V> entry : source.entrySet()) {
      copy.put(Objects.requireNonNull(entry.getKey()), Objects.requireNonNull(entry.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }
}
