package io.pipelinetasks.taskjson;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The converted inputs of one task run, made by {@link InputBinder}. Each accessor takes the input
 * name (in any case) and must match the input's {@link InputKind}; asking for an undeclared input
 * or the wrong kind is a programming error ({@link IllegalArgumentException}).
 *
 * <p>An input without a value (absent, empty after trimming, no default) reads as empty. {@link
 * #toString()} lists input names only, since values may be secret.
 */
public final class BoundInputs {
  record Bound(InputSpec spec, String text, Object value, boolean visible) {}

  private final Map<String, Bound> inputs;

  BoundInputs(Map<String, Bound> inputs) {
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The declared input names, in declaration order. */
  public List<String> names() {
    return inputs.values().stream().map(b -> b.spec().name()).toList();
  }

  /** Whether the input's visibleRule (and its group's) holds for this run's values. */
  public boolean isVisible(String name) {
    return bound(name).visible();
  }

  /**
   * The effective text of any input: the value given, trimmed, or else the default; empty when that
   * is empty.
   */
  public Optional<String> text(String name) {
    String text = bound(name).text();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** A {@link InputKind#BOOLEAN} input; false when it has no value. */
  public boolean bool(String name) {
    return (Boolean) value(name, InputKind.BOOLEAN);
  }

  /** An {@link InputKind#INTEGER} input. */
  public OptionalInt integer(String name) {
    Integer value = (Integer) value(name, InputKind.INTEGER);
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  /** An {@link InputKind#OPTION} input: the option key as task.json writes it. */
  public Optional<String> option(String name) {
    return Optional.ofNullable((String) value(name, InputKind.OPTION));
  }

  /** A {@link InputKind#FILE_PATH} input. */
  public Optional<Path> path(String name) {
    return Optional.ofNullable((Path) value(name, InputKind.FILE_PATH));
  }

  /** A {@link InputKind#SECURE_FILE} input. */
  public Optional<SecureFileRef> secureFile(String name) {
    return Optional.ofNullable((SecureFileRef) value(name, InputKind.SECURE_FILE));
  }

  /**
   * A {@link InputKind#CONNECTED_SERVICE} input: the first endpoint when the value lists several
   * comma-separated ids (see {@link #endpoints(String)}).
   */
  public Optional<EndpointRef> endpoint(String name) {
    List<EndpointRef> endpoints = endpoints(name);
    return endpoints.isEmpty() ? Optional.empty() : Optional.of(endpoints.get(0));
  }

  /** A {@link InputKind#CONNECTED_SERVICE} input: every endpoint id the value lists, in order. */
  @SuppressWarnings("unchecked")
  public List<EndpointRef> endpoints(String name) {
    return (List<EndpointRef>) value(name, InputKind.CONNECTED_SERVICE);
  }

  private Object value(String name, InputKind kind) {
    Bound bound = bound(name);
    if (bound.spec().kind() != kind) {
      throw new IllegalArgumentException(
          "input '"
              + bound.spec().name()
              + "' is of kind "
              + bound.spec().kind()
              + ", not "
              + kind);
    }
    return bound.value();
  }

  private Bound bound(String name) {
    Bound bound = inputs.get(key(name));
    if (bound == null) {
      throw new IllegalArgumentException("no input named '" + name + "' is declared");
    }
    return bound;
  }

  /** The input names, never their values. */
  @Override
  public String toString() {
    return "BoundInputs" + names();
  }
}
