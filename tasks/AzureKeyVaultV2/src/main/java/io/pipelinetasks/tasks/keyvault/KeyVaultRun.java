package io.pipelinetasks.tasks.keyvault;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.TaskResult;
import io.pipelinetasks.task.azure.AuthenticationException;
import io.pipelinetasks.task.azure.AzureAuth;
import io.pipelinetasks.task.azure.AzureCredentials;
import io.pipelinetasks.task.azure.AzureRmConnection;
import io.pipelinetasks.task.azure.AzureRmConnections;
import io.pipelinetasks.tasks.keyvault.FailureMessages.Operation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One run of the task: checks, download, variables, summary. */
final class KeyVaultRun implements SecretDownloader.Listener {
  // The result message lists at most this many failed secrets; the log has all of them.
  private static final int MAX_LISTED_FAILURES = 25;

  private final TaskContext context;
  private final AzureKeyVaultInputs inputs;
  private final EntryPoint entryPoint;
  private final Instant now = Instant.now();
  private final List<String> failures = new ArrayList<>();
  private SecretVariables variables;
  private FailureMessages messages;
  private Map<SecretRef, List<String>> variableNames = Map.of();
  private String vaultUrl = "";
  private Duration timeout = DownloadSettings.DEFAULT_TIMEOUT;
  private int downloaded;
  private int skipped;
  private int failed;

  KeyVaultRun(TaskContext context, AzureKeyVaultInputs inputs, EntryPoint entryPoint) {
    this.context = context;
    this.inputs = inputs;
    this.entryPoint = entryPoint;
  }

  void execute() throws InterruptedException {
    if (!entryPoint.runs(inputs.RunAsPreJob())) {
      context.setResult(
          TaskResult.Skipped, context.loc("SkippedByRunAsPreJob", inputs.RunAsPreJob()));
      return;
    }
    String vaultName = inputs.KeyVaultName();
    AzureRmConnection connection =
        AzureRmConnections.resolve(context, inputs.ConnectedServiceName());
    context
        .log()
        .info(context.loc("SubscriptionIdLabel", connection.scope().subscriptionId().orElse("")));
    context.log().info(context.loc("KeyVaultNameLabel", vaultName));
    if (!VaultNames.valid(vaultName)) {
      throw new TaskException("InvalidKeyVaultName", context.loc("InvalidKeyVaultName", vaultName));
    }
    SecretsFilter filter;
    try {
      filter = SecretsFilter.parse(inputs.SecretsFilter());
    } catch (SecretsFilter.MixedFilterException mixed) {
      throw new TaskException("FilterMixesAll", context.loc("FilterMixesAll"));
    }
    DownloadSettings settings = DownloadSettings.from(context);
    timeout = settings.timeout();
    AzureAuth auth = AzureCredentials.create(context, connection);
    vaultUrl = auth.cloud().keyVaultUrl(vaultName);
    Vault vault =
        SdkVault.create(
            vaultUrl,
            auth.credential(),
            auth.httpClient(),
            VaultNames.isKeyVaultHost(vaultUrl, auth.cloud()));
    variables = new SecretVariables(context);
    messages = new FailureMessages(context, settings.timeout());
    context
        .log()
        .info(
            context.loc(
                "DownloadSettings", settings.concurrency(), settings.timeout().toSeconds()));

    Optional<List<SecretRef>> named = Optional.empty();
    if (!filter.all()) {
      variableNames = filter.variableNames();
      List<SecretRef> valid = new ArrayList<>();
      for (SecretRef secret : filter.entries()) {
        if (!secret.validName()) {
          fail(secret, context.loc("GetSecretFailedBecauseOfInvalidCharacters", secret.name()));
        } else if (!secret.validVersion()) {
          fail(
              secret,
              context.loc("InvalidSecretVersion", secret.version().orElse(""), secret.name()));
        } else {
          valid.add(secret);
        }
      }
      named = Optional.of(valid);
    }

    SecretDownloader downloader =
        new SecretDownloader(
            vault,
            settings.concurrency(),
            settings.requestTimeout(),
            Deadline.after(settings.timeout()),
            duration -> Thread.sleep(duration.toMillis()));
    SecretDownloader.Report report = downloader.download(named, now, this);
    finish(vaultName, report, auth);
  }

