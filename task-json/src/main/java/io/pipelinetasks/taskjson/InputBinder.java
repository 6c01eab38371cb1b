package io.pipelinetasks.taskjson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns raw input values into typed ones, following task.json: defaults, required inputs,
 * visibleRules and types. Generated input records call it with their embedded specs; it never reads
 * task.json and does not use Jackson, so it costs little at task start-up.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>The raw value is looked up by name, then by each alias, and trimmed like the Node library's
 *       {@code getInput}. Absent or empty means "not set", and the default applies.
 *   <li>An input is visible when its visibleRule and its group's visibleRule hold, evaluated
 *       against the other inputs' effective values (booleans as {@code true}/{@code false}). A rule
 *       that does not parse counts as visible.
 *   <li>A required input that is visible and not set fails with {@code InputRequired}; a hidden one
 *       is simply not set.
 *   <li>Values are converted by {@link InputKind}: booleans with {@link InputValues#toBoolean}
 *       (unexpected values warn through {@link InputSource#warning}), integers with {@link
 *       InputValues#toInteger}, fixed options with {@link InputValues#toOption}, file paths, secure
 *       files and endpoints; every other type stays text. Hidden inputs are converted too: the
 *       agent passes their values, and a task may read them.
 * </ul>
 *
 * Every failing input is reported: the first failure is thrown and the others are attached to it as
 * suppressed exceptions. No message contains an input value.
 */
public final class InputBinder {
  private InputBinder() {}

  /**
   * Binds every input of {@code specs}.
   *
   * @throws InputException for the first input that is missing or invalid, the others suppressed
   */
  public static BoundInputs bind(List<InputSpec> specs, InputSource source) {
    Map<String, String> effective = new HashMap<>();
    Map<String, InputSpec> byName = new LinkedHashMap<>();
    for (InputSpec spec : specs) {
      if (byName.putIfAbsent(BoundInputs.key(spec.name()), spec) != null) {
        throw new IllegalArgumentException("input '" + spec.name() + "' is declared twice");
      }
      effective.put(BoundInputs.key(spec.name()), effectiveText(spec, source));
    }
    // Rules compare what the UI would show: a boolean without a value is an unticked box.
    Map<String, String> ruleValues = new HashMap<>(effective);
    for (InputSpec spec : specs) {
      if (spec.kind() == InputKind.BOOLEAN) {
        String key = BoundInputs.key(spec.name());
        ruleValues.put(key, String.valueOf(InputValues.isTrue(effective.get(key))));
      }
    }

    Map<String, BoundInputs.Bound> bound = new LinkedHashMap<>();
    List<InputException> failures = new ArrayList<>();
    for (InputSpec spec : specs) {
      String key = BoundInputs.key(spec.name());
      String text = effective.get(key);
      boolean visible =
          isVisible(spec.visibleRule(), ruleValues, spec, source)
              && isVisible(spec.groupVisibleRule(), ruleValues, spec, source);
      Object value = null;
      try {
        if (text.isEmpty() && spec.required() && visible) {
          throw required(spec);
        }
        value = convert(spec, text, source);
      } catch (InputException e) {
        failures.add(e);
      }
      bound.put(key, new BoundInputs.Bound(spec, text, value, visible));
    }
    if (!failures.isEmpty()) {
      InputException first = failures.get(0);
      for (InputException other : failures.subList(1, failures.size())) {
        first.addSuppressed(other);
      }
      throw first;
    }
    return new BoundInputs(bound);
  }

  private static String effectiveText(InputSpec spec, InputSource source) {
    Optional<String> raw = source.raw(spec.name());
    for (int i = 0; (raw.isEmpty() || raw.get().isBlank()) && i < spec.aliases().size(); i++) {
      raw = source.raw(spec.aliases().get(i));
    }
    String text = raw.isPresent() ? raw.get().strip() : "";
    return text.isEmpty() ? spec.defaultValue().strip() : text;
  }

  private static boolean isVisible(
      String rule, Map<String, String> values, InputSpec spec, InputSource source) {
    if (rule.isBlank()) {
      return true;
    }
    try {
      return VisibleRule.parse(rule).isVisible(new RuleValues(values));
    } catch (VisibleRuleException e) {
      source.warning(
          "The visibleRule of input '"
              + spec.name()
              + "' does not parse, so the input is treated as visible: "
              + e.getMessage());
      return true;
    }
  }

  private static Object convert(InputSpec spec, String text, InputSource source) {
    String name = spec.name();
    InputKind kind = spec.kind();
    if (kind == InputKind.BOOLEAN) {
      return InputValues.toBoolean(name, text, new Warnings(source));
    }
    if (kind == InputKind.CONNECTED_SERVICE) {
      return InputValues.toEndpoints(text);
    }
    if (text.isEmpty()) {
      return null;
    }
    return switch (kind) {
      case STRING -> text;
      case INTEGER -> InputValues.toInteger(name, text);
      case OPTION -> InputValues.toOption(name, text, spec.options());
      case FILE_PATH -> InputValues.toPath(name, text);
      case SECURE_FILE -> new SecureFileRef(text);
      case BOOLEAN, CONNECTED_SERVICE -> throw new AssertionError(kind);
    };
  }

  // Binding runs at every task's start-up, so it uses these small classes instead of lambdas and
  // method references, each of which would spin a class at run time (bench/startup/README.md).

  /** The values a visibleRule compares, by input name in any case. */
  private static final class RuleValues implements Function<String, String> {
    private final Map<String, String> values;

    RuleValues(Map<String, String> values) {
      this.values = values;
    }

    @Override
    public String apply(String name) {
      return values.get(BoundInputs.key(name));
    }
  }

  /** Passes conversion warnings on to the input source. */
  private static final class Warnings implements Consumer<String> {
    private final InputSource source;

    Warnings(InputSource source) {
      this.source = source;
    }

    @Override
    public void accept(String warning) {
      source.warning(warning);
    }
  }

  private static InputException required(InputSpec spec) {
    String rules =
        String.join(
            " && ",
            java.util.stream.Stream.of(spec.visibleRule(), spec.groupVisibleRule())
                .filter(r -> !r.isBlank())
                .map(r -> "(" + r + ")")
                .toList());
    String because =
        rules.isEmpty() ? "" : " It is required because its visibleRule holds: " + rules + ".";
    return new InputException(
        "InputRequired",
        spec.name(),
        "Input required: " + spec.name(),
        "Set input '"
            + spec.name()
            + "' in the step's inputs (YAML 'inputs:' or the classic editor)."
            + because);
  }
}
