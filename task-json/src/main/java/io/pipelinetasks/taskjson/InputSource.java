package io.pipelinetasks.taskjson;

import java.util.Optional;

/**
 * Where raw input values come from: the agent's {@code INPUT_*} environment in a real run, a map in
 * tests and in the local runner.
 */
@FunctionalInterface
public interface InputSource {
  /**
   * The raw value passed for an input, exactly as given (not trimmed), or empty when none was
   * passed. An input passed as an empty string is present with the value {@code ""}.
   *
   * @param name the input name as task.json declares it, in any case
   */
  Optional<String> raw(String name);

  /**
   * Receives an advisory message produced while binding, for example a boolean input whose value is
   * neither {@code true} nor {@code false}. The default drops it.
   *
   * @param message the warning, free of input values that might be secret
   */
  default void warning(String message) {}
}
