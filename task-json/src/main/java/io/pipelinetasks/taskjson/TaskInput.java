package io.pipelinetasks.taskjson;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An entry of {@code inputs}. The agent passes its value to the task as {@code INPUT_<NAME>}, the
 * name upper-cased, which is why names must be unique regardless of case.
 *
 * @param name the input name, used in YAML and in the environment
 * @param label the label in the classic editor
 * @param type {@code string}, {@code boolean}, {@code pickList}, {@code radio}, {@code filePath},
 *     {@code multiLine}, {@code secureFile}, {@code int}, {@code
 *     connectedService:<kind>[:<schemes>]} or another type the UI knows
 * @param aliases other names accepted in YAML; the agent maps them to {@code name}
 * @param defaultValue the value used when the input is not set; a boolean or number in the file
 *     reads as its text
 * @param required whether a value is needed; a {@code "true"} string in the file reads as true
 * @param helpMarkDown the tooltip
 * @param groupName the {@link TaskGroup} the input belongs to
 * @param visibleRule when the input is shown, in the {@link VisibleRule} grammar
 * @param properties UI hints such as {@code EditableOptions}, {@code MultiSelectFlatList}, {@code
 *     rows}; non-string values read as their text
 * @param options for {@code pickList} and {@code radio}: option key to label, in file order
 * @param validation the server-side validation expression
 * @param extra members kept verbatim so writing reproduces the file (see {@link TaskDefinition})
 */
public record TaskInput(
    String name,
    String label,
    String type,
    List<String> aliases,
    Optional<String> defaultValue,
    Optional<Boolean> required,
    Optional<String> helpMarkDown,
    Optional<String> groupName,
    Optional<String> visibleRule,
    Map<String, String> properties,
    Map<String, String> options,
    Optional<InputValidation> validation,
    Map<String, String> extra) {
  /** Copies the collections and replaces nulls by empty values. */
  public TaskInput {
    name = Copies.text(name);
    label = Copies.text(label);
    type = Copies.text(type);
    aliases = Copies.list(aliases);
    defaultValue = Copies.optional(defaultValue);
    required = Copies.optional(required);
    helpMarkDown = Copies.optional(helpMarkDown);
    groupName = Copies.optional(groupName);
    visibleRule = Copies.optional(visibleRule);
    properties = Copies.map(properties);
    options = Copies.map(options);
    validation = Copies.optional(validation);
    extra = Copies.map(extra);
  }

  /** Whether the input is required; absent means not required. */
  public boolean isRequired() {
    return required.orElse(false);
  }

  /**
   * Whether a pick list accepts values outside its options ({@code properties.EditableOptions} is
   * {@code True} in any case).
   */
  public boolean isEditableOptions() {
    return isTrue("EditableOptions");
  }

  /**
   * Whether a pick list accepts several options, passed as one comma-separated value ({@code
   * MultiSelect} or {@code MultiSelectFlatList} is {@code True}).
   */
  public boolean isMultiSelect() {
    return isTrue("MultiSelect") || isTrue("MultiSelectFlatList");
  }

  private boolean isTrue(String property) {
    return properties.entrySet().stream()
        .anyMatch(
            e -> e.getKey().equalsIgnoreCase(property) && e.getValue().equalsIgnoreCase("true"));
  }
}
