package io.pipelinetasks.tasks.keyvault;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The task's only retry layer (the SDK's own retry policy is switched off, so retries are never
 * nested): throttling (429) and server errors (408, 5xx but 501 and 505), resets and timeouts are
 * retried with jittered exponential backoff; a {@code Retry-After} the vault sends is honoured
 * instead of the backoff. Every attempt gets the per-request timeout, cut to what is left of the
 * overall deadline, and no wait runs past the deadline.
 *
 * <p>A 429 with {@code Retry-After} also closes a gate shared by every caller until that time, so
 * the other requests of the pool wait too instead of each collecting its own 429 (Key Vault counts
 * throttled requests against the limit as well).
 */
final class Retrier {
  static final int MAX_ATTEMPTS = 8;
  static final Duration BASE_DELAY = Duration.ofMillis(500);
  static final Duration MAX_DELAY = Duration.ofSeconds(30);

  /** One attempt, given its timeout. */
  @FunctionalInterface
  interface Attempt<T> {
    T run(Duration timeout);
  }

  /** Sleeps; a test replaces it. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Hears about each retry, from the calling thread. */
  @FunctionalInterface
  interface Listener {
    void retrying(String what, int attempt, VaultFailure failure, Duration delay);
  }

  /** The call failed for good. */
  static final class GaveUp extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient VaultFailure failure;
    private final int attempts;
    private final boolean deadline;

    GaveUp(VaultFailure failure, int attempts, boolean deadline) {
      super(failure == null ? "deadline" : failure.toString(), null, false, false);
      this.failure = failure;
      this.attempts = attempts;
      this.deadline = deadline;
    }

    /** The last failure, or {@code null} when the deadline passed before any attempt. */
    VaultFailure failure() {
      return failure;
    }

    int attempts() {
      return attempts;
    }

    /** Whether the overall deadline, not the failure itself, ended the retries. */
    boolean deadline() {
      return deadline;
    }
  }

  private final Duration requestTimeout;
  private final Deadline deadline;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Listener listener;
  private final AtomicLong resumeAt;

  Retrier(
      Duration requestTimeout,
      Deadline deadline,
      Sleeper sleeper,
      RandomGenerator random,
      Listener listener) {
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.resumeAt = new AtomicLong(deadline.nanoTime());
  }

  /**
   * Runs {@code attempt} until it succeeds, fails for good, or the deadline passes.
   *
   * @param what what is being fetched, for the listener
   * @param attempt one attempt
   * @throws GaveUp with the last failure
   * @throws InterruptedException when the download was cancelled
   */
  <T> T call(String what, Attempt<T> attempt) throws GaveUp, InterruptedException {
    VaultFailure last = null;
    for (int n = 1; ; n++) {
      waitForGate();
      Duration left = deadline.remaining();
      if (left.isZero()) {
        throw new GaveUp(last, n - 1, true);
      }
      try {
        return attempt.run(left.compareTo(requestTimeout) < 0 ? left : requestTimeout);
      } catch (RuntimeException failed) {
        if (interrupted(failed)) {
          Thread.currentThread().interrupt();
          throw new InterruptedException("cancelled");
        }
        last = VaultFailure.of(failed);
      }
      if (!last.retryable() || n >= MAX_ATTEMPTS) {
        throw new GaveUp(last, n, false);
      }
      Duration delay;
      if (last.retryAfter().isPresent()) {
        delay = last.retryAfter().get();
        if (last.status() == 429) {
          closeGateFor(delay);
        }
      } else {
        delay = backoff(n);
      }
      if (delay.compareTo(deadline.remaining()) >= 0) {
        throw new GaveUp(last, n, true);
      }
      listener.retrying(what, n, last, delay);
      sleeper.sleep(delay);
    }
  }

  // The HTTP client may report an interrupt as an exception and clear the thread's flag.
  private static boolean interrupted(Throwable failure) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof InterruptedException
          || c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException)
          || c instanceof ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries of
   * requests that failed together spread out but never come back at once.
   */
  Duration backoff(int attempt) {
    long step = BASE_DELAY.toMillis() << Math.min(attempt - 1, 16);
    long capped = Math.min(step, MAX_DELAY.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + random.nextLong(half + 1));
  }

  private void closeGateFor(Duration delay) {
    long until = deadline.nanoTime() + delay.toNanos();
    resumeAt.accumulateAndGet(until, (a, b) -> a - b > 0 ? a : b);
  }

  private void waitForGate() throws InterruptedException {
    long wait = resumeAt.get() - deadline.nanoTime();
    if (wait > 0) {
      Duration pause = Duration.ofNanos(wait);
      Duration left = deadline.remaining();
      sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
    }
  }
}