  private void finish(String vaultName, SecretDownloader.Report report, AzureAuth auth) {
    String summary = context.loc("Summary", vaultName, downloaded, skipped, failed);
    if (report.fatal().isPresent()) {
      if (downloaded > 0 || skipped > 0) {
        context.log().info(summary);
      }
      throw fatal(report.fatal().get(), vaultName, auth);
    }
    List<String> problems = new ArrayList<>();
    report
        .listingFailure()
        .ifPresent(
            gaveUp ->
                problems.add(
                    context.loc("GetSecretsFailed", messages.gaveUp(gaveUp, Operation.LIST))));
    if (report.deadlineExceeded() && !report.listingComplete()) {
      problems.add(context.loc("ListingIncomplete", timeout.toSeconds()));
    }
    if (failed == 0 && problems.isEmpty()) {
      context.log().info(summary);
      return;
    }
    StringBuilder message = new StringBuilder(summary);
    for (String problem : problems) {
      message.append('\n').append(problem);
    }
    int shown = Math.min(failures.size(), MAX_LISTED_FAILURES);
    for (int i = 0; i < shown; i++) {
      message.append('\n').append(failures.get(i));
    }
    if (failures.size() > shown) {
      message.append('\n').append(context.loc("MoreFailures", failures.size() - shown));
    }
    context.setResult(TaskResult.Failed, message.toString());
  }

  private TaskException fatal(VaultFailure failure, String vaultName, AzureAuth auth) {
    for (Throwable c = failure.cause(); c != null; c = c.getCause()) {
      if (c instanceof AuthenticationException login) {
        return login;
      }
    }
    String host = URI.create(vaultUrl).getHost();
    return switch (failure.kind()) {
      case HOST_NOT_FOUND ->
          new TaskException(
              "VaultNotFound",
              context.loc("VaultNotFound", vaultName, host, auth.cloud().name()),
              failure.cause());
      case TLS ->
          new TaskException(
              "VaultTlsFailed",
              context.loc("VaultTlsFailed", host, failure.message()),
              failure.cause());
      default ->
          failure.status() == 401
              ? new TaskException(
                  "VaultUnauthorized",
                  context.loc(
                      "VaultUnauthorized",
                      vaultName,
                      FailureMessages.withoutClientId(failure.message())),
                  failure.cause())
              : new TaskException(
                  failure.firewall() ? "VaultFirewall" : "VaultFailed",
                  messages.describe(failure, Operation.GET),
                  failure.cause());
    };
  }

  private void fail(SecretRef secret, String why) {
    failed++;
    String line = secret.display() + ": " + why;
    failures.add(line);
    // The official message ends with a period of its own.
    String text = why.endsWith(".") ? why.substring(0, why.length() - 1) : why;
    context.log().info(context.loc("GetSecretValueFailed", secret.display(), text));
  }

  // ---------------------------------------------------------------- download events

  @Override
  public void listing() {
    context.log().info(context.loc("DownloadingSecretsUsing", vaultUrl + "/secrets"));
  }

  @Override
  public void started(SecretRef secret) {
    context.log().info(context.loc("DownloadingSecretValue", secret.display()));
  }

  @Override
  public void retrying(String what, int attempt, VaultFailure failure, Duration delay) {
    context
        .log()
        .info(
            context.loc(
                "Retrying",
                what,
                FailureMessages.brief(failure),
                FailureMessages.seconds(delay),
                attempt + 1,
                Retrier.MAX_ATTEMPTS));
  }

  @Override
  public void listed(int total, int eligible) {
    if (total == 0) {
      context.log().info(context.loc("NoSecretsFound", vaultUrl));
      return;
    }
    context.log().info(context.loc("NumberOfSecretsFound", vaultUrl, total));
    context.log().info(context.loc("NumberOfEnabledSecretsFound", vaultUrl, eligible));
  }

  @Override
  public void arriving(List<Vault.Fetched> values) {
    for (Vault.Fetched fetched : values) {
      variables.register(fetched.value());
    }
  }

  @Override
  public void downloaded(SecretRef secret, Vault.Fetched fetched) {
    // Key Vault returns expired and not-yet-valid values; named secrets are judged here, listed
    // ones were judged from the list already.
    Optional<SkipReason> invalid = fetched.attributes().skipReason(now);
    if (invalid.isPresent()) {
      skipped(secret, invalid.get());
      return;
    }
    List<String> names = variableNames.getOrDefault(secret, List.of(secret.name()));
    Optional<SkipReason> notSet = variables.apply(secret.display(), names, fetched.value());
    if (notSet.isPresent()) {
      skipped(secret, notSet.get());
    } else {
      downloaded++;
    }
  }

  @Override
  public void skipped(SecretRef secret, SkipReason reason) {
    skipped++;
    context.log().info(context.loc("SecretSkipped", secret.display(), reason(reason)));
  }

  @Override
  public void failed(SecretRef secret, Retrier.GaveUp failure) {
    fail(secret, messages.gaveUp(failure, Operation.GET));
  }

  private String reason(SkipReason reason) {
    String when = reason.when().map(Instant::toString).orElse("");
    return switch (reason.kind()) {
      case DISABLED -> context.loc("ReasonDisabled");
      case EXPIRED -> context.loc("ReasonExpired", when);
      case NOT_YET_VALID -> context.loc("ReasonNotYetValid", when);
      case EMPTY -> context.loc("ReasonEmpty");
      case MULTI_LINE_NOT_ALLOWED -> context.loc("ReasonMultiLine");
    };
  }
}
