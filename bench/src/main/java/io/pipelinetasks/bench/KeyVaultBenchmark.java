package io.pipelinetasks.bench;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.DemoConnection;
import io.pipelinetasks.emulator.KeyVault;
import io.pipelinetasks.task.AgentOutput;
import io.pipelinetasks.task.EventSink;
import io.pipelinetasks.task.SecretMasker;
import io.pipelinetasks.task.TaskEvent;
import io.pipelinetasks.task.TaskResult;
import io.pipelinetasks.task.TaskRunner;
import io.pipelinetasks.tasks.keyvault.AzureKeyVaultInputs;
import io.pipelinetasks.tasks.keyvault.AzureKeyVaultTask;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times AzureKeyVault@2 against the emulator: a vault of 1,000 secrets, 20 ms of latency added to
 * every request. Three figures, each the median of several runs:
 *
 * <ul>
 *   <li><b>ours</b>: the whole task in this JVM (connection, token, list, values, variables), at
 *       the default concurrency and at any others given;
 *   <li><b>official</b>: the official task's schedule re-enacted with the JDK HTTP client: a token,
 *       then every list page in sequence ({@code maxresults=25}), then the values in sequential
 *       batches of 20 parallel requests, each batch waiting for its slowest;
 *   <li><b>page-bound limit</b>: the sequential list pages alone, with a token already in hand.
 *       Values cannot be read faster than the pages that name them arrive.
 * </ul>
 *
 * <p>Run it with {@code bench/keyvault.sh}; the JVM needs {@code -Djdk.net.hosts.file} so the
 * vault's real host name reaches the emulator.
 *
 * <pre>
 * java -Djdk.net.hosts.file=FILE -cp benchmarks.jar io.pipelinetasks.bench.KeyVaultBenchmark \
 *     [--runs 7] [--secrets 1000] [--latency-ms 20] [--concurrency 16,32]
 * </pre>
 */
