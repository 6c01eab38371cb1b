package io.pipelinetasks.tasks.keyvault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reads secret values through a bounded pool of workers fed straight from the list pages as they
 * arrive: while page {@code n+1} is being fetched, the values of page {@code n} are already being
 * read, and a slow value holds up only its own worker. The official task lists every page first and
 * then reads values in batches of 20 that each wait for their slowest member.
 *
 * <p>Workers never touch the task context: everything they learn goes through one queue to the
 * calling thread, which hands it to the {@link Listener}. So variables are set and lines logged by
 * one thread, in a consistent order, and the caller can stop waiting at the deadline.
 */
final class SecretDownloader {

  /** What the download reports, always on the thread that called {@link #download}. */
  interface Listener {
    /** The vault is being listed (all-secrets mode). */
    default void listing() {}

    /** A value is being read. */
    void started(SecretRef secret);

    /** A request failed and will be sent again after {@code delay}. */
    void retrying(String what, int attempt, VaultFailure failure, Duration delay);

    /** Listing finished: {@code total} secrets, {@code eligible} of them enabled and valid. */
    void listed(int total, int eligible);

    /**
     * Values about to be handed over one by one through {@link #downloaded}, all at once, so the
     * listener registers every one with the secret masker before anything about any of them is
     * printed.
     */
    default void arriving(List<Vault.Fetched> values) {}

    /** A value was read. */
    void downloaded(SecretRef secret, Vault.Fetched fetched);

    /** A secret is left out on purpose. */
    void skipped(SecretRef secret, SkipReason reason);

    /** A value could not be read; {@code failure.failure()} is null when the deadline struck. */
    void failed(SecretRef secret, Retrier.GaveUp failure);
  }

  /**
   * How the download ended.
   *
   * @param listingFailure why listing stopped early, when it did
   * @param fatal a failure that concerns the whole vault and stopped everything, when one did
   * @param deadlineExceeded whether the deadline stopped the download
   * @param listingComplete whether every page was read (always true for named secrets)
   */
  record Report(
      Optional<Retrier.GaveUp> listingFailure,
      Optional<VaultFailure> fatal,
      boolean deadlineExceeded,
      boolean listingComplete) {}

  private sealed interface Event {}

  private record Started(SecretRef secret) implements Event {}

  private record Retrying(String what, int attempt, VaultFailure failure, Duration delay)
      implements Event {}

  private record Listed(int total, int eligible) implements Event {}

  private record ListingFailed(Retrier.GaveUp failure) implements Event {}

  private record Downloaded(SecretRef secret, Vault.Fetched fetched) implements Event {}

  private record Skipped(SecretRef secret, SkipReason reason) implements Event {}

  private record Failed(SecretRef secret, Retrier.GaveUp failure) implements Event {}

  private record Fatal(VaultFailure failure) implements Event {}

  private final Vault vault;
  private final int concurrency;
  private final Duration requestTimeout;
  private final Deadline deadline;
  private final Retrier.Sleeper sleeper;

