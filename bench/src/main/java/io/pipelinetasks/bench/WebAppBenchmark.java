package io.pipelinetasks.bench;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.DemoConnection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * AzureWebApp@1 deploying a generated folder (300 MiB by default) to the emulator's Linux app, run
 * as its own process the way the launcher starts it (the JVM options of the task folder's {@code
 * task.jvm.json}), against the baseline of {@code zip -1 -r} followed by {@code curl
 * --data-binary @file} to the same Kudu endpoint. Reports the task JVM's peak RSS ({@code
 * /usr/bin/time -v}) and the throughput of both, upload alone and end to end (until Kudu reports
 * the deployment done).
 *
 * <pre>
 * java -Djdk.net.hosts.file=WORK/hosts -cp ... io.pipelinetasks.bench.WebAppBenchmark \
 *     --task-folder tasks/AzureWebAppV1/target/task/AzureWebAppV1 --work WORK [--size-mb 300]
 *     [--content mixed|random] [--runs 3] [--jvm-option -Xmx128m]...
 * </pre>
 *
 * <p>Content: {@code mixed} (default) is half incompressible bytes (images, fonts, binaries) and
 * half generated source-like text that deflate shrinks about 3:1, in about 2,500 files in nested
 * folders, like a built web app with its dependencies; {@code random} is incompressible bytes only,
 * in {@code .bin} files, the worst case for compression time.
 */
public final class WebAppBenchmark {
  private static final Pattern MAX_RSS =
      Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
  private static final Pattern UPLOAD_LOG =
      Pattern.compile(
          "^POST demo-app\\.scm\\.azurewebsites\\.net(:\\d+)?/api/zipdeploy -> 202 \\((\\d+) ms\\)");

  private WebAppBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args see the class documentation
   */
  public static void main(String[] args) throws Exception {
    Map<String, List<String>> options = options(args);
    Path taskFolder = Path.of(one(options, "--task-folder", null)).toAbsolutePath();
    Path taskJar = taskFolder.resolve("task.jar");
    // The options the launcher passes, from the task folder, then any given here.
    List<String> jvmOptions = new ArrayList<>(launcherOptions(taskFolder));
    jvmOptions.addAll(options.getOrDefault("--jvm-option", List.of()));
    Path work = Path.of(one(options, "--work", null)).toAbsolutePath();
    int sizeMb = Integer.parseInt(one(options, "--size-mb", "300"));
    String content = one(options, "--content", "mixed");
    int runs = Integer.parseInt(one(options, "--runs", "3"));
    String hosts = System.getProperty("jdk.net.hosts.file");
    if (hosts == null) {
      throw new IllegalStateException("Start this JVM with -Djdk.net.hosts.file=<file>");
    }

    Path folder = work.resolve("site-" + content + "-" + sizeMb);
    if (!Files.exists(folder.resolve(".complete"))) {
      System.out.printf("generating %d MiB of %s content in %s%n", sizeMb, content, folder);
      generate(folder, sizeMb * 1024L * 1024L, content);
    }
    long folderBytes;
    long files;
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Path> all = walk.filter(Files::isRegularFile).toList();
      files = all.size();
      folderBytes = all.stream().mapToLong(WebAppBenchmark::size).sum();
    }

