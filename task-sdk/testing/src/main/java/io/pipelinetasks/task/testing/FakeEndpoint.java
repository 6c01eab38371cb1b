package io.pipelinetasks.task.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service connection for {@link TaskTestKit}: what the agent would pass for it.
 *
 * @param id the endpoint id
 * @param scheme the authorization scheme
 * @param url the endpoint URL
 * @param authParameters authorization parameters, in the server's casing
 * @param data data parameters
 */
public record FakeEndpoint(
    String id,
    String scheme,
    Optional<String> url,
    Map<String, String> authParameters,
    Map<String, String> data) {

  /** Copies the maps. */
  public FakeEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(url, "url");
    authParameters = Map.copyOf(authParameters);
    data = Map.copyOf(data);
  }

  /**
   * Starts a connection.
   *
   * @param id the endpoint id
   * @param scheme the authorization scheme, such as {@code ServicePrincipal}
   */
  public static Builder builder(String id, String scheme) {
    return new Builder(id, scheme);
  }

  /** Builds a {@link FakeEndpoint}. */
  public static final class Builder {
    private final String id;
    private final String scheme;
    private String url;
    private final Map<String, String> auth = new LinkedHashMap<>();
    private final Map<String, String> data = new LinkedHashMap<>();

    private Builder(String id, String scheme) {
      this.id = id;
      this.scheme = scheme;
    }

    /**
     * Sets the URL.
     *
     * @param url the endpoint URL
     */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /**
     * Adds an authorization parameter.
     *
     * @param key the key, in the server's casing (such as {@code serviceprincipalid})
     * @param value the value
     */
    public Builder authParameter(String key, String value) {
      auth.put(key, value);
      return this;
    }

    /**
     * Adds a data parameter.
     *
     * @param key the key (such as {@code subscriptionId})
     * @param value the value
     */
    public Builder data(String key, String value) {
      data.put(key, value);
      return this;
    }

    /** The connection. */
    public FakeEndpoint build() {
      return new FakeEndpoint(id, scheme, Optional.ofNullable(url), auth, data);
    }
  }
}
