package io.pipelinetasks.taskjson.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the members of one JSON object into typed values and collects what must be kept verbatim:
 * unknown members, and known members whose JSON is not the canonical form of the value read.
 */
final class Members {
  private final JsonNode object;
  private final Set<String> known = new HashSet<>();
  private final Set<String> verbatim = new HashSet<>();

  Members(JsonNode node) {
    this.object = node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
  }

  <T> T get(String key, Kind<T> kind) {
    known.add(key);
    JsonNode node = object.get(key);
    T value = kind.read(node);
    if (node != null && !Objects.equals(node, kind.write(value))) {
      verbatim.add(key);
    }
    return value;
  }

  /** Unknown and verbatim members as JSON text, in file order. */
  Map<String, String> extra() {
    Map<String, String> extra = new LinkedHashMap<>();
    object
        .fields()
        .forEachRemaining(
            e -> {
              if (!known.contains(e.getKey()) || verbatim.contains(e.getKey())) {
                extra.put(e.getKey(), Json.compact(e.getValue()));
              }
            });
    return extra;
  }
}
