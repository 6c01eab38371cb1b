package io.pipelinetasks.task;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the environment of a child process so that a tool sees only what the task hands on.
 *
 * <p>Java cannot remove variables from its own environment the way the Node library deletes them
 * from {@code process.env}, so every child environment is built from a filtered copy instead: the
 * families that carry inputs, secrets, endpoint credentials, secure file tickets and task variables
 * are removed, as are the agent's variable lists and the issue correlation id. Public variables the
 * task set during its run are added, secret ones removed, and prepended path entries put in front
 * of {@code PATH}.
 */
public final class ChildEnvironment {
  private static final List<String> SCRUBBED_PREFIXES =
      List.of("INPUT_", "ENDPOINT_AUTH_", "SECRET_", "SECUREFILE_TICKET_", "VSTS_TASKVARIABLE_");
  private static final List<String> SCRUBBED_NAMES =
      List.of("VSTS_PUBLIC_VARIABLES", "VSTS_SECRET_VARIABLES", "COMMAND_CORRELATION_ID");

  private ChildEnvironment() {}

  /**
   * Whether a variable of the parent's environment is withheld from children.
   *
   * @param name an environment variable name
   */
  public static boolean isScrubbed(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (String prefix : SCRUBBED_PREFIXES) {
      if (upper.startsWith(prefix)) {
        return true;
      }
    }
    return SCRUBBED_NAMES.contains(upper);
  }

  /**
   * The parent's environment without the scrubbed families.
   *
   * @param parent the environment the task received
   */
  public static Map<String, String> scrub(Map<String, String> parent) {
    Map<String, String> child = new LinkedHashMap<>();
    parent.forEach(
        (name, value) -> {
          if (!isScrubbed(name)) {
            child.put(name, value);
          }
        });
    return child;
  }

  /**
   * The child environment of a task at a point in its run.
   *
   * @param parent the environment the task received
   * @param variablesSet variables the task set, by environment name, with null for secret ones
   * @param prependedPath path entries the task prepended, newest first
   */
  static Map<String, String> build(
      Map<String, String> parent, Map<String, String> variablesSet, List<String> prependedPath) {
    Map<String, String> child = scrub(parent);
    variablesSet.forEach(
        (name, value) -> {
          if (value == null) {
            child.remove(name);
          } else {
            child.put(name, value);
          }
        });
    if (!prependedPath.isEmpty()) {
      String pathKey = pathKey(child);
      String existing = child.get(pathKey);
      String joined = String.join(File.pathSeparator, prependedPath);
      child.put(
          pathKey,
          existing == null || existing.isEmpty() ? joined : joined + File.pathSeparator + existing);
    }
    return child;
  }

  /** The name under which PATH appears: Windows spells it in any case. */
  static String pathKey(Map<String, String> env) {
    for (String name : env.keySet()) {
      if (name.equalsIgnoreCase("PATH")) {
        return name;
      }
    }
    return "PATH";
  }
}
