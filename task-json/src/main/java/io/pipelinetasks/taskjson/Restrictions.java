package io.pipelinetasks.taskjson;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code restrictions} of a task: which logging commands it may use and which variables it may
 * set. The agent enforces them.
 *
 * @param commands the {@code commands} object
 * @param settableVariables the {@code settableVariables} object
 * @param extra members kept verbatim so writing reproduces the file (see {@link TaskDefinition})
 */
public record Restrictions(
    Optional<Commands> commands,
    Optional<SettableVariables> settableVariables,
    Map<String, String> extra) {
  /** Replaces nulls by empty values. */
  public Restrictions {
    commands = Copies.optional(commands);
    settableVariables = Copies.optional(settableVariables);
    extra = Copies.map(extra);
  }

  /**
   * The {@code commands} restriction.
   *
   * @param mode {@code any} or {@code restricted}
   * @param extra members kept verbatim so writing reproduces the file
   */
  public record Commands(Optional<String> mode, Map<String, String> extra) {
    /** Replaces nulls by empty values. */
    public Commands {
      mode = Copies.optional(mode);
      extra = Copies.map(extra);
    }
  }

  /**
   * The {@code settableVariables} restriction.
   *
   * @param allowed glob patterns of the variables the task may set; present and empty means none,
   *     absent means no restriction
   * @param extra members kept verbatim so writing reproduces the file
   */
  public record SettableVariables(Optional<List<String>> allowed, Map<String, String> extra) {
    /** Copies the list and replaces nulls by empty values. */
    public SettableVariables {
      allowed = Copies.optional(allowed).map(List::copyOf);
      extra = Copies.map(extra);
    }
  }
}
