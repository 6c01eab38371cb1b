package io.pipelinetasks.taskjson;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One handler of an {@code execution}, {@code prejobexecution} or {@code postjobexecution} block,
 * such as the value of {@code Node20_1}. Server handlers ({@code HttpRequest}, {@code ServiceBus},
 * ...) have no target; their settings stay in {@link #extra()}.
 *
 * @param target the file to run, relative to the task folder; empty for server handlers
 * @param platforms the platforms the handler prefers, only {@code windows} in practice
 * @param argumentFormat arguments for the process, ignored by Node handlers
 * @param workingDirectory the working directory of the process
 * @param extra members kept verbatim so writing reproduces the file (see {@link TaskDefinition})
 */
public record ExecutionHandler(
    String target,
    List<String> platforms,
    Optional<String> argumentFormat,
    Optional<String> workingDirectory,
    Map<String, String> extra) {
  /** Copies the collections and replaces nulls by empty values. */
  public ExecutionHandler {
    target = Copies.text(target);
    platforms = Copies.list(platforms);
    argumentFormat = Copies.optional(argumentFormat);
    workingDirectory = Copies.optional(workingDirectory);
    extra = Copies.map(extra);
  }

  /** A handler that runs {@code target}, as a Java task's launcher needs. */
  public static ExecutionHandler of(String target) {
    return new ExecutionHandler(target, List.of(), Optional.empty(), Optional.empty(), Map.of());
  }
}
