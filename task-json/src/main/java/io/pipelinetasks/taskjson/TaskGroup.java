package io.pipelinetasks.taskjson;

import java.util.Map;
import java.util.Optional;

/**
 * An entry of {@code groups}: a collapsible section of inputs in the classic editor. Inputs join it
 * through their {@code groupName}; its {@code visibleRule} hides every input in it.
 *
 * @param name the name inputs refer to
 * @param displayName the section title
 * @param isExpanded whether the section starts expanded
 * @param visibleRule the rule that hides the whole section, in the {@link VisibleRule} grammar
 * @param extra members kept verbatim so writing reproduces the file (see {@link TaskDefinition})
 */
public record TaskGroup(
    String name,
    String displayName,
    Optional<Boolean> isExpanded,
    Optional<String> visibleRule,
    Map<String, String> extra) {
  /** Copies the collections and replaces nulls by empty values. */
  public TaskGroup {
    name = Copies.text(name);
    displayName = Copies.text(displayName);
    isExpanded = Copies.optional(isExpanded);
    visibleRule = Copies.optional(visibleRule);
    extra = Copies.map(extra);
  }
}
