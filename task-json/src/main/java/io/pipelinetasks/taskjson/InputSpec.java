package io.pipelinetasks.taskjson;

import java.util.List;
import java.util.Objects;

/**
 * What {@link InputBinder} needs to know about one input. Generated input records embed these as
 * constants, so binding never reads task.json at run time; {@link TaskDefinition#inputSpecs()}
 * makes them from a manifest.
 *
 * @param name the input name
 * @param type the task.json type, such as {@code pickList} or {@code connectedService:AzureRM}
 * @param aliases other names, tried in order when no value is given under {@code name}
 * @param defaultValue the default; empty means none
 * @param required whether a value is needed while the input is visible
 * @param visibleRule the input's {@code visibleRule}; empty means always visible
 * @param groupVisibleRule the {@code visibleRule} of the input's group; empty means none
 * @param options the option keys of a {@code pickList} or {@code radio}, in order
 * @param editableOptions whether values outside the options are allowed
 * @param multiSelect whether several options may be chosen, as one comma-separated value
 */
public record InputSpec(
    String name,
    String type,
    List<String> aliases,
    String defaultValue,
    boolean required,
    String visibleRule,
    String groupVisibleRule,
    List<String> options,
    boolean editableOptions,
    boolean multiSelect) {
  /** Checks the name, copies the lists and replaces nulls by empty values. */
  public InputSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("input name is blank");
    }
    type = Copies.text(type);
    aliases = Copies.list(aliases);
    defaultValue = Copies.text(defaultValue);
    visibleRule = Copies.text(visibleRule);
    groupVisibleRule = Copies.text(groupVisibleRule);
    options = Copies.list(options);
  }

  /** A spec with only a name and a type, not required, without default, rule or options. */
  public static InputSpec of(String name, String type) {
    return new InputSpec(name, type, List.of(), "", false, "", "", List.of(), false, false);
  }

  /** What the value is converted to. */
  public InputKind kind() {
    boolean hasOptions = false;
    for (String option : options) { // a loop, not a stream: binding runs at task start-up
      hasOptions |= !option.isEmpty();
    }
    return InputKind.of(type, hasOptions, editableOptions, multiSelect);
  }

  /**
   * Whether binding always yields a value (or fails): a boolean, an input with a non-empty default,
   * or a required input that no visibleRule can hide. Generated records use a plain type for these
   * inputs and an {@code Optional} for the others.
   */
  public boolean alwaysHasValue() {
    return kind() == InputKind.BOOLEAN
        || !defaultValue.isBlank()
        || (required && visibleRule.isBlank() && groupVisibleRule.isBlank());
  }
}
