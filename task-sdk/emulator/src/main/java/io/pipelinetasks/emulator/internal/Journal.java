package io.pipelinetasks.emulator.internal;

import io.pipelinetasks.emulator.JournalEntry;
import io.pipelinetasks.emulator.RequestJournal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request journal. Redaction is by allow-list: a header, query parameter or form field keeps
 * its value only when its name is known to carry nothing secret, so a field nobody thought of is
 * redacted rather than leaked.
 */
public final class Journal implements RequestJournal {
  private static final String REDACTED = JournalEntry.REDACTED;

  private static final Set<String> CLEAR_HEADERS =
      Set.of(
          "accept",
          "accept-encoding",
          "accept-language",
          "cache-control",
          "client-request-id",
          "connection",
          "content-length",
          "content-type",
          "host",
          "if-match",
          "metadata",
          "referer",
          "return-client-request-id",
          "scm-deployment-id",
          "transfer-encoding",
          "user-agent",
          "x-client-cpu",
          "x-client-current-telemetry",
          "x-client-last-telemetry",
          "x-client-os",
          "x-client-sku",
          "x-client-ver",
          "x-ms-client-request-id",
          "x-ms-correlation-request-id",
          "x-ms-lib-capability",
          "x-ms-return-client-request-id",
          "x-ms-useragent",
          "x-tfs-fedauthredirect",
          "x-vss-forcemsapassthrough");

  private static final Set<String> CLEAR_PARAMETERS =
      Set.of(
          "$expand",
          "$filter",
          "$skiptoken",
          "$top",
          "api-version",
          "async",
          "authorization_endpoint",
          "claims",
          "clean",
          "client-request-id",
          "client_assertion_type",
          "client_id",
          "client_info",
          "deployer",
          "grant_type",
          "ignorestack",
          "isasync",
          "maxresults",
          "message",
          "mi_res_id",
          "msi_res_id",
          "name",
          "object_id",
          "path",
          "principal_id",
          "remotebuild",
          "resource",
          "restart",
          "scope",
          "serviceconnectionid",
          "time",
          "trackdeploymentprogress",
          "type",
          "warmup",
          "x-client-cpu",
          "x-client-current-telemetry",
          "x-client-last-telemetry",
          "x-client-os",
          "x-client-sku",
          "x-client-ver",
          "x-ms-lib-capability");

  private final List<JournalEntry> entries = new ArrayList<>();

  void record(Req req, int status) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    req.query.forEach(
        (name, values) ->
            query.put(
                name,
                clearParameter(name)
                    ? List.copyOf(values)
                    : values.stream().map(v -> REDACTED).toList()));
    Map<String, String> headers = new LinkedHashMap<>();
    req.exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String key = name.toLowerCase(Locale.ROOT);
              headers.put(key, redactHeader(key, String.join(", ", values)));
            });
    Map<String, String> form = new LinkedHashMap<>();
    try {
      req.form().forEach((name, value) -> form.put(name, clearParameter(name) ? value : REDACTED));
    } catch (IOException | RuntimeException e) {
      // The body could not be read as a form; the entry simply has no fields.
    }
    JournalEntry entry =
        new JournalEntry(
            req.sequence, req.time, req.method, req.host, req.path, query, headers, form, status);
    synchronized (entries) {
      entries.add(entry);
    }
  }

  private static boolean clearParameter(String name) {
    return CLEAR_PARAMETERS.contains(name.toLowerCase(Locale.ROOT));
  }

  private static String redactHeader(String name, String value) {
    if (name.equals("authorization") || name.equals("proxy-authorization")) {
      int space = value.indexOf(' ');
      return space < 0 ? REDACTED : value.substring(0, space) + " " + REDACTED;
    }
    return CLEAR_HEADERS.contains(name) ? value : REDACTED;
  }

  @Override
  public List<JournalEntry> entries() {
    List<JournalEntry> copy;
    synchronized (entries) {
      copy = new ArrayList<>(entries);
    }
    // Entries are recorded when the response is sent; order them by arrival.
    copy.sort(Comparator.comparingLong(JournalEntry::sequence));
    return List.copyOf(copy);
  }

  @Override
  public List<JournalEntry> find(String method, String pathRegex) {
    return entries().stream().filter(e -> e.matches(method, pathRegex)).toList();
  }

  @Override
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
