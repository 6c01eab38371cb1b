package io.pipelinetasks.tasks.keyvault;

import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.TaskContext.VariableOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a secret value into secret variables, with the official task's multi-line rules and without
 * its side effects:
 *
 * <ul>
 *   <li>one line: set as is;
 *   <li>several lines of JSON (object or array): flattened to one line, and said so;
 *   <li>several lines of anything else: every non-empty line is registered with {@code
 *       task.setsecret}, escaped like every command (the official task writes these lines raw, so a
 *       line holding {@code %0A} or {@code ;} was registered in a different form than it is
 *       printed); the whole value is set only when the agent accepts multi-line secrets, which
 *       {@code SYSTEM_UNSAFEALLOWMULTILINESECRET} decides. The official task turns that flag on
 *       with a public {@code setvariable}, for every later step of the job; this task never changes
 *       it and warns instead.
 * </ul>
 */
final class SecretVariables {
  private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
  // The official task's switch to skip the per-line registration (for values with many lines).
  static final String DO_NOT_MASK_LINES = "SYSTEM_DONOTMASKMULTILINESECRETS";

  private final TaskContext context;

  SecretVariables(TaskContext context) {
    this.context = context;
  }

  /**
   * Teaches this process's masker a value, and the one-line form {@link #apply} would set, ahead of
   * {@code apply}. Values registered together cost the masker one rebuild instead of one each.
   *
   * @param value the value
   */
  void register(String value) {
    context.masker().add(value);
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      JsonFlattener.flatten(value).ifPresent(context.masker()::add);
    }
  }

  /**
   * Sets the variables for one secret.
   *
   * @param secretName the secret, for messages
   * @param variables the variable names to set
   * @param value the value
   * @return why nothing was set, or empty when the variables were set
   */
  Optional<SkipReason> apply(String secretName, List<String> variables, String value) {
    if (value.isEmpty()) {
      return Optional.of(SkipReason.empty());
    }
    if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      set(variables, value);
      return Optional.empty();
    }
    Optional<String> json = JsonFlattener.flatten(value);
    if (json.isPresent()) {
      context.log().info(context.loc("ConvertedToSingleLine", secretName));
      set(variables, json.get());
      return Optional.empty();
    }
    boolean maskLines =
        !context
            .variable(DO_NOT_MASK_LINES)
            .map(v -> v.trim().equalsIgnoreCase("true"))
            .orElse(false);
    if (maskLines) {
      for (String line : LINE_BREAK.split(value)) {
        if (!line.isEmpty()) {
          context.setSecret(line);
        }
      }
    }
    if (context.multilineSecretsAllowed()) {
      set(variables, value);
      return Optional.empty();
    }
    context.log().warning(context.loc("MultiLineNotSet", secretName));
    return Optional.of(SkipReason.multiLineNotAllowed());
  }

  private void set(List<String> variables, String value) {
    for (String variable : variables) {
      context.setVariable(variable, value, VariableOption.SECRET);
    }
  }
}
