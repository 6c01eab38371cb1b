package io.pipelinetasks.tasks.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.TaskCommands;
import io.pipelinetasks.task.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Uploads a package to Kudu and follows the deployment to its end, within a deadline.
 *
 * <p>Retries are limited to the cases where Kudu cannot have accepted the package: an answer that
 * refuses it (503, 429, 409: nothing was deployed), a connection that could not be made, or a
 * connection lost before the whole body was sent (Kudu cannot deploy half a package). When the
 * connection is lost after the whole body went out, Kudu may have started a deployment, so the
 * package is not sent again: the deployer looks for a deployment newer than the one that was latest
 * before the upload and follows it, which avoids the duplicate deployments and 409s of re-sent
 * uploads.
 *
 * <p>While it uploads and waits it prints a line at least every {@link #PROGRESS_INTERVAL} (20
 * seconds) and whenever Kudu's status changes, and sets the step's progress.
 */
final class KuduDeployer {
  static final int SUCCESS = 4;
  static final int FAILED = 3;
  static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(20);
  private static final int MAX_UPLOADS = 4;
  private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(5);
  private static final int FAST_POLLS = 10;
  private static final Duration LOST_ANSWER_WINDOW = Duration.ofMinutes(1);
  private static final Set<Integer> REFUSED = Set.of(409, 429, 503);

  /**
   * The latest deployment before the upload, so a deployment started by an upload whose answer was
   * lost can be told apart from older ones.
   *
   * @param known whether Kudu answered the question (an app without deployments answers too)
   * @param id the latest deployment's id, empty when there is none
   */
  record Baseline(boolean known, Optional<String> id) {
    static final Baseline UNKNOWN = new Baseline(false, Optional.empty());
  }

  /**
   * A finished deployment.
   *
   * @param id Kudu's deployment id
   * @param status 4 success, 3 failed
   * @param statusText Kudu's status text, possibly empty
   * @param url the deployment's URL
   * @param logUrl the URL of its log
   */
  record Result(String id, int status, String statusText, URI url, URI logUrl) {
    boolean succeeded() {
      return status == SUCCESS;
    }
  }

  /** The moment the deployment must be finished by. */
  record Deadline(Instant end, Duration length) {
    static Deadline after(Duration length) {
      return new Deadline(Instant.now().plus(length), length);
    }

    Duration remaining() {
      Duration left = Duration.between(Instant.now(), end);
      return left.isNegative() ? Duration.ZERO : left;
    }

    boolean passed() {
      return remaining().isZero();
    }
  }

  private final TaskContext context;
  private final KuduClient kudu;
  private final Deadline deadline;
  private final Duration progressInterval;

  /**
   * A deployer for one SCM site.
   *
   * @param context the task context
   * @param kudu the SCM site's client
   * @param deadline when the deployment must be done by
   * @param progressInterval the longest time between two progress lines
   */
  KuduDeployer(TaskContext context, KuduClient kudu, Deadline deadline, Duration progressInterval) {
    this.context = Objects.requireNonNull(context, "context");
    this.kudu = Objects.requireNonNull(kudu, "kudu");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.progressInterval = Objects.requireNonNull(progressInterval, "progressInterval");
  }

