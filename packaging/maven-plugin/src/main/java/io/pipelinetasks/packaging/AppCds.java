package io.pipelinetasks.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes a dynamic AppCDS archive for a task folder by running the task once with {@code
 * -XX:ArchiveClassesAtExit}, under an agent-shaped environment with the training inputs.
 *
 * <p>JDK 17 uses an archive only with the JVM build that made it and the jar at the path it had, so
 * the archive records both; the launcher compares them with the agent's Java (its {@code release}
 * file) and the jar's path before passing {@code -XX:SharedArchiveFile}, and silences the CDS log
 * so no warning can reach stdout, where the agent parses commands.
 */
final class AppCds {
  static final String ARCHIVE_FILE = "task.jsa";

  record Archive(Path file, String vmVersion, String vmVendor, String jar) {}

  private AppCds() {}

  static Optional<Archive> make(
      Path folder,
      String entryPoint,
      List<String> jvmOptions,
      Map<String, String> inputs,
      Consumer<String> log)
      throws IOException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    Path jar = folder.resolve(Launcher.JAR_FILE).toRealPath();
    Path archive = folder.resolve(ARCHIVE_FILE).toAbsolutePath();
    Files.deleteIfExists(archive);
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(jvmOptions);
    command.add("-XX:ArchiveClassesAtExit=" + archive);
    command.add("-Xlog:cds=off");
    command.add("-Xlog:cds+dynamic=off");
    command.add("-jar");
    command.add(jar.toString());
    command.add(entryPoint);
    Path temp = Files.createTempDirectory("pipelinetasks-appcds");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
      Map<String, String> env = builder.environment();
      String path = env.getOrDefault("PATH", "/usr/bin:/bin");
      env.clear();
      env.put("PATH", path);
      env.put("AGENT_TEMPDIRECTORY", temp.toString());
      env.put("AGENT_VERSION", "4.260.0");
      env.put("SYSTEM_CULTURE", "en-US");
      env.put("SYSTEM_DEFAULTWORKINGDIRECTORY", temp.toString());
      inputs.forEach(
          (name, value) ->
              env.put(
                  "INPUT_" + name.replace('.', '_').replace(' ', '_').toUpperCase(Locale.ROOT),
                  value));
      builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        log.accept("The AppCDS training run did not finish in 120 s; no archive");
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      TaskFolderBuilder.deleteRecursively(temp);
    }
    if (!Files.isRegularFile(archive)) {
      log.accept("The AppCDS training run made no archive; the task will start without one");
      return Optional.empty();
    }
    Properties release = release(javaHome);
    return Optional.of(
        new Archive(
            archive,
            release.getProperty("JAVA_RUNTIME_VERSION", System.getProperty("java.vm.version")),
            release.getProperty("IMPLEMENTOR", System.getProperty("java.vm.vendor")),
            jar.toString()));
  }

  /** The Java home's {@code release} file, the same values the launcher reads. */
  private static Properties release(Path javaHome) throws IOException {
    Properties values = new Properties();
    Path file = javaHome.resolve("release");
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          String value = line.substring(eq + 1).trim();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          values.setProperty(line.substring(0, eq).trim(), value);
        }
      }
    }
    return values;
  }
}
