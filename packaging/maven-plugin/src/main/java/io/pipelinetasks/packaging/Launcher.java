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
 *
 * <p>Class data sharing: a packaged AppCDS archive is used when it fits; otherwise, once the task
 * folder has outlived a job (a self-hosted agent that keeps it), a run writes a dynamic archive
 * into it ({@code appcds-<hash>.jsa}, named after the JVM, the jar and the options it fits) and
 * later runs use it. The rules are in the plugin's README; {@code PIPELINETASKS_APPCDS=off} turns
 * it off.
 */
public final class Launcher {
  /** The file name of the task's shaded jar inside the task folder. */
  public static final String JAR_FILE = "task.jar";

  /** The launcher's settings file inside the task folder: JVM options and the AppCDS archive. */
  public static final String CONFIG_FILE = "task.jvm.json";

  /**
   * The name prefix of the files the launcher writes into the task folder at run time: its AppCDS
   * archives ({@code appcds-<hash>.jsa}) and their temporary and marker files.
   */
  public static final String CACHE_PREFIX = "appcds-";

  /** The environment variable whose whitespace-separated JVM options the launcher appends. */
  public static final String JVM_OPTIONS_VARIABLE = "PIPELINETASKS_JVM_OPTIONS";

  private Launcher() {}

  /**
   * Whether a file is part of the launcher's run-time cache rather than of the task: a file
   * directly in the task folder whose name starts with {@link #CACHE_PREFIX}.
   *
   * @param taskFolder the task folder
   * @param file a file in it
   */
  public static boolean isRuntimeCache(Path taskFolder, Path file) {
    Path parent = file.getParent();
    Path name = file.getFileName();
    return parent != null
        && name != null
        && parent.equals(taskFolder)
        && name.toString().startsWith(CACHE_PREFIX);
  }

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
