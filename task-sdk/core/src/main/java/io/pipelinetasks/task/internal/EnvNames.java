package io.pipelinetasks.task.internal;

import java.util.Locale;

/** The agent's rules for turning variable and input names into environment variable names. */
public final class EnvNames {
  private EnvNames() {}

  /**
   * The environment form of a variable or input name: dots and spaces become underscores, then
   * upper case, as the agent and the Node library do.
   *
   * @param name a variable or input name such as {@code System.TeamProjectId}
   */
  public static String key(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name is required");
    }
    return name.replace('.', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
  }
}
