package io.pipelinetasks.taskjson;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An entry of an extension's {@code contributions}. A task contribution has type {@code
 * ms.vss-distributed-task.task}, targets {@code ms.vss-distributed-task.tasks} and names its task
 * folder in {@code properties.name}.
 *
 * @param id the id, unique within the extension
 * @param type the contribution type
 * @param description the description
 * @param targets the contribution points it targets
 * @param properties property name to its JSON text, since properties may hold any JSON
 * @param extra members kept verbatim so writing reproduces the file
 */
public record ExtensionContribution(
    String id,
    String type,
    Optional<String> description,
    List<String> targets,
    Map<String, String> properties,
    Map<String, String> extra) {
  /** The contribution type of a pipeline task. */
  public static final String TASK_TYPE = "ms.vss-distributed-task.task";

  /** Copies the collections and replaces nulls by empty values. */
  public ExtensionContribution {
    id = Copies.text(id);
    type = Copies.text(type);
    description = Copies.optional(description);
    targets = Copies.list(targets);
    properties = Copies.map(properties);
    extra = Copies.map(extra);
  }

  /**
   * A property whose JSON value is a string, unquoted; empty when absent or not a string. For a
   * task contribution, {@code stringProperty("name")} is the task folder.
   */
  public Optional<String> stringProperty(String key) {
    String json = properties.get(key);
    if (json == null) {
      return Optional.empty();
    }
    return JsonStrings.unquote(json);
  }
}
