package io.pipelinetasks.task;

import java.util.Objects;

/**
 * A value that must never be printed: a password, a token, a key. {@link #toString()} gives {@code
 * ***}, so a secret that ends up in a log line, an exception message or a debug dump stays hidden;
 * only an explicit {@link #reveal()} gives the value.
 *
 * <p>Holding a value in a {@code Secret} does not register it with the agent's masker; use {@link
 * TaskContext#setSecret(String)} for values the task itself creates. Values the agent hands over as
 * secrets (secret variables, endpoint credentials, secure file tickets) are registered when the
 * task starts.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a value.
   *
   * @param value the secret value, not null
   */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"));
  }

  /** The value itself. Call this only where the value leaves the process on purpose. */
  public String reveal() {
    return value;
  }

  /** Whether the value is the empty string. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** Always {@code ***}. */
  @Override
  public String toString() {
    return "***";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
