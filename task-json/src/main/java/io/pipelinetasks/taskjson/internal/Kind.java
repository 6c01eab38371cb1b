package io.pipelinetasks.taskjson.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one member is read and written: a lenient reader that turns any JSON (or {@code null} for an
 * absent member) into a typed value, and a canonical writer that returns {@code null} to omit the
 * member. A member whose JSON differs from the canonical form of what was read is kept verbatim.
 */
record Kind<T>(Function<JsonNode, T> reader, Function<T, JsonNode> writer) {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  T read(JsonNode node) {
    return reader.apply(node);
  }

  JsonNode write(T value) {
    return writer.apply(value);
  }

  static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** Scalars read as their text; containers and null as nothing. */
  static Optional<String> scalarText(JsonNode node) {
    return absent(node) || node.isContainerNode() ? Optional.empty() : Optional.of(node.asText());
  }

  /** Text that is written only when not empty. */
  static final Kind<String> TEXT =
      new Kind<>(
          node -> scalarText(node).orElse(""),
          value -> value.isEmpty() ? null : TextNode.valueOf(value));

  static final Kind<Optional<String>> OPTIONAL_TEXT =
      new Kind<>(Kind::scalarText, value -> value.<JsonNode>map(TextNode::valueOf).orElse(null));

  /** A boolean; the strings {@code true} and {@code false} in any case read as booleans too. */
  static final Kind<Optional<Boolean>> OPTIONAL_BOOLEAN =
      new Kind<>(
          node -> {
            if (absent(node)) {
              return Optional.empty();
            }
            if (node.isBoolean()) {
              return Optional.of(node.booleanValue());
            }
            if (node.isTextual()) {
              String text = node.textValue().strip();
              if (text.equalsIgnoreCase("true")) {
                return Optional.of(true);
              }
              if (text.equalsIgnoreCase("false")) {
                return Optional.of(false);
              }
            }
            return Optional.empty();
          },
          value -> value.<JsonNode>map(BooleanNode::valueOf).orElse(null));

  private static int readInt(JsonNode node) {
    if (absent(node)) {
      return 0;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    if (node.isTextual()) {
      try {
        return Integer.parseInt(node.textValue().strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** A number that is always written. */
  static final Kind<Integer> INT = new Kind<>(Kind::readInt, IntNode::valueOf);

  /** A number that is written only when not zero. */
  static final Kind<Integer> INT_OR_ABSENT =
      new Kind<>(Kind::readInt, value -> value == 0 ? null : IntNode.valueOf(value));

  private static List<String> readTextList(JsonNode node) {
    List<String> list = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        scalarText(item).ifPresent(list::add);
      }
    }
    return List.copyOf(list);
  }

  private static ArrayNode writeTextList(List<String> list) {
    ArrayNode array = NODES.arrayNode();
    list.forEach(array::add);
    return array;
  }

  /** A list of scalars, written only when not empty. */
  static final Kind<List<String>> TEXT_LIST =
      new Kind<>(Kind::readTextList, list -> list.isEmpty() ? null : writeTextList(list));

  /** A list whose presence matters even when empty. */
  static final Kind<Optional<List<String>>> OPTIONAL_TEXT_LIST =
      new Kind<>(
          node ->
              node != null && node.isArray() ? Optional.of(readTextList(node)) : Optional.empty(),
          value -> value.<JsonNode>map(Kind::writeTextList).orElse(null));

  /** An object of scalars, in file order, written only when not empty. */
  static final Kind<Map<String, String>> TEXT_MAP =
      new Kind<>(
          node -> {
            Map<String, String> map = new LinkedHashMap<>();
            if (node != null && node.isObject()) {
              node.fields()
                  .forEachRemaining(
                      e -> scalarText(e.getValue()).ifPresent(t -> map.put(e.getKey(), t)));
            }
            return map;
          },
          map -> {
            if (map.isEmpty()) {
              return null;
            }
            ObjectNode object = NODES.objectNode();
            map.forEach(object::put);
            return object;
          });

  /** An object of any JSON, each value held as its JSON text, written only when not empty. */
  static final Kind<Map<String, String>> RAW_MAP =
      new Kind<>(
          node -> {
            Map<String, String> map = new LinkedHashMap<>();
            if (node != null && node.isObject()) {
              node.fields().forEachRemaining(e -> map.put(e.getKey(), Json.compact(e.getValue())));
            }
            return map;
          },
          map -> {
            if (map.isEmpty()) {
              return null;
            }
            ObjectNode object = NODES.objectNode();
            map.forEach((key, json) -> object.set(key, Json.tree(json)));
            return object;
          });

  /** A record read from an object; never omitted by itself. */
  static <R> Kind<R> record(Function<Members, R> read, Function<R, Out> write) {
    return new Kind<>(node -> read.apply(new Members(node)), value -> write.apply(value).node());
  }

  /** A list of records; items that are not objects are skipped (and the list kept verbatim). */
  static <R> Kind<List<R>> listOf(Kind<R> item) {
    return new Kind<>(
        node -> {
          List<R> list = new ArrayList<>();
          if (node != null && node.isArray()) {
            for (JsonNode element : node) {
              if (element.isObject()) {
                list.add(item.read(element));
              }
            }
          }
          return list;
        },
        list -> {
          if (list.isEmpty()) {
            return null;
          }
          ArrayNode array = NODES.arrayNode();
          list.forEach(value -> array.add(item.write(value)));
          return array;
        });
  }

  /** An object of records, in file order; values that are not objects are skipped. */
  static <R> Kind<Map<String, R>> mapOf(Kind<R> value) {
    return new Kind<>(
        node -> {
          Map<String, R> map = new LinkedHashMap<>();
          if (node != null && node.isObject()) {
            node.fields()
                .forEachRemaining(
                    e -> {
                      if (e.getValue().isObject()) {
                        map.put(e.getKey(), value.read(e.getValue()));
                      }
                    });
          }
          return map;
        },
        map -> {
          if (map.isEmpty()) {
            return null;
          }
          ObjectNode object = NODES.objectNode();
          map.forEach((key, item) -> object.set(key, value.write(item)));
          return object;
        });
  }

  /** A record that may be absent. */
  static <R> Kind<Optional<R>> optionalOf(Kind<R> value) {
    return new Kind<>(
        node -> node != null && node.isObject() ? Optional.of(value.read(node)) : Optional.empty(),
        optional -> optional.map(value::write).orElse(null));
  }
}