  /**
   * Asks for the latest deployment. This is also the warm-up call the official task makes before
   * uploading, and it never fails the task.
   */
  Baseline baseline() {
    try {
      KuduClient.Response response = kudu.get("/api/deployments/latest");
      if (response.status() == 404) {
        return new Baseline(true, Optional.empty());
      }
      if (response.status() == 200 || response.status() == 202) {
        return new Baseline(true, text(response.json(), "id"));
      }
      context.log().debug("Kudu answered " + response.status() + " to the warm-up request.");
    } catch (IOException failed) {
      context.log().debug("The Kudu warm-up request failed: " + failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new TaskException("Cancelled", "The deployment was interrupted.");
    }
    return Baseline.UNKNOWN;
  }

  /**
   * Uploads the body to the path (with its query string) and waits for the deployment Kudu starts.
   *
   * @param pathAndQuery such as {@code /api/zipdeploy?isAsync=true&deployer=VSTS_ZIP_DEPLOY}
   * @param body the package
   * @param baseline the latest deployment before the upload
   */
  Result deploy(String pathAndQuery, UploadBody body, Baseline baseline)
      throws InterruptedException {
    URI status = upload(kudu.resolve(pathAndQuery), body, baseline);
    return await(status);
  }

  private URI upload(URI target, UploadBody body, Baseline baseline) throws InterruptedException {
    Duration backoff = Duration.ofSeconds(1);
    for (int attempt = 1; ; attempt++) {
      if (deadline.passed()) {
        throw timedOut();
      }
      Instant started = Instant.now();
      ScheduledExecutorService ticker = uploadTicker(body, started);
      KuduClient.Response response;
      try {
        response = kudu.upload(target, publisher(body), deadline.remaining());
      } catch (HttpConnectTimeoutException | ConnectException notConnected) {
        // Nothing reached Kudu.
        if (attempt >= MAX_UPLOADS) {
          throw new TaskException(
              "KuduUnreachable",
              context.loc("PackageDeploymentFailed") + " " + describe(notConnected),
              notConnected);
        }
        retry(describe(notConnected), attempt, backoff);
        backoff = backoff.multipliedBy(2);
        continue;
      } catch (HttpTimeoutException timeout) {
        throw timedOut();
      } catch (IOException | UncheckedIOException lost) {
        Optional<String> unreadable = packageError(lost);
        if (unreadable.isPresent()) {
          throw new TaskException(
              "PackageUnreadable",
              context.loc("PackageDeploymentFailed") + " " + unreadable.get(),
              lost);
        }
        if (body.complete()) {
          return findAfterLostAnswer(baseline, describe(lost));
        }
        if (attempt >= MAX_UPLOADS) {
          throw new TaskException(
              "UploadFailed", context.loc("PackageDeploymentFailed") + " " + describe(lost), lost);
        }
        retry(describe(lost), attempt, backoff);
        backoff = backoff.multipliedBy(2);
        continue;
      } finally {
        ticker.shutdownNow();
      }
      int code = response.status();
      context
          .log()
          .debug(
              "Kudu answered "
                  + code
                  + " after "
                  + Duration.between(started, Instant.now()).toMillis()
                  + " ms; sent "
                  + body.sent()
                  + " bytes.");
      if (code == 202 || code == 200) {
        return statusUrl(response);
      }
      if (code == 401 || code == 403) {
        throw unauthorized(response);
      }
      if (REFUSED.contains(code) && attempt < MAX_UPLOADS) {
        Duration wait = retryAfter(response).orElse(backoff);
        retry(code + " " + reason(code), attempt, wait);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      throw new TaskException(
          "KuduRequestFailed",
          context.loc("PackageDeploymentFailed")
              + " "
              + context.loc("KuduRequestFailed", code, response.errorText()));
    }
  }

  private static BodyPublisher publisher(UploadBody body) {
    BodyPublisher stream =
        HttpRequest.BodyPublishers.ofInputStream(
            () -> {
              try {
                return body.open();
              } catch (IOException failed) {
                throw new UncheckedIOException(failed);
              }
            });
    return body.length().isPresent()
        ? HttpRequest.BodyPublishers.fromPublisher(stream, body.length().getAsLong())
        : stream;
  }

  /**
   * A failure reading or zipping the package itself (a file removed, unreadable or changed while it
   * was zipped), not of the network: sending it again would not help.
   */
  private static Optional<String> packageError(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.nio.file.FileSystemException
          || cause instanceof java.util.zip.ZipException) {
        return Optional.of(describe(cause));
      }
    }
    return Optional.empty();
  }

  private void retry(String why, int attempt, Duration wait) throws InterruptedException {
    Duration capped = wait.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : wait;
    if (capped.compareTo(deadline.remaining()) >= 0) {
      throw timedOut();
    }
    context
        .log()
        .warning(
            context.loc(
                "UploadRetry", why, Math.max(1, capped.toSeconds()), attempt + 1, MAX_UPLOADS));
    Thread.sleep(capped.toMillis());
  }