    List<String> requestLog = new CopyOnWriteArrayList<>();
    try (AzureEmulator azure =
        AzureEmulator.builder()
            .demo()
            .hostsFile(Path.of(hosts))
            .requestLog(requestLog::add)
            .start()) {
      List<Result> task = new ArrayList<>();
      List<Result> baseline = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        // Alternate the order, so neither side always gets the warmer page cache.
        if (run % 2 == 1) {
          task.add(runTask(azure, taskJar, folder, work, jvmOptions, requestLog, hosts));
          baseline.add(runBaseline(azure, folder, work, requestLog));
        } else {
          baseline.add(runBaseline(azure, folder, work, requestLog));
          task.add(runTask(azure, taskJar, folder, work, jvmOptions, requestLog, hosts));
        }
        System.out.printf(
            "run %d: task %s | baseline %s%n", run, task.get(run - 1), baseline.get(run - 1));
        cleanDeployments(azure);
      }
      report(content, folderBytes, files, jvmOptions, task, baseline);
    }
  }

  /** One measured deployment. */
  private record Result(
      double totalSeconds,
      double uploadSeconds,
      double zipSeconds,
      long peakRssKb,
      long bytesSent) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "total %.2f s, zip %.2f s, upload %.2f s, sent %d MiB%s",
          totalSeconds,
          zipSeconds,
          uploadSeconds,
          bytesSent >> 20,
          peakRssKb > 0 ? ", peak RSS " + (peakRssKb / 1024) + " MiB" : "");
    }
  }

  // ---------------------------------------------------------------- the task, as its own process

  private static Result runTask(
      AzureEmulator azure,
      Path taskJar,
      Path folder,
      Path work,
      List<String> jvmOptions,
      List<String> requestLog,
      String hosts)
      throws Exception {
    Path temp = Files.createDirectories(work.resolve("agent-temp"));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(azure.agentEnvironment());
    env.put("AGENT_TEMPDIRECTORY", temp.toString());
    env.put("SYSTEM_DEFAULTWORKINGDIRECTORY", work.toString());
    env.put("INPUT_AZURESUBSCRIPTION", "demo-wif");
    env.put("INPUT_APPTYPE", "webAppLinux");
    env.put("INPUT_APPNAME", Demo.WEB_APP);
    env.put("INPUT_PACKAGE", folder.toString());
    env.put("INPUT_DEPLOYMENTMETHOD", "auto");
    env.put("INPUT_SLOTNAME", "production");
    env.put("INPUT_DEPLOYTOSLOTORASE", "false");
    List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v", javaBinary()));
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-Djdk.net.hosts.file=" + hosts, "-jar", taskJar.toString(), "launcher"));
    Path out = work.resolve("task-stdout.txt");
    Path err = work.resolve("task-stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    requestLog.clear();
    long started = System.nanoTime();
    Process process = builder.start();
    // Each line with the time since the start, to see where the time goes.
    try (var lines =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var writer = Files.newBufferedWriter(out)) {
      String line;
      while ((line = lines.readLine()) != null) {
        writer.write(
            String.format(
                Locale.ROOT, "[%7.3f s] %s%n", seconds(System.nanoTime() - started), line));
      }
    }
    int exit = process.waitFor();
    double total = seconds(System.nanoTime() - started);
    String stdout = Files.readString(out);
    String stderr = Files.readString(err);
    if (exit != 0 || !stdout.contains("##vso[task.complete result=Succeeded")) {
      throw new IllegalStateException(
          "The task did not succeed (exit " + exit + "):\n" + stdout + "\n" + stderr);
    }
    Matcher rss = MAX_RSS.matcher(stderr);
    long rssKb = rss.find() ? Long.parseLong(rss.group(1)) : -1;
    return new Result(total, uploadSeconds(requestLog), 0, rssKb, uploadedBytes(azure));
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  // ---------------------------------------------------------------- zip -1 -r, then curl

  private static Result runBaseline(
      AzureEmulator azure, Path folder, Path work, List<String> requestLog) throws Exception {
    Path zip = work.resolve("baseline.zip");
    Files.deleteIfExists(zip);
    long started = System.nanoTime();
    run(folder, "zip", "-1", "-r", "-q", zip.toString(), ".");
    double zipSeconds = seconds(System.nanoTime() - started);
    String token =
        azure.accessToken(DemoConnection.WIF.clientId(), "https://management.azure.com/");
    String host = Demo.WEB_APP + ".scm.azurewebsites.net";
    Path headers = work.resolve("curl-headers.txt");
    Files.writeString(
        headers, "Authorization: Bearer " + token + "\nContent-Type: application/octet-stream\n");
    requestLog.clear();
    long uploadStarted = System.nanoTime();
    run(
        work,
        "curl",
        "-sS",
        "-o",
        "/dev/null",
        "--fail",
        "--cacert",
        azure.caPemFile().toString(),
        "--resolve",
        host + ":" + azure.port() + ":127.0.0.1",
        "-H",
        "@" + headers,
        "--data-binary",
        "@" + zip,
        "https://" + host + ":" + azure.port() + "/api/zipdeploy?isAsync=true&deployer=bench");
    double curlSeconds = seconds(System.nanoTime() - uploadStarted);
    awaitDeployment(azure, token, host);
    double total = seconds(System.nanoTime() - started);
    long sent = Files.size(zip);
    Files.delete(headers);
    return new Result(total, zipSeconds + curlSeconds, zipSeconds, -1, sent);
  }

  private static void awaitDeployment(AzureEmulator azure, String token, String host)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(azure.sslContext()).build();
    URI latest = URI.create("https://" + host + ":" + azure.port() + "/api/deployments/latest");
    while (true) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(latest).header("Authorization", "Bearer " + token).build(),
              HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      if (body.contains("\"status\":4")) {
        return;
      }
      if (body.contains("\"status\":3")) {
        throw new IllegalStateException("The baseline deployment failed: " + body);
      }
      // The task polls from 0.5 s up, doubling to 5 s; poll at its first pace here.
      Thread.sleep(500);
    }
  }

  private static void run(Path directory, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(command[0] + " exited with " + exit);
    }
  }

  // ---------------------------------------------------------------- measurements

  /** The server side of the upload: from the request's arrival to Kudu's 202. */
  private static double uploadSeconds(List<String> requestLog) {
    for (String line : requestLog) {
      Matcher matcher = UPLOAD_LOG.matcher(line);
      if (matcher.find()) {
        return Long.parseLong(matcher.group(2)) / 1000.0;
      }
    }
    return Double.NaN;
  }

  private static long uploadedBytes(AzureEmulator azure) throws IOException {
    Path deployments = azure.stateDirectory().resolve("sites/demo-app/site/deployments");
    long newest = 0;
    long size = 0;
    try (Stream<Path> uploads = Files.walk(deployments)) {
      for (Path upload :
          uploads.filter(p -> p.getFileName().toString().equals("upload.bin")).toList()) {
        long modified = Files.getLastModifiedTime(upload).toMillis();
        if (modified >= newest) {
          newest = modified;
          size = Files.size(upload);
        }
      }
    }
    return size;
  }

  private static void cleanDeployments(AzureEmulator azure) throws IOException {
    Path deployments = azure.stateDirectory().resolve("sites/demo-app/site/deployments");
    try (Stream<Path> uploads = Files.walk(deployments)) {
      for (Path upload :
          uploads.filter(p -> p.getFileName().toString().equals("upload.bin")).toList()) {
        Files.delete(upload);
      }
    }
  }

  private static void report(
      String content,
      long folderBytes,
      long files,
      List<String> jvmOptions,
      List<Result> task,
      List<Result> baseline) {
    double mib = folderBytes / (1024.0 * 1024.0);
    double taskTotal = median(task, Result::totalSeconds);
    double taskUpload = median(task, Result::uploadSeconds);
    double baseTotal = median(baseline, Result::totalSeconds);
    double baseUpload = median(baseline, Result::uploadSeconds);
    double baseZip = median(baseline, Result::zipSeconds);
    long rss = task.stream().mapToLong(Result::peakRssKb).max().orElse(-1);
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%nAzureWebApp@1 folder deployment, %s content: %.0f MiB in %d files, %d runs, medians%n",
            content,
            mib,
            files,
            task.size()));
    text.append(String.format(Locale.ROOT, "task JVM options: %s%n", String.join(" ", jvmOptions)));
    text.append(
        String.format(
            Locale.ROOT,
            "| | upload (zip + send) | MiB/s | end to end | MiB/s | peak RSS |%n|---|---|---|---|---|---|%n"));
    text.append(
        String.format(
            Locale.ROOT,
            "| task (streamed zip) | %.2f s | %.1f | %.2f s | %.1f | %d MiB |%n",
            taskUpload,
            mib / taskUpload,
            taskTotal,
            mib / taskTotal,
            rss / 1024));
    text.append(
        String.format(
            Locale.ROOT,
            "| zip -1 -r + curl --data-binary | %.2f s (zip %.2f s) | %.1f | %.2f s | %.1f | - |%n",
            baseUpload,
            baseZip,
            mib / baseUpload,
            baseTotal,
            mib / baseTotal));
    text.append(
        String.format(
            Locale.ROOT,
            "throughput, task / baseline: upload %.2fx, end to end %.2fx (the task's end to end"
                + " includes JVM start, token, ARM reads and polling)%n",
            baseUpload / taskUpload,
            baseTotal / taskTotal));
    System.out.print(text);
  }

  private static List<String> launcherOptions(Path taskFolder) throws IOException {
    List<String> jvmOptions = new ArrayList<>();
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(taskFolder.resolve("task.jvm.json").toFile());
    json.path("jvmOptions").forEach(option -> jvmOptions.add(option.asText()));
    return jvmOptions;
  }

  private static double median(
      List<Result> results, java.util.function.ToDoubleFunction<Result> value) {
    List<Double> values = new ArrayList<>();
    results.forEach(r -> values.add(value.applyAsDouble(r)));
    Collections.sort(values);
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- content

  /**
   * Writes the folder: {@code mixed} alternates incompressible files (images, fonts, binaries, 20
   * KiB to 4 MiB) and source-like text (1 KiB to 256 KiB of tokens from a small vocabulary, which
   * deflate shrinks about 3:1) until each half has its share; {@code random} writes only
   * incompressible {@code .bin} files. The generator is seeded, so every run deploys the same
   * bytes.
   */
  private static void generate(Path folder, long total, String content) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> walk = Files.walk(folder)) {
        for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    SplittableRandom random = new SplittableRandom(300);
    boolean mixed = content.equals("mixed");
    long binary = mixed ? total / 2 : total;
    long text = total - binary;
    String[] binaryKinds =
        mixed ? new String[] {"png", "jpg", "woff2", "bin"} : new String[] {"bin"};
    String[] textKinds = {"js", "css", "json", "html", "map"};
    byte[] buffer = new byte[1 << 20];
    int index = 0;
    while (binary > 0 || text > 0) {
      Path dir = folder.resolve(directory(random, index));
      Files.createDirectories(dir);
      if (binary > 0 && (text <= 0 || index % 2 == 0)) {
        long size = Math.min(binary, 20_480 + random.nextLong(4L << 20));
        Path file = dir.resolve("asset" + index + "." + binaryKinds[index % binaryKinds.length]);
        try (OutputStream out = Files.newOutputStream(file)) {
          long left = size;
          while (left > 0) {
            random.nextBytes(buffer);
            int n = (int) Math.min(left, buffer.length);
            out.write(buffer, 0, n);
            left -= n;
          }
        }
        binary -= size;
      } else {
        long size = Math.min(text, 1024 + random.nextLong(256 * 1024));
        Path file = dir.resolve("module" + index + "." + textKinds[index % textKinds.length]);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          writeText(out, random, size);
        }
        text -= size;
      }
      index++;
    }
    Files.writeString(folder.resolve(".complete"), "");
  }

  private static String directory(SplittableRandom random, int index) {
    String[] top = {"node_modules", "dist", "static", "public", "lib"};
    return top[index % top.length] + "/pkg" + (index % 97) + "/sub" + random.nextInt(6);
  }

  private static final String[] WORDS = {
    "function",
    "return",
    "const",
    "let",
    "var",
    "this",
    "value",
    "props",
    "state",
    "render",
    "export",
    "import",
    "default",
    "from",
    "if",
    "else",
    "for",
    "while",
    "null",
    "undefined",
    "true",
    "false",
    "new",
    "class",
    "extends",
    "super",
    "await",
    "async",
    "=>",
    "{",
    "}",
    "(",
    ")",
    ";",
    ".",
    ",",
    "===",
    "+",
    "-",
    "*",
    "/",
    "[",
    "]",
    "map",
    "filter",
    "reduce",
    "length",
    "document",
    "window",
    "element",
    "style",
    "color",
    "margin",
    "padding",
    "display",
    "flex",
  };

  private static void writeText(BufferedWriter out, SplittableRandom random, long size)
      throws IOException {
    long written = 0;
    while (written < size) {
      String word;
      if (random.nextInt(8) == 0) {
        // Identifiers: enough variety that the text does not compress absurdly well.
        word = "id" + Integer.toString(random.nextInt(1 << 20), 36);
      } else {
        word = WORDS[random.nextInt(WORDS.length)];
      }
      String piece = random.nextInt(12) == 0 ? word + "\n" : word + " ";
      if (written + piece.length() > size) {
        piece = "x".repeat((int) (size - written));
      }
      out.write(piece);
      written += piece.length();
    }
  }

  private static Map<String, List<String>> options(String[] args) {
    Map<String, List<String>> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
    }
    return options;
  }

  private static String one(Map<String, List<String>> options, String name, String fallback) {
    List<String> values = options.get(name);
    if (values == null || values.isEmpty()) {
      if (fallback == null) {
        throw new IllegalArgumentException("Missing " + name);
      }
      return fallback;
    }
    return values.get(values.size() - 1);
  }
}
