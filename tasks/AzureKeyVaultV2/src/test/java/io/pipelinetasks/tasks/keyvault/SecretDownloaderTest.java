package io.pipelinetasks.tasks.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool and its feeding, against an in-memory vault with timed calls. */
class SecretDownloaderTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  /** A vault of {@code pages} pages of {@code perPage} secrets with fixed call durations. */
  private static class FakeVault implements Vault {
    final int pages;
    final int perPage;
    final Duration listTime;
    final Duration getTime;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final List<Long> getStarts = Collections.synchronizedList(new ArrayList<>());
    final List<Long> pageEnds = Collections.synchronizedList(new ArrayList<>());
    final Map<String, SecretAttributes> attributes = new ConcurrentHashMap<>();

    FakeVault(int pages, int perPage, Duration listTime, Duration getTime) {
      this.pages = pages;
      this.perPage = perPage;
      this.listTime = listTime;
      this.getTime = getTime;
    }

    @Override
    public Page list(Optional<String> nextLink, Duration timeout) {
      int page = nextLink.map(Integer::parseInt).orElse(0);
      pause(listTime);
      List<Listed> secrets = new ArrayList<>();
      for (int i = 0; i < perPage; i++) {
        String name = "s-" + page + "-" + i;
        secrets.add(new Listed(name, attributes.getOrDefault(name, SecretAttributes.PLAIN)));
      }
      pageEnds.add(System.nanoTime());
      return new Page(
          secrets, page + 1 < pages ? Optional.of(Integer.toString(page + 1)) : Optional.empty());
    }

    @Override
    public Fetched get(SecretRef secret, Duration timeout) {
      getStarts.add(System.nanoTime());
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        pause(getTime);
        return new Fetched("value of " + secret.name(), SecretAttributes.PLAIN);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    static void pause(Duration duration) {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(interrupted);
      }
    }
  }

  /** Records what the downloader reports, and on which thread. */
  private static final class Recorder implements SecretDownloader.Listener {
    final Thread caller = Thread.currentThread();
    final List<String> downloaded = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    final List<Retrier.GaveUp> failures = new ArrayList<>();
    boolean otherThread;
    int listedTotal = -1;

    private void check() {
      otherThread |= Thread.currentThread() != caller;
    }

    @Override
    public void started(SecretRef secret) {
      check();
    }

    @Override
    public void retrying(String what, int attempt, VaultFailure failure, Duration delay) {
      check();
    }

    @Override
    public void listed(int total, int eligible) {
      check();
      listedTotal = total;
    }

    @Override
    public void downloaded(SecretRef secret, Vault.Fetched fetched) {
      check();
      downloaded.add(secret.display());
    }

    @Override
    public void skipped(SecretRef secret, SkipReason reason) {
      check();
      skipped.add(secret.display() + " " + reason.kind());
    }

    @Override
    public void failed(SecretRef secret, Retrier.GaveUp failure) {
      check();
      failed.add(secret.display());
      failures.add(failure);
    }
  }

  private static SecretDownloader downloader(Vault vault, int concurrency, Duration limit) {
    return new SecretDownloader(
        vault,
        concurrency,
        Duration.ofSeconds(30),
        Deadline.after(limit),
        duration -> Thread.sleep(duration.toMillis()));
  }

  @Test
  void valuesAreReadWhileLaterPagesAreStillBeingListed() throws Exception {
    FakeVault vault = new FakeVault(4, 5, Duration.ofMillis(60), Duration.ofMillis(5));
    Recorder recorder = new Recorder();

    SecretDownloader.Report report =
        downloader(vault, 8, Duration.ofMinutes(1)).download(Optional.empty(), NOW, recorder);

    assertThat(report.listingComplete()).isTrue();
    assertThat(recorder.downloaded).hasSize(20);
    assertThat(recorder.listedTotal).isEqualTo(20);
    long lastPage = vault.pageEnds.get(vault.pageEnds.size() - 1);
    assertThat(vault.getStarts.stream().filter(start -> start < lastPage)).hasSizeGreaterThan(10);
    assertThat(recorder.otherThread).isFalse();
  }

  @Test
  void noMoreValuesThanTheConcurrencyAreReadAtOnce() throws Exception {
    FakeVault vault = new FakeVault(2, 20, Duration.ZERO, Duration.ofMillis(15));
    Recorder recorder = new Recorder();

    downloader(vault, 3, Duration.ofMinutes(1)).download(Optional.empty(), NOW, recorder);

    assertThat(recorder.downloaded).hasSize(40);
    assertThat(vault.maxInFlight).hasValue(3);
  }

  @Test
  void listedSecretsThatMayNotBeUsedAreSkippedWithoutReadingThem() throws Exception {
    FakeVault vault = new FakeVault(1, 4, Duration.ZERO, Duration.ZERO);
    vault.attributes.put("s-0-0", new SecretAttributes(false, Optional.empty(), Optional.empty()));
    vault.attributes.put(
        "s-0-1", new SecretAttributes(true, Optional.of(NOW.minusSeconds(1)), Optional.empty()));
    vault.attributes.put(
        "s-0-2", new SecretAttributes(true, Optional.empty(), Optional.of(NOW.plusSeconds(60))));
    Recorder recorder = new Recorder();

    downloader(vault, 2, Duration.ofMinutes(1)).download(Optional.empty(), NOW, recorder);

    assertThat(recorder.skipped)
        .containsExactlyInAnyOrder("s-0-0 DISABLED", "s-0-1 EXPIRED", "s-0-2 NOT_YET_VALID");
    assertThat(recorder.downloaded).containsExactly("s-0-3");
    assertThat(vault.getStarts).hasSize(1);
  }

  @Test
  void theDeadlineReportsEverySecretStillOpenAndKeepsWhatWasRead() throws Exception {
    FakeVault vault =
        new FakeVault(1, 1, Duration.ZERO, Duration.ZERO) {
          @Override
          public Fetched get(SecretRef secret, Duration timeout) {
            if (secret.name().equals("hangs")) {
              pause(Duration.ofSeconds(20));
            }
            return super.get(secret, timeout);
          }
        };
    Recorder recorder = new Recorder();
    long started = System.nanoTime();

    SecretDownloader.Report report =
        downloader(vault, 4, Duration.ofMillis(400))
            .download(
                Optional.of(List.of(SecretRef.current("fast"), SecretRef.current("hangs"))),
                NOW,
                recorder);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(report.deadlineExceeded()).isTrue();
    assertThat(recorder.downloaded).containsExactly("fast");
    assertThat(recorder.failed).containsExactly("hangs");
    assertThat(recorder.failures.get(0).failure()).isNull();
    assertThat(recorder.failures.get(0).deadline()).isTrue();
  }

  @Test
  void aListingThatFailsHalfWayStillDeliversTheSecretsOfEarlierPages() throws Exception {
    FakeVault vault =
        new FakeVault(3, 5, Duration.ZERO, Duration.ZERO) {
          @Override
          public Page list(Optional<String> nextLink, Duration timeout) {
            if (nextLink.equals(Optional.of("1"))) {
              throw Responses.error(403, "Forbidden", "AccessDenied");
            }
            return super.list(nextLink, timeout);
          }
        };
    Recorder recorder = new Recorder();

    SecretDownloader.Report report =
        downloader(vault, 4, Duration.ofMinutes(1)).download(Optional.empty(), NOW, recorder);

    assertThat(report.listingFailure()).isPresent();
    assertThat(report.listingFailure().get().failure().status()).isEqualTo(403);
    assertThat(report.listingComplete()).isFalse();
    assertThat(recorder.downloaded).hasSize(5);
  }

  @Test
  void aFailureOfTheWholeVaultStopsTheDownload() throws Exception {
    FakeVault vault =
        new FakeVault(1, 1, Duration.ZERO, Duration.ZERO) {
          @Override
          public Fetched get(SecretRef secret, Duration timeout) {
            throw Responses.error(401, "Unauthorized", null);
          }
        };
    Recorder recorder = new Recorder();

    SecretDownloader.Report report =
        downloader(vault, 2, Duration.ofMinutes(1))
            .download(
                Optional.of(List.of(SecretRef.current("a"), SecretRef.current("b"))),
                NOW,
                recorder);

    assertThat(report.fatal()).map(VaultFailure::status).hasValue(401);
    assertThat(recorder.downloaded).isEmpty();
  }

  @Test
  void aDisabledNamedSecretIsSkippedNotFailed() throws Exception {
    FakeVault vault =
        new FakeVault(1, 1, Duration.ZERO, Duration.ZERO) {
          @Override
          public Fetched get(SecretRef secret, Duration timeout) {
            throw Responses.error(403, "Forbidden", "SecretDisabled");
          }
        };
    Recorder recorder = new Recorder();

    downloader(vault, 2, Duration.ofMinutes(1))
        .download(Optional.of(List.of(SecretRef.current("old"))), NOW, recorder);

    assertThat(recorder.skipped).containsExactly("old DISABLED");
    assertThat(recorder.failed).isEmpty();
  }
}
