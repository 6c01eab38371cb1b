package io.pipelinetasks.tasks.keyvault;

import io.pipelinetasks.task.TaskContext;
import java.time.Duration;
import java.util.Optional;

/**
 * The knobs a pipeline can turn through variables.
 *
 * @param concurrency how many secret values are read at once ({@code AzureKeyVault.Concurrency},
 *     default 16, 1 to 64)
 * @param timeout how long the whole download may take ({@code AzureKeyVault.TimeoutSeconds},
 *     default 600)
 * @param requestTimeout how long one request may take ({@code AzureKeyVault.RequestTimeoutSeconds},
 *     default 30)
 */
record DownloadSettings(int concurrency, Duration timeout, Duration requestTimeout) {
  static final String CONCURRENCY = "AzureKeyVault.Concurrency";
  static final String TIMEOUT = "AzureKeyVault.TimeoutSeconds";
  static final String REQUEST_TIMEOUT = "AzureKeyVault.RequestTimeoutSeconds";

  static final int DEFAULT_CONCURRENCY = 16;
  // Beyond this the pool only collects 429s: Key Vault allows a few thousand reads per ten
  // seconds per vault.
  static final int MAX_CONCURRENCY = 64;
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** The settings from the pipeline variables; a bad value is warned about and ignored. */
  static DownloadSettings from(TaskContext context) {
    int concurrency = number(context, CONCURRENCY, 1, MAX_CONCURRENCY).orElse(DEFAULT_CONCURRENCY);
    Duration timeout =
        number(context, TIMEOUT, 1, 24 * 3600)
            .<Duration>map(Duration::ofSeconds)
            .orElse(DEFAULT_TIMEOUT);
    Duration request =
        number(context, REQUEST_TIMEOUT, 1, 3600)
            .<Duration>map(Duration::ofSeconds)
            .orElse(DEFAULT_REQUEST_TIMEOUT);
    return new DownloadSettings(concurrency, timeout, request);
  }

  private static Optional<Integer> number(TaskContext context, String name, int min, int max) {
    Optional<String> raw = context.variable(name).map(String::trim).filter(v -> !v.isEmpty());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= min && value <= max) {
        return Optional.of(value);
      }
    } catch (NumberFormatException notNumber) {
      // warned below
    }
    context
        .log()
        .warning(
            "Ignoring the pipeline variable "
                + name
                + ": it must be a whole number from "
                + min
                + " to "
                + max
                + ".");
    return Optional.empty();
  }
}
