package io.pipelinetasks.bench;

import io.pipelinetasks.task.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The secret masker over a large log: 100 registered secrets (each with its encoded forms), 8 MiB
 * of log-like lines of which one in a thousand holds a secret. One operation masks the whole 8 MiB,
 * line by line as the agent sink does, or as one stream; MB/s = 8 × ops/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MaskerBenchmark {
  /** The size of the text masked per operation. */
  static final int TEXT_BYTES = 8 * 1024 * 1024;

  @Param({"100"})
  int secrets;

  private SecretMasker masker;
  private List<String> lines;
  private String text;

  /** Builds the secrets and the log. */
  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    masker = new SecretMasker();
    List<String> values = new ArrayList<>();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/=%";
    for (int i = 0; i < secrets; i++) {
      StringBuilder secret = new StringBuilder();
      for (int c = 0, n = 16 + random.nextInt(48); c < n; c++) {
        secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(secret.toString());
      masker.add(secret.toString());
    }
    String[] words = {
      "Downloading",
      "package",
      "from",
      "https://management.azure.com/subscriptions/",
      "resourceGroups",
      "deployment",
      "succeeded",
      "in",
      "1234",
      "ms",
      "[INFO]",
      "az",
      "group",
      "list",
      "--output",
      "json",
      "{\"id\":",
      "\"name\":",
      "true",
      "false"
    };
    lines = new ArrayList<>();
    StringBuilder all = new StringBuilder(TEXT_BYTES + 1024);
    int bytes = 0;
    int count = 0;
    while (bytes < TEXT_BYTES) {
      StringBuilder line = new StringBuilder(120);
      for (int w = 0, n = 6 + random.nextInt(14); w < n; w++) {
        line.append(words[random.nextInt(words.length)]).append(' ');
      }
      if (++count % 1000 == 0) {
        line.append(values.get(random.nextInt(values.size())));
      }
      String done = line.toString();
      lines.add(done);
      all.append(done).append('\n');
      bytes += done.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    text = all.toString();
  }

  /** Masks the log line by line, as the agent sink does. */
  @Benchmark
  public void maskLineByLine(Blackhole hole) {
    for (String line : lines) {
      hole.consume(masker.mask(line));
    }
  }

  /** Masks the log as one stream in 64 KiB pieces, as long tool output is masked. */
  @Benchmark
  public void maskStreaming(Blackhole hole) {
    SecretMasker.Stream stream = masker.stream(hole::consume);
    for (int at = 0; at < text.length(); at += 65536) {
      stream.write(text.substring(at, Math.min(text.length(), at + 65536)));
    }
    stream.finish();
  }
}
