package io.pipelinetasks.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One request the emulator received, with every secret already replaced by {@value #REDACTED}: only
 * allow-listed headers, query parameters and form fields keep their values, {@code Authorization}
 * keeps its scheme only, and response bodies are never recorded.
 *
 * @param sequence the position of the request, counting from 1
 * @param time when the request arrived
 * @param method the HTTP method
 * @param host the host name from the {@code Host} header, lower case, without port
 * @param path the decoded path
 * @param query the query parameters, in order
 * @param headers the request headers, names lower case
 * @param form the fields of an {@code application/x-www-form-urlencoded} body, in order
 * @param status the response status, or {@code -1} when the connection was dropped
 */
public record JournalEntry(
    long sequence,
    Instant time,
    String method,
    String host,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    Map<String, String> form,
    int status) {

  /** What every redacted value is replaced with. */
  public static final String REDACTED = "***";

  /** Checks and copies the fields. */
  public JournalEntry {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
  }

  /** The first value of a query parameter, or {@code null}. */
  public String queryValue(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A header value (name case-insensitive), or {@code null}. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Whether the method matches (case-insensitive) and {@code pathRegex} is found in the path. */
  public boolean matches(String httpMethod, String pathRegex) {
    return method.equalsIgnoreCase(httpMethod) && Pattern.compile(pathRegex).matcher(path).find();
  }

  @Override
  public String toString() {
    return sequence + " " + method + " " + host + path + " -> " + status;
  }
}
