package io.pipelinetasks.tasks.azurecli;

import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.azure.IdTokenClaims;
import io.pipelinetasks.task.azure.OidcTokenClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps workload identity federation alive while the script runs: before the current idToken
 * expires (timed from its {@code exp} claim, not a fixed eight minutes), it asks Azure DevOps for a
 * new one, rewrites the federated token file that Azure SDKs and Terraform re-read, and, with
 * {@code keepAzSessionActive}, signs the Azure CLI in again.
 */
final class FederatedSession implements AutoCloseable {
  private static final Duration MAX_MARGIN = Duration.ofMinutes(2);
  private static final Duration MIN_DELAY = Duration.ofSeconds(1);

  private final TaskContext context;
  private final OidcTokenClient oidc;
  private final String connection;
  private final Optional<Path> tokenFile;
  private final Optional<Consumer<Secret>> relogin;
  private final ScheduledExecutorService scheduler;

  private FederatedSession(
      TaskContext context,
      OidcTokenClient oidc,
      String connection,
      Optional<Path> tokenFile,
      Optional<Consumer<Secret>> relogin) {
    this.context = context;
    this.oidc = oidc;
    this.connection = connection;
    this.tokenFile = tokenFile;
    this.relogin = relogin;
    this.scheduler =
        oidc == null
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                  Thread thread = new Thread(runnable, "federated-session");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /** A session that does nothing: not federation, or nothing to keep fresh. */
  static FederatedSession none() {
    return new FederatedSession(null, null, null, Optional.empty(), Optional.empty());
  }

  /** Starts refreshing from the first token's expiry. */
  static FederatedSession start(
      TaskContext context,
      OidcTokenClient oidc,
      String connection,
      Secret firstToken,
      Optional<Path> tokenFile,
      Optional<Consumer<Secret>> relogin) {
    FederatedSession session = new FederatedSession(context, oidc, connection, tokenFile, relogin);
    session.scheduleAfter(firstToken);
    return session;
  }

  private void scheduleAfter(Secret token) {
    Duration delay = refreshDelay(IdTokenClaims.of(token), Instant.now());
    scheduler.schedule(this::refresh, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * When to refresh: before {@code exp}, by a third of the token's lifetime but at most two
   * minutes, so a ten-minute token is refreshed after eight minutes and a twenty-second one after
   * about thirteen seconds.
   */
  static Duration refreshDelay(Optional<IdTokenClaims> claims, Instant now) {
    if (claims.isEmpty() || claims.get().expiresAt().isEmpty()) {
      return Duration.ofMinutes(8);
    }
    Instant expiry = claims.get().expiresAt().get();
    Instant start = claims.get().notBefore().orElse(now);
    Duration lifetime = Duration.between(start, expiry);
    Duration margin = lifetime.dividedBy(3);
    if (margin.compareTo(MAX_MARGIN) > 0) {
      margin = MAX_MARGIN;
    }
    Duration delay = Duration.between(now, expiry.minus(margin));
    return delay.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : delay;
  }

  private void refresh() {
    Secret token;
    try {
      if (relogin.isPresent()) {
        context.log().info(context.loc("RefreshingAzSession"));
      }
      token = oidc.idToken(connection);
      if (tokenFile.isPresent()) {
        writeAtomically(tokenFile.get(), token);
        context.log().debug(context.loc("TokenFileRefreshed"));
      }
      if (relogin.isPresent()) {
        relogin.get().accept(token);
      }
    } catch (RuntimeException failed) {
      context.log().warning(context.loc("FailedToRefreshAzSession", failed.getMessage()));
      if (!scheduler.isShutdown()) {
        scheduler.schedule(this::refresh, 10, TimeUnit.SECONDS);
      }
      return;
    }
    if (!scheduler.isShutdown()) {
      scheduleAfter(token);
    }
  }

  /** Replaces the token file in one step, so a reader never sees half a token. */
  private void writeAtomically(Path file, Secret token) {
    Path next = context.tempFiles().writeFile("federated-token", ".next", token.reveal());
    try {
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException failed) {
      throw new IllegalStateException(
          "cannot replace the federated token file: " + failed.getMessage());
    }
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
