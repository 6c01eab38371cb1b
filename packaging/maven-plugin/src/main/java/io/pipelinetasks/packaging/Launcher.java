package io.pipelinetasks.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Node launcher that starts a Java task: a small JavaScript file, the {@code target} of the
 * task's {@code Node20_1} and {@code Node24} handlers.
 *
 * <p>The agent runs {@code node <task folder>/<target>}. The launcher finds Java 17 or later
 * ({@code JAVA_HOME_<n>_X64}/{@code _ARM64} from 17 upwards, then {@code JAVA_HOME}, then {@code
 * PATH}), starts {@code java [options] -jar task.jar <entry>} with the environment untouched and
 * stdio inherited, forwards SIGINT and SIGTERM, and exits with the JVM's exit code ({@code 128 +
 * signal} if the JVM was killed). {@code <entry>} is the launcher's own base name ({@code launcher}
 * for {@code launcher.js}, {@code prejob} for {@code prejob.js}), so one jar can serve the pre-job
 * and step entry points. Without a suitable Java it fails the step the agent's way: an error issue,
 * {@code task.complete result=Failed} naming the Java it needs, and exit code 0.
 *
 * <p>JVM options come from {@link #CONFIG_FILE} next to it (written by {@link TaskFolderBuilder}),
 * then from the {@code PIPELINETASKS_JVM_OPTIONS} environment variable, which the local runner uses
 * to hand the task JVM the emulator's hosts file without the JDK printing a "Picked up" note.
 */
public final class Launcher {
  /** The file name of the task's shaded jar inside the task folder. */
  public static final String JAR_FILE = "task.jar";

  /** The launcher's settings file inside the task folder: JVM options and the AppCDS archive. */
  public static final String CONFIG_FILE = "task.jvm.json";

  /** The environment variable whose whitespace-separated JVM options the launcher appends. */
  public static final String JVM_OPTIONS_VARIABLE = "PIPELINETASKS_JVM_OPTIONS";

  private Launcher() {}

  /** The launcher's JavaScript source. */
  public static String script() {
    try (InputStream in = Launcher.class.getResourceAsStream("launcher.js")) {
      if (in == null) {
        throw new IllegalStateException("launcher.js is missing from the plugin jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The entry-point name a launcher file passes to the jar: its file name without {@code .js}.
   *
   * @param target a handler target such as {@code prejob.js}
   */
  public static String entryPoint(String target) {
    return target.endsWith(".js") ? target.substring(0, target.length() - 3) : target;
  }

  /**
   * Writes a launcher copy.
   *
   * @param file where, for example {@code <task folder>/launcher.js}
   */
  public static void write(Path file) {
    try {
      Files.writeString(file, script(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PackagingException(
          "WriteFailed", file + ": cannot be written (" + e.getMessage() + ").", e);
    }
  }
}
