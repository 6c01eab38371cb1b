package io.pipelinetasks.taskjson;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Defensive copies for the compact constructors of the model records. */
final class Copies {
  private Copies() {}

  /** An unmodifiable copy; {@code null} becomes the empty list. */
  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * An unmodifiable copy that keeps the iteration order, which {@link Map#copyOf} does not: option
   * order is what the UI shows, and extra members are written back in the order they were read.
   */
  static <V> Map<String, V> map(Map<String, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<String, V> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value)));
    return Collections.unmodifiableMap(copy);
  }

  /** Null-safe optional: {@code null} becomes {@link Optional#empty()}. */
  static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  /** Null-safe text: {@code null} becomes the empty string. */
  static String text(String value) {
    return value == null ? "" : value;
  }
}
