package io.pipelinetasks.tasks.keyvault;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The attributes that decide whether a secret may be used: enabled, expiry ({@code exp}) and start
 * of validity ({@code nbf}).
 *
 * @param enabled whether the secret is enabled; Key Vault refuses to return a disabled value
 * @param expires when the secret expires
 * @param notBefore when the secret becomes valid
 */
record SecretAttributes(boolean enabled, Optional<Instant> expires, Optional<Instant> notBefore) {

  SecretAttributes {
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(notBefore, "notBefore");
  }

  static final SecretAttributes PLAIN =
      new SecretAttributes(true, Optional.empty(), Optional.empty());

  /**
   * Why the secret must not be used at {@code now}, if it must not. Key Vault still returns the
   * value of an expired or not-yet-valid secret; using it anyway would hand later steps a
   * credential its owner has retired or not yet released.
   */
  Optional<SkipReason> skipReason(Instant now) {
    if (!enabled) {
      return Optional.of(SkipReason.disabled());
    }
    if (expires.isPresent() && !expires.get().isAfter(now)) {
      return Optional.of(SkipReason.expired(expires.get()));
    }
    if (notBefore.isPresent() && notBefore.get().isAfter(now)) {
      return Optional.of(SkipReason.notYetValid(notBefore.get()));
    }
    return Optional.empty();
  }
}
