package io.pipelinetasks.taskjson;

import java.util.Map;
import java.util.Optional;

/**
 * An entry of {@code outputVariables}. The agent treats a plain {@code task.setvariable} of a
 * declared name as an output variable, so later steps can read {@code $(step.name)}.
 *
 * @param name the variable name
 * @param description what the variable holds
 * @param extra members kept verbatim so writing reproduces the file (see {@link TaskDefinition})
 */
public record OutputVariable(String name, Optional<String> description, Map<String, String> extra) {
  /** Copies the collections and replaces nulls by empty values. */
  public OutputVariable {
    name = Copies.text(name);
    description = Copies.optional(description);
    extra = Copies.map(extra);
  }
}
