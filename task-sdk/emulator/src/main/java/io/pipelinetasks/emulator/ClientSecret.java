package io.pipelinetasks.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * A client secret of an app registration.
 *
 * @param value the secret text; never printed by {@link #toString()}
 * @param expiresOn when Entra starts answering {@code AADSTS7000222}; {@code null} for never
 */
public record ClientSecret(String value, Instant expiresOn) {
  /** Checks the fields. */
  public ClientSecret {
    Objects.requireNonNull(value, "value");
  }

  /** A secret that never expires. */
  public static ClientSecret of(String value) {
    return new ClientSecret(value, null);
  }

  /** Whether the secret has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return expiresOn != null && !now.isBefore(expiresOn);
  }

  @Override
  public String toString() {
    return "ClientSecret[value=***, expiresOn=" + expiresOn + "]";
  }
}
