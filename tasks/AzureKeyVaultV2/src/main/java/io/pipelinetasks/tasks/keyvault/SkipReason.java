package io.pipelinetasks.tasks.keyvault;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a secret was not turned into variables although nothing failed.
 *
 * @param kind the reason
 * @param when the date that made it so, for expiry and start of validity
 */
record SkipReason(Kind kind, Optional<Instant> when) {

  /** The reasons. */
  enum Kind {
    DISABLED,
    EXPIRED,
    NOT_YET_VALID,
    EMPTY,
    MULTI_LINE_NOT_ALLOWED
  }

  SkipReason {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(when, "when");
  }

  static SkipReason disabled() {
    return new SkipReason(Kind.DISABLED, Optional.empty());
  }

  static SkipReason expired(Instant on) {
    return new SkipReason(Kind.EXPIRED, Optional.of(on));
  }

  static SkipReason notYetValid(Instant from) {
    return new SkipReason(Kind.NOT_YET_VALID, Optional.of(from));
  }

  static SkipReason empty() {
    return new SkipReason(Kind.EMPTY, Optional.empty());
  }

  static SkipReason multiLineNotAllowed() {
    return new SkipReason(Kind.MULTI_LINE_NOT_ALLOWED, Optional.empty());
  }
}