  private ScheduledExecutorService uploadTicker(UploadBody body, Instant started) {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "upload-progress");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(
        () -> {
          long total = Math.max(1, body.sourceSize());
          long done = Math.min(body.sourceDone(), total);
          context
              .log()
              .info(
                  context.loc(
                      "UploadProgress",
                      human(done),
                      human(total),
                      Duration.between(started, Instant.now()).toSeconds()));
          context.commands().setProgress((int) (done * 50 / total), "Uploading the package");
        },
        progressInterval.toMillis(),
        progressInterval.toMillis(),
        TimeUnit.MILLISECONDS);
    return ticker;
  }

  private URI statusUrl(KuduClient.Response response) {
    Optional<String> location = response.header("Location");
    if (location.isPresent()) {
      return kudu.resolve(location.get());
    }
    Optional<String> id = response.header("SCM-DEPLOYMENT-ID");
    return kudu.resolve(id.map(i -> "/api/deployments/" + i).orElse("/api/deployments/latest"));
  }

  /**
   * The answer to an upload that Kudu may have received in full was lost. Sending it again could
   * deploy twice, so this looks for a deployment newer than the baseline instead.
   */
  private URI findAfterLostAnswer(Baseline baseline, String why) throws InterruptedException {
    context.log().warning(context.loc("UploadOutcomeUnknown", why));
    if (!baseline.known()) {
      throw new TaskException("UploadOutcomeUnknown", context.loc("UploadNotFoundAfterLoss"));
    }
    Instant giveUp = Instant.now().plus(min(LOST_ANSWER_WINDOW, deadline.remaining()));
    while (Instant.now().isBefore(giveUp)) {
      try {
        KuduClient.Response latest =
            kudu.get(kudu.resolve("/api/deployments/latest"), callTimeout());
        if (latest.status() == 200 || latest.status() == 202) {
          Optional<String> id = text(latest.json(), "id");
          if (id.isPresent() && !id.equals(baseline.id())) {
            context.log().info("Kudu started deployment " + id.get() + " from the upload.");
            return kudu.resolve("/api/deployments/" + id.get());
          }
        }
      } catch (IOException transientFailure) {
        context.log().debug("Asking Kudu for the latest deployment failed: " + transientFailure);
      }
      Thread.sleep(Math.max(1, Math.min(2000, Duration.between(Instant.now(), giveUp).toMillis())));
    }
    throw new TaskException("UploadOutcomeUnknown", context.loc("UploadNotFoundAfterLoss"));
  }

  /** Polls the deployment until it succeeds or fails, within the deadline. */
  Result await(URI statusUrl) throws InterruptedException {
    Instant started = Instant.now();
    Instant lastLine = started;
    Duration interval = Duration.ofSeconds(1);
    int polls = 0;
    int lastStatus = -1;
    String id = "";
    while (true) {
      if (deadline.passed()) {
        throw timedOut();
      }
      try {
        KuduClient.Response response = kudu.get(statusUrl, callTimeout());
        int code = response.status();
        if (code == 200 || code == 202) {
          JsonNode deployment = response.json();
          id = text(deployment, "id").orElse(id);
          int status = deployment.path("status").asInt(-1);
          if (status == SUCCESS || status == FAILED) {
            URI url = text(deployment, "url").map(kudu::resolve).orElse(statusUrl);
            URI log =
                text(deployment, "log_url")
                    .map(kudu::resolve)
                    .orElse(kudu.resolve("/api/deployments/" + id + "/log"));
            context.commands().setProgress(95, "Deployment finished");
            return new Result(id, status, text(deployment, "status_text").orElse(""), url, log);
          }
          if (status != lastStatus || due(lastLine)) {
            String text =
                statusName(status)
                    + text(deployment, "status_text")
                        .filter(t -> !t.isBlank())
                        .map(t -> ", " + TaskCommands.neutraliseCommands(t, Set.of()))
                        .orElse("");
            progressLine(id, text, started);
            lastLine = Instant.now();
            context
                .commands()
                .setProgress(status >= 2 ? 80 : 60, "Kudu: " + statusName(status).toLowerCase());
          }
          lastStatus = status;
        } else if (code == 401 || code == 403) {
          throw unauthorized(response);
        } else {
          context.log().debug("Kudu answered " + code + " to the status request; asking again.");
          interval = retryAfter(response).orElse(interval);
        }
      } catch (IOException transientFailure) {
        context.log().debug("The status request failed: " + transientFailure + "; asking again.");
      }
      if (due(lastLine)) {
        progressLine(id, statusName(lastStatus), started);
        lastLine = Instant.now();
      }
      long sleep = Math.min(interval.toMillis(), deadline.remaining().toMillis());
      Thread.sleep(Math.max(1, sleep));
      // Every second for the first polls, so a short deployment is seen done at once, then
      // slowing to every five seconds.
      polls++;
      if (polls >= FAST_POLLS) {
        interval = min(interval.multipliedBy(3).dividedBy(2), MAX_POLL_INTERVAL);
      }
    }
  }

  private void progressLine(String id, String text, Instant started) {
    context
        .log()
        .info(
            context.loc(
                "DeploymentInProgress",
                id.isEmpty() ? "" : id,
                text,
                Duration.between(started, Instant.now()).toSeconds()));
  }

  /**
   * Prints Kudu's log of a deployment, with the details of each entry, through the same filter as
   * any remote text: logging commands in it are neutralised so a build script cannot set variables
   * or fail the step through Kudu's output. Never fails the task.
   */
  void printLog(Result result) throws InterruptedException {
    try {
      KuduClient.Response response = kudu.get(result.logUrl(), callTimeout());
      if (response.status() != 200) {
        context
            .log()
            .warning("Could not read Kudu's deployment log (HTTP " + response.status() + ").");
        return;
      }
      context.log().info(context.loc("KuduLogHeader"));
      for (JsonNode entry : response.json()) {
        relay(entry, "");
        Optional<String> details = text(entry, "details_url");
        if (details.isPresent()) {
          KuduClient.Response more = kudu.get(kudu.resolve(details.get()), callTimeout());
          if (more.status() == 200) {
            for (JsonNode detail : more.json()) {
              relay(detail, "  ");
            }
          }
        }
      }
    } catch (IOException | IllegalArgumentException failed) {
      context.log().warning("Could not read Kudu's deployment log: " + failed.getMessage());
    }
  }

  private void relay(JsonNode entry, String indent) {
    String time = text(entry, "log_time").orElse("");
    for (String line : text(entry, "message").orElse("").split("\\R")) {
      context
          .log()
          .info(
              TaskCommands.neutraliseCommands(indent + time + " " + line, Set.of())
                  .stripTrailing());
    }
  }

  private TaskException timedOut() {
    return new TaskException(
        "DeploymentTimedOut", context.loc("DeploymentTimedOut", minutes(deadline.length())));
  }

  private TaskException unauthorized(KuduClient.Response response) {
    return new TaskException(
        "KuduUnauthorized",
        context.loc("PackageDeploymentFailed")
            + " "
            + context.loc("KuduUnauthorized", response.status() + " " + response.errorText()));
  }

  private Duration callTimeout() {
    Duration left = deadline.remaining();
    return min(left.isZero() ? Duration.ofMillis(1) : left, Duration.ofSeconds(60));
  }

  static String minutes(Duration length) {
    long seconds = length.toSeconds();
    return seconds % 60 == 0
        ? Long.toString(seconds / 60)
        : String.format(Locale.ROOT, "%.2f", seconds / 60.0);
  }

  private static Optional<Duration> retryAfter(KuduClient.Response response) {
    return response
        .header("Retry-After")
        .flatMap(
            value -> {
              try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
              } catch (NumberFormatException httpDate) {
                return Optional.empty();
              }
            });
  }

  private static String reason(int code) {
    return switch (code) {
      case 409 -> "Conflict: another deployment is in progress";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> "";
    };
  }

  static String statusName(int status) {
    return switch (status) {
      case 0 -> "Pending";
      case 1 -> "Building";
      case 2 -> "Deploying";
      case 3 -> "Failed";
      case 4 -> "Success";
      default -> "Waiting for Kudu";
    };
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    String type = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  private boolean due(Instant lastLine) {
    return Duration.between(lastLine, Instant.now()).compareTo(progressInterval) >= 0;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  /** A byte count for people: {@code 12.3 MB}. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    String[] units = {"KB", "MB", "GB", "TB"};
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