public final class KeyVaultBenchmark {
  private static final String VAULT = "bench-kv";
  private static final String API = "2016-10-01";
  private static final Pattern VALUE = Pattern.compile("\"value\":\"([^\"]*)\"");
  private static final Pattern NEXT_LINK = Pattern.compile("\"nextLink\":\"([^\"]*)\"");
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]*)\"");

  private KeyVaultBenchmark() {}

  /**
   * Runs the benchmark and prints a table of medians.
   *
   * @param args {@code --runs N}, {@code --secrets N}, {@code --latency-ms N}, {@code --concurrency
   *     A,B,...}
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int runs = Integer.parseInt(options.getOrDefault("runs", "7"));
    int secrets = Integer.parseInt(options.getOrDefault("secrets", "1000"));
    Duration latency = Duration.ofMillis(Long.parseLong(options.getOrDefault("latency-ms", "20")));
    List<Integer> concurrencies = new ArrayList<>();
    for (String value : options.getOrDefault("concurrency", "16").split(",")) {
      concurrencies.add(Integer.parseInt(value.trim()));
    }
    String hosts = System.getProperty("jdk.net.hosts.file");
    if (hosts == null) {
      throw new IllegalStateException("Start the JVM with -Djdk.net.hosts.file=<file>");
    }

    KeyVault vault = KeyVault.of(Demo.SUBSCRIPTION_ID, Demo.RESOURCE_GROUP, VAULT, Demo.TENANT_ID);
    for (int i = 0; i < secrets; i++) {
      vault = vault.withSecret(String.format(Locale.ROOT, "secret-%04d", i), "bench-value-" + i);
    }
    vault = vault.withAccessPolicy(DemoConnection.SECRET.clientId(), "get", "list");
    Path state = Files.createTempDirectory("keyvault-bench");
    try (AzureEmulator azure =
        AzureEmulator.builder()
            .demo()
            .keyVault(vault)
            .hostsFile(Path.of(hosts))
            .latency(latency)
            .start()) {
      Map<String, String> env = new HashMap<>(azure.agentEnvironment());
      env.put("AGENT_TEMPDIRECTORY", state.toString());
      Official official = new Official(azure);

      System.out.printf(
          Locale.ROOT,
          "%d secrets, %d ms latency per request, %d runs each (after 2 warm-up runs)%n",
          secrets,
          latency.toMillis(),
          runs);
      // Warm-up: class loading, JIT, TLS session caches, the emulator's keys.
      for (int i = 0; i < 2; i++) {
        for (int concurrency : concurrencies) {
          ours(env, concurrency, secrets);
        }
        official.run(secrets);
        official.pagesOnly();
      }
      double loadBefore = load();
      Map<String, List<double[]>> samples = new java.util.LinkedHashMap<>();
      for (int run = 0; run < runs; run++) {
        for (int concurrency : concurrencies) {
          samples
              .computeIfAbsent("ours, concurrency " + concurrency, k -> new ArrayList<>())
              .add(timed(() -> ours(env, concurrency, secrets)));
        }
        samples
            .computeIfAbsent("official schedule", k -> new ArrayList<>())
            .add(timed(() -> official.run(secrets)));
        samples
            .computeIfAbsent("page-bound limit", k -> new ArrayList<>())
            .add(timed(official::pagesOnly));
      }
      double limit = median(samples.get("page-bound limit"), 0);
      double officialTime = median(samples.get("official schedule"), 0);
      System.out.printf(
          Locale.ROOT,
          "%-26s %9s %9s %9s %11s %11s %11s%n",
          "",
          "median ms",
          "min ms",
          "max ms",
          "/ official",
          "/ limit",
          "CPU ms");
      for (Map.Entry<String, List<double[]>> entry : samples.entrySet()) {
        List<double[]> values = entry.getValue();
        double median = median(values, 0);
        System.out.printf(
            Locale.ROOT,
            "%-26s %9.0f %9.0f %9.0f %11.2f %11.2f %11.0f%n",
            entry.getKey(),
            median,
            values.stream().mapToDouble(v -> v[0]).min().orElse(0),
            values.stream().mapToDouble(v -> v[0]).max().orElse(0),
            median / officialTime,
            median / limit,
            median(values, 1));
      }
      System.out.printf(
          Locale.ROOT,
          "CPU ms: this JVM's CPU time during the run, the emulator's included. Load average %.1f"
              + " before, %.1f after, on %d processors.%n",
          loadBefore,
          load(),
          Runtime.getRuntime().availableProcessors());
    } finally {
      deleteTree(state);
    }
  }

  /** The whole task, in this JVM, as the agent would run it; returns milliseconds. */
  private static double ours(Map<String, String> agentEnv, int concurrency, int expected) {
    Map<String, String> env = new HashMap<>(agentEnv);
    env.put("INPUT_CONNECTEDSERVICENAME", "demo-secret");
    env.put("INPUT_KEYVAULTNAME", VAULT);
    env.put("INPUT_SECRETSFILTER", "*");
    env.put("INPUT_RUNASPREJOB", "false");
    env.put("AZUREKEYVAULT_CONCURRENCY", Integer.toString(concurrency));
    AtomicInteger variables = new AtomicInteger();
    SecretMasker masker = new SecretMasker();
    // The agent sink, masking every line as in a real run, writing to nowhere.
    AgentOutput out = new AgentOutput(OutputStream.nullOutputStream(), masker);
    EventSink sink =
        new EventSink() {
          @Override
          public void accept(TaskEvent event) {
            if (event instanceof TaskEvent.Command command
                && command.command().is("task.setvariable")) {
              variables.incrementAndGet();
            }
            out.accept(event);
          }

          @Override
          public void flush() {
            out.flush();
          }
        };
    long started = System.nanoTime();
    TaskRunner.Outcome outcome =
        TaskRunner.run(
            AzureKeyVaultInputs::bind,
            new AzureKeyVaultTask(),
            env,
            masker,
            sink,
            new TaskRunner.Options(
                Optional.empty(), Optional.of(AzureKeyVaultTask.class.getClassLoader()), false));
    double millis = (System.nanoTime() - started) / 1e6;
    if (outcome.result() != TaskResult.Succeeded || variables.get() != expected) {
      throw new IllegalStateException(
          "The task did not set every variable: "
              + outcome.result()
              + " "
              + variables.get()
              + " "
              + outcome.message());
    }
    return millis;
  }

  /**
   * The official task's request schedule, re-enacted. Each run starts with a new HTTP client, as
   * each run of the task is a new process with no open connections; within a run connections are
   * kept alive, which favours the official task (its HTTP client does not keep them by default).
   */
  private static final class Official {
    private final AzureEmulator azure;
    private final URI vault;
    private HttpClient http;

    Official(AzureEmulator azure) {
      this.azure = azure;
      this.vault = azure.keyVaultUrl(VAULT);
    }

    private void newClient() {
      http = HttpClient.newBuilder().sslContext(azure.sslContext()).build();
    }

    /** Token, sequential pages, then batches of 20; returns milliseconds. */
    double run(int expected) {
      long started = System.nanoTime();
      newClient();
      String token = token();
      List<String> names = list(token);
      int read = 0;
      for (int from = 0; from < names.size(); from += 20) {
        List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
        for (String name : names.subList(from, Math.min(names.size(), from + 20))) {
          URI uri =
              vault.resolve(
                  "/secrets/"
                      + URLEncoder.encode(name, StandardCharsets.UTF_8)
                      + "?api-version="
                      + API);
          batch.add(http.sendAsync(get(uri, token), HttpResponse.BodyHandlers.ofString()));
        }
        // Each batch waits for its slowest request before the next one starts.
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
        for (CompletableFuture<HttpResponse<String>> response : batch) {
          Matcher value = VALUE.matcher(response.join().body());
          if (response.join().statusCode() == 200 && value.find()) {
            read++;
          }
        }
      }
      double millis = (System.nanoTime() - started) / 1e6;
      if (read != expected) {
        throw new IllegalStateException("The re-enactment read " + read + " of " + expected);
      }
      return millis;
    }

    /** The list pages alone, with a token fetched beforehand; returns milliseconds. */
    double pagesOnly() {
      newClient();
      String token = token();
      long started = System.nanoTime();
      list(token);
      return (System.nanoTime() - started) / 1e6;
    }

    private List<String> list(String token) {
      List<String> names = new ArrayList<>();
      URI next = vault.resolve("/secrets?maxresults=25&api-version=" + API);
      while (next != null) {
        String body = send(get(next, token)).body();
        Matcher id = Pattern.compile("\"id\":\"[^\"]*/secrets/([^\"/]*)\"").matcher(body);
        while (id.find()) {
          names.add(id.group(1));
        }
        Matcher link = NEXT_LINK.matcher(body);
        next = link.find() ? URI.create(link.group(1)) : null;
      }
      return names;
    }

    private String token() {
      String form =
          "grant_type=client_credentials&client_id="
              + DemoConnection.SECRET.clientId()
              + "&client_secret="
              + URLEncoder.encode(Demo.CLIENT_SECRET, StandardCharsets.UTF_8)
              + "&scope="
              + URLEncoder.encode("https://vault.azure.net/.default", StandardCharsets.UTF_8);
      HttpRequest request =
          HttpRequest.newBuilder(azure.baseUrl().resolve(Demo.TENANT_ID + "/oauth2/v2.0/token"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build();
      Matcher token = ACCESS_TOKEN.matcher(send(request).body());
      if (!token.find()) {
        throw new IllegalStateException("No token from the emulator");
      }
      return token.group(1);
    }

    private static HttpRequest get(URI uri, String token) {
      return HttpRequest.newBuilder(uri)
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json; charset=utf-8")
          .GET()
          .build();
    }

    private HttpResponse<String> send(HttpRequest request) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException(
              request.uri().getPath() + " answered " + response.statusCode());
        }
        return response;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Wall-clock and process CPU milliseconds of one run; the run itself returns its wall time. */
  private static double[] timed(java.util.function.DoubleSupplier run) {
    long cpu = cpuNanos();
    double wall = run.getAsDouble();
    return new double[] {wall, (cpuNanos() - cpu) / 1e6};
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double median(List<double[]> samples, int index) {
    List<Double> sorted = new ArrayList<>();
    for (double[] sample : samples) {
      sorted.add(sample[index]);
    }
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
