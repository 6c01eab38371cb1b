package io.pipelinetasks.taskjson.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes one JSON object: known members in canonical order, each verbatim when the record kept its
 * original form and the typed value is unchanged, then the remaining extra members.
 */
final class Out {
  private final ObjectNode node = JsonNodeFactory.instance.objectNode();
  private final Map<String, String> extra;
  private final Set<String> written = new HashSet<>();

  Out(Map<String, String> extra) {
    this.extra = extra;
  }

  <T> Out put(String key, Kind<T> kind, T value) {
    written.add(key);
    String original = extra.get(key);
    if (original != null) {
      JsonNode originalNode = Json.tree(original);
      if (Objects.equals(kind.read(originalNode), value)) {
        node.set(key, originalNode);
        return this;
      }
    }
    JsonNode canonical = kind.write(value);
    if (canonical != null) {
      node.set(key, canonical);
    }
    return this;
  }

  /** The object, with the extra members not written yet appended in their original order. */
  ObjectNode node() {
    extra.forEach(
        (key, json) -> {
          if (!written.contains(key)) {
            node.set(key, Json.tree(json));
          }
        });
    return node;
  }
}
