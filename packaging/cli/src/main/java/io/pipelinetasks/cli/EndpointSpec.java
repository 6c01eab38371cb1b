package io.pipelinetasks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinetasks.task.AgentEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A service connection for a local run, as {@code ptask run --endpoint FILE} reads it:
 *
 * <pre>{@code
 * {
 *   "name": "my-arm",                              // what a connectedService input may say
 *   "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",  // optional; derived from the name otherwise
 *   "url": "https://management.azure.com/",
 *   "scheme": "ServicePrincipal",
 *   "authorization": {"serviceprincipalid": "...", "serviceprincipalkey": "...", "tenantid": "..."},
 *   "data": {"subscriptionId": "...", "environment": "AzureCloud"}
 * }
 * }</pre>
 *
 * @param id the endpoint id, a lower-case GUID
 * @param name the connection name
 * @param url the endpoint URL
 * @param scheme the authorization scheme
 * @param authorization the authorization parameters, in file order
 * @param data the data parameters, in file order
 */
record EndpointSpec(
    String id,
    String name,
    String url,
    String scheme,
    Map<String, String> authorization,
    Map<String, String> data) {
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  EndpointSpec {
    Objects.requireNonNull(id, "id");
    authorization = new LinkedHashMap<>(authorization);
    data = new LinkedHashMap<>(data);
  }

  static boolean isGuid(String value) {
    return GUID.matcher(value).matches();
  }

  /**
   * The authorization values that are secrets, by the SDK's rule (the agent's list of non-secret
   * keys, plus the client id and the federated issuer and subject, which are public identifiers).
   */
  Iterable<String> secretValues() {
    return authorization.entrySet().stream()
        .filter(e -> AgentEnvironment.isSecretAuthParameter(e.getKey()))
        .map(Map.Entry::getValue)
        .toList();
  }

  static EndpointSpec read(Path file) {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UsageException(
          file
              + ": not a readable JSON endpoint file ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
    return parse(json, file.toString());
  }

  static EndpointSpec parse(JsonNode json, String source) {
    if (json == null || !json.isObject()) {
      throw new UsageException(source + ": an endpoint is a JSON object; see `ptask run --help`");
    }
    String name = text(json, "name", source, true);
    String id = text(json, "id", source, false);
    if (id.isEmpty()) {
      id =
          UUID.nameUUIDFromBytes(("ptask-endpoint:" + name).getBytes(StandardCharsets.UTF_8))
              .toString();
    } else if (!isGuid(id)) {
      throw new UsageException(source + ": \"id\" must be a GUID, not \"" + id + "\"");
    }
    String url = text(json, "url", source, true);
    String scheme = text(json, "scheme", source, true);
    return new EndpointSpec(
        id.toLowerCase(Locale.ROOT),
        name,
        url,
        scheme,
        strings(json.get("authorization"), source + ": \"authorization\""),
        strings(json.get("data"), source + ": \"data\""));
  }

  private static String text(JsonNode json, String key, String source, boolean required) {
    JsonNode value = json.get(key);
    if (value == null || value.isNull()) {
      if (required) {
        throw new UsageException(source + ": \"" + key + "\" is required");
      }
      return "";
    }
    if (!value.isTextual()) {
      throw new UsageException(source + ": \"" + key + "\" must be a string");
    }
    return value.asText();
  }

  static Map<String, String> strings(JsonNode node, String what) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isObject()) {
      throw new UsageException(what + " must be an object of strings");
    }
    node.fields()
        .forEachRemaining(
            field -> {
              JsonNode value = field.getValue();
              if (value.isContainerNode()) {
                throw new UsageException(what + ": \"" + field.getKey() + "\" must be a string");
              }
              values.put(field.getKey(), value.asText());
            });
    return values;
  }
}
