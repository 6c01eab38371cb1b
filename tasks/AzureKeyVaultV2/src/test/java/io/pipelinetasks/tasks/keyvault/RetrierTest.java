package io.pipelinetasks.tasks.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetrierTest {
  /** A clock that only moves when the retrier sleeps. */
  private final AtomicLong clock = new AtomicLong();

  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> notices = new ArrayList<>();

  private Retrier retrier(Duration limit) {
    Deadline deadline = new Deadline(limit, clock::get);
    return new Retrier(
        Duration.ofSeconds(30),
        deadline,
        duration -> {
          sleeps.add(duration);
          clock.addAndGet(duration.toNanos());
        },
        new Random(7),
        (what, attempt, failure, delay) ->
            notices.add(what + " " + attempt + " " + failure.status()));
  }

  @Test
  void throttlingWaitsExactlyWhatRetryAfterSaysThenSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String value =
        retrier(Duration.ofMinutes(10))
            .call(
                "s",
                timeout -> {
                  if (calls.incrementAndGet() < 3) {
                    throw Responses.error(429, "Throttled", null, "Retry-After", "2");
                  }
                  return "ok";
                });

    assertThat(value).isEqualTo("ok");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(notices).containsExactly("s 1 429", "s 2 429");
  }

  @Test
  void withoutRetryAfterTheBackoffGrowsWithJitterAndIsCapped() {
    Retrier retrier = retrier(Duration.ofMinutes(10));
    for (int attempt = 1; attempt <= 12; attempt++) {
      long step = Math.min(500L << (attempt - 1), 30_000L);
      for (int i = 0; i < 50; i++) {
        assertThat(retrier.backoff(attempt).toMillis()).isBetween(step / 2, step);
      }
    }
  }

  @Test
  void serverErrorsAreTriedEightTimesThenGivenUp() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retrier(Duration.ofHours(1))
                    .call(
                        "s",
                        timeout -> {
                          calls.incrementAndGet();
                          throw Responses.error(503, "Unavailable", null);
                        }))
        .isInstanceOfSatisfying(
            Retrier.GaveUp.class,
            gaveUp -> {
              assertThat(gaveUp.attempts()).isEqualTo(Retrier.MAX_ATTEMPTS);
              assertThat(gaveUp.deadline()).isFalse();
              assertThat(gaveUp.failure().status()).isEqualTo(503);
            });
    assertThat(calls).hasValue(Retrier.MAX_ATTEMPTS);
    assertThat(sleeps).hasSize(Retrier.MAX_ATTEMPTS - 1);
  }

  @Test
  void aFailureThatNoRetryFixesIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retrier(Duration.ofMinutes(10))
                    .call(
                        "s",
                        timeout -> {
                          calls.incrementAndGet();
                          throw Responses.error(404, "SecretNotFound", null);
                        }))
        .isInstanceOf(Retrier.GaveUp.class);
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aWaitThatWouldPassTheDeadlineIsNotStarted() {
    assertThatThrownBy(
            () ->
                retrier(Duration.ofSeconds(5))
                    .call(
                        "s",
                        timeout -> {
                          throw Responses.error(429, "Throttled", null, "Retry-After", "60");
                        }))
        .isInstanceOfSatisfying(
            Retrier.GaveUp.class, gaveUp -> assertThat(gaveUp.deadline()).isTrue());
    assertThat(sleeps).isEmpty();
  }

  @Test
  void eachAttemptGetsTheRequestTimeoutCutToWhatIsLeft() throws Exception {
    List<Duration> timeouts = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    retrier(Duration.ofSeconds(40))
        .call(
            "s",
            timeout -> {
              timeouts.add(timeout);
              clock.addAndGet(Duration.ofSeconds(25).toNanos()); // the attempt took 25 s
              if (calls.incrementAndGet() == 1) {
                throw Responses.error(500, "Internal", null, "Retry-After", "1");
              }
              return "ok";
            });

    assertThat(timeouts).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(14));
  }

  @Test
  void aThrottledCallerMakesTheOthersWaitForTheSameRetryAfter() throws Exception {
    Retrier retrier = retrier(Duration.ofMinutes(10));
    AtomicInteger calls = new AtomicInteger();
    retrier.call(
        "first",
        timeout -> {
          if (calls.incrementAndGet() == 1) {
            // While this caller is throttled, time does not move on for the next caller.
            throw Responses.error(429, "Throttled", null, "Retry-After", "3");
          }
          return "ok";
        });
    sleeps.clear();
    clock.addAndGet(-Duration.ofSeconds(3).toNanos()); // the other caller asks at the same moment

    retrier.call("second", timeout -> "ok");

    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
  }
}