  SecretDownloader(
      Vault vault,
      int concurrency,
      Duration requestTimeout,
      Deadline deadline,
      Retrier.Sleeper sleeper) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be positive, not " + concurrency);
    }
    this.vault = Objects.requireNonNull(vault, "vault");
    this.concurrency = concurrency;
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Reads every secret of the vault ({@code secrets} empty) or the given secrets.
   *
   * @param secrets the secrets to read, or empty to list the vault and read every enabled, valid
   *     secret
   * @param now the time against which expiry and start of validity are judged
   * @param listener receives everything, on this thread
   * @throws InterruptedException when the task is cancelled
   */
  Report download(Optional<List<SecretRef>> secrets, Instant now, Listener listener)
      throws InterruptedException {
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    Set<SecretRef> open = ConcurrentHashMap.newKeySet();
    Retrier retrier =
        new Retrier(
            requestTimeout,
            deadline,
            sleeper,
            new Random(),
            (what, attempt, failure, delay) ->
                events.add(new Retrying(what, attempt, failure, delay)));
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            task -> {
              Thread thread = new Thread(task, "keyvault-get-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    Worker worker = new Worker(retrier, events, cancelled);
    Thread lister = null;
    boolean listingDone;
    if (secrets.isPresent()) {
      for (SecretRef secret : secrets.get()) {
        open.add(secret);
        pool.execute(() -> worker.fetch(secret));
      }
      listingDone = true;
    } else {
      listener.listing();
      Runnable list = () -> worker.list(now, secret -> submit(pool, open, worker, secret));
      lister = new Thread(list, "keyvault-list");
      lister.setDaemon(true);
      lister.start();
      listingDone = false;
    }

    Optional<Retrier.GaveUp> listingFailure = Optional.empty();
    Optional<VaultFailure> fatal = Optional.empty();
    boolean listingComplete = secrets.isPresent();
    boolean timedOut = false;
    try {
      while (!(listingDone && open.isEmpty()) && fatal.isEmpty()) {
        Event first = events.poll(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
          if (deadline.expired()) {
            timedOut = true;
            break;
          }
          continue;
        }
        List<Event> batch = new ArrayList<>();
        batch.add(first);
        events.drainTo(batch);
        announce(batch, listener);
        for (Event event : batch) {
          if (event instanceof Listed) {
            listingDone = true;
            listingComplete = true;
          } else if (event instanceof ListingFailed failed) {
            listingDone = true;
            listingFailure = Optional.of(failed.failure());
          } else if (event instanceof Fatal f) {
            fatal = Optional.of(f.failure());
          }
          deliver(event, listener, open);
        }
      }
    } finally {
      cancelled.set(true);
      pool.shutdownNow();
      if (lister != null) {
        lister.interrupt();
      }
    }
    // What finished before the stop still counts; then whatever was still open.
    List<Event> rest = new ArrayList<>();
    events.drainTo(rest);
    rest.removeIf(event -> event instanceof Retrying || event instanceof Fatal);
    announce(rest, listener);
    for (Event event : rest) {
      deliver(event, listener, open);
    }
    if (timedOut) {
      List<SecretRef> unfinished = new ArrayList<>(open);
      for (SecretRef secret : unfinished) {
        listener.failed(secret, new Retrier.GaveUp(null, 0, true));
      }
    }
    return new Report(listingFailure, fatal, timedOut, listingComplete);
  }

  private static void submit(
      ExecutorService pool, Set<SecretRef> open, Worker worker, SecretRef secret) {
    open.add(secret);
    try {
      pool.execute(() -> worker.fetch(secret));
    } catch (RejectedExecutionException stopped) {
      // The download was stopped (deadline, fatal failure); the caller reports open secrets.
      throw new CancelledException();
    }
  }

  private static boolean announce(List<Event> batch, Listener listener) {
    List<Vault.Fetched> values = new ArrayList<>();
    for (Event event : batch) {
      if (event instanceof Downloaded d) {
        values.add(d.fetched());
      }
    }
    if (!values.isEmpty()) {
      listener.arriving(values);
    }
    return !values.isEmpty();
  }

  private static void deliver(Event event, Listener listener, Set<SecretRef> open) {
    if (event instanceof Started s) {
      listener.started(s.secret());
    } else if (event instanceof Retrying r) {
      listener.retrying(r.what(), r.attempt(), r.failure(), r.delay());
    } else if (event instanceof Listed l) {
      listener.listed(l.total(), l.eligible());
    } else if (event instanceof Downloaded d) {
      open.remove(d.secret());
      listener.downloaded(d.secret(), d.fetched());
    } else if (event instanceof Skipped s) {
      open.remove(s.secret());
      listener.skipped(s.secret(), s.reason());
    } else if (event instanceof Failed f) {
      open.remove(f.secret());
      listener.failed(f.secret(), f.failure());
    }
    // ListingFailed and Fatal are returned in the report.
  }

  /** Thrown inside the lister when the pool no longer takes work. */
  private static final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CancelledException() {
      super("cancelled", null, false, false);
    }
  }

  /** The code that runs on the lister thread and the pool's threads. */
  private final class Worker {
    private final Retrier retrier;
    private final BlockingQueue<Event> events;
    private final AtomicBoolean cancelled;

    Worker(Retrier retrier, BlockingQueue<Event> events, AtomicBoolean cancelled) {
      this.retrier = retrier;
      this.events = events;
      this.cancelled = cancelled;
    }

    void list(Instant now, Consumer<SecretRef> submit) {
      Optional<String> next = Optional.empty();
      int total = 0;
      int eligible = 0;
      try {
        do {
          Optional<String> link = next;
          Vault.Page page = retrier.call("the secret list", timeout -> vault.list(link, timeout));
          for (Vault.Listed listed : page.secrets()) {
            total++;
            SecretRef secret = SecretRef.current(listed.name());
            Optional<SkipReason> skip = listed.attributes().skipReason(now);
            if (skip.isPresent()) {
              events.add(new Skipped(secret, skip.get()));
            } else {
              eligible++;
              submit.accept(secret);
            }
          }
          next = page.nextLink();
        } while (next.isPresent() && !cancelled.get());
        events.add(new Listed(total, eligible));
      } catch (Retrier.GaveUp failed) {
        VaultFailure failure = failed.failure();
        events.add(
            failure != null && failure.fatal() ? new Fatal(failure) : new ListingFailed(failed));
      } catch (InterruptedException | CancelledException stopped) {
        // Stopped by the caller, which reports what is missing.
      }
    }

    void fetch(SecretRef secret) {
      if (cancelled.get()) {
        return;
      }
      events.add(new Started(secret));
      try {
        Vault.Fetched fetched =
            retrier.call(secret.display(), timeout -> vault.get(secret, timeout));
        events.add(new Downloaded(secret, fetched));
      } catch (Retrier.GaveUp failed) {
        VaultFailure failure = failed.failure();
        if (failure != null && failure.secretDisabled()) {
          events.add(new Skipped(secret, SkipReason.disabled()));
        } else if (failure != null && failure.fatal()) {
          events.add(new Fatal(failure));
        } else {
          events.add(new Failed(secret, failed));
        }
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
