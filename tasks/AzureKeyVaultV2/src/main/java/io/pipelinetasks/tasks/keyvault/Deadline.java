package io.pipelinetasks.tasks.keyvault;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The point in time after which the task stops reading, on a monotonic clock. */
final class Deadline {
  private final LongSupplier nanoTime;
  private final long end;

  Deadline(Duration limit, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.end = nanoTime.getAsLong() + limit.toNanos();
  }

  static Deadline after(Duration limit) {
    return new Deadline(limit, System::nanoTime);
  }

  /** The time left, never negative. */
  Duration remaining() {
    return Duration.ofNanos(Math.max(0, end - nanoTime.getAsLong()));
  }

  boolean expired() {
    return end - nanoTime.getAsLong() <= 0;
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }
}
