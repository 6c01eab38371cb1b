package io.pipelinetasks.taskjson;

import java.util.List;

/**
 * Everything {@link TaskJsonValidator} found in one file.
 *
 * @param file the file as the user named it
 * @param problems the problems, errors and warnings mixed, section by section (top level, groups,
 *     inputs, output variables, handlers, messages, restrictions)
 */
public record ValidationReport(String file, List<Problem> problems) {
  /** Copies the list. */
  public ValidationReport {
    problems = List.copyOf(problems);
  }

  /** Whether any problem is an error. */
  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  /** The errors. */
  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  /** The warnings. */
  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }
}
