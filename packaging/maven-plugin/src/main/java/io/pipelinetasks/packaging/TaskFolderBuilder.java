package io.pipelinetasks.packaging;

import io.pipelinetasks.taskjson.ExecutionHandler;
import io.pipelinetasks.taskjson.Problem;
import io.pipelinetasks.taskjson.TaskDefinition;
import io.pipelinetasks.taskjson.TaskJson;
import io.pipelinetasks.taskjson.TaskJsonException;
import io.pipelinetasks.taskjson.TaskJsonValidator;
import io.pipelinetasks.taskjson.TaskVersion;
import io.pipelinetasks.taskjson.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds a task folder exactly as the agent downloads it:
 *
 * <pre>
 * &lt;name&gt;V&lt;major&gt;/
 *   task.json        the module's task.json with Minor and Patch stamped
 *   launcher.js      one identical copy per distinct handler target (launcher.js, prejob.js, ...)
 *   task.jar         the task's unsigned shaded jar
 *   task.jvm.json    the launcher's JVM options (and the AppCDS archive, when made)
 *   icon.png         the module's icon, or a default one
 *   Strings/         the module's translations, when it has them
 *   task.jsa         the AppCDS archive, only when asked for
 * </pre>
 *
 * <p>At run time the launcher may add its AppCDS cache ({@code appcds-*} files, see {@link
 * Launcher}); copying a used folder into a VSIX or zip leaves those out.
 *
 * <p>The task.json must be runnable through the launcher: every execution block holds {@code
 * Node20_1} and {@code Node24} with the same plain {@code .js} target, no other kind of handler,
 * {@code "demands": ["java"]} and {@code minimumAgentVersion} at least {@value #MINIMUM_AGENT}.
 * Every problem is reported at once, naming the file and the fix.
 */
public final class TaskFolderBuilder {
  /** The oldest agent that knows the {@code Node20_1} handler. */
  public static final String MINIMUM_AGENT = "4.248.0";

  /**
   * The JVM options a launcher passes unless configured otherwise: C1 only, and no perf-data file.
   * Not {@code -XX:+UseSerialGC}: on JDK 17 the JDK's CDS archive maps its archived heap objects
   * only under G1, and a task starts about 10 ms later without them (bench/startup/README.md).
   */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

  private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*\\.js");
  private static final Pattern VERSIONED_FOLDER = Pattern.compile(".*V(\\d+)");

  private final Path taskJson;
  private Path jar;
  private Path icon;
  private Path strings;
  private Integer minor;
  private Integer patch;
  private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
  private boolean appCds;
  private Map<String, String> trainingInputs = Map.of();
  private Consumer<String> log = message -> {};

  private TaskFolderBuilder(Path taskJson) {
    this.taskJson = taskJson;
    Path module = taskJson.toAbsolutePath().getParent();
    this.jar = module.resolve("target").resolve(Launcher.JAR_FILE);
    this.icon = module.resolve("icon.png");
    this.strings = module.resolve("Strings");
  }

  /**
   * Starts a folder for the task of a module, with the module's conventions: {@code task.json},
   * {@code icon.png} and {@code Strings/} at the module root, the jar at {@code target/task.jar}.
   *
   * @param taskJson the module's task.json
   */
  public static TaskFolderBuilder forTask(Path taskJson) {
    return new TaskFolderBuilder(Objects.requireNonNull(taskJson, "taskJson"));
  }

  /** The task's shaded jar. */
  public TaskFolderBuilder jar(Path value) {
    this.jar = Objects.requireNonNull(value, "jar");
    return this;
  }

  /** The task's icon; a default icon is used when this file does not exist. */
  public TaskFolderBuilder icon(Path value) {
    this.icon = Objects.requireNonNull(value, "icon");
    return this;
  }

  /** The task's {@code Strings} folder; skipped when it does not exist. */
  public TaskFolderBuilder strings(Path value) {
    this.strings = Objects.requireNonNull(value, "strings");
    return this;
  }

  /**
   * The version to stamp. Major always comes from task.json; a null minor or patch keeps the value
   * task.json has.
   */
  public TaskFolderBuilder version(Integer minorValue, Integer patchValue) {
    if ((minorValue != null && minorValue < 0) || (patchValue != null && patchValue < 0)) {
      throw new PackagingException(
          "VersionInvalid",
          "Minor and Patch must be 0 or more, not " + minorValue + "." + patchValue);
    }
    this.minor = minorValue;
    this.patch = patchValue;
    return this;
  }

  /** The JVM options the launcher passes, instead of {@link #DEFAULT_JVM_OPTIONS}. */
  public TaskFolderBuilder jvmOptions(List<String> value) {
    this.jvmOptions = List.copyOf(value);
    return this;
  }

  /**
   * Whether to make an AppCDS archive by running the task once with {@code
   * -XX:ArchiveClassesAtExit}. The launcher uses it only with the same JVM and the jar at the same
   * path (a JDK 17 limit), so it helps local runs and benchmarks, not hosted agents.
   */
  public TaskFolderBuilder appCds(boolean value) {
    this.appCds = value;
    return this;
  }

  /** Inputs for the AppCDS training run, by input name. */
  public TaskFolderBuilder trainingInputs(Map<String, String> value) {
    this.trainingInputs = Map.copyOf(value);
    return this;
  }

  /** Where progress messages go. */
  public TaskFolderBuilder log(Consumer<String> value) {
    this.log = Objects.requireNonNull(value, "log");
    return this;
  }

  /**
   * Builds the folder {@code <outputParent>/<name>V<major>}, replacing what was there.
   *
   * @param outputParent the folder that receives the task folder
   * @return what was built
   * @throws PackagingException naming the file and the fix when something is missing or invalid
   */
  public TaskFolder build(Path outputParent) {
    TaskDefinition task = readRunnable(taskJson);
    checkModuleFolder(task);
    TaskVersion source = task.version();
    TaskVersion stamped =
        TaskVersion.of(
            source.major(),
            minor == null ? source.minor() : minor,
            patch == null ? source.patch() : patch);
    task = task.withVersion(stamped);
    if (!Files.isRegularFile(jar)) {
      throw new PackagingException(
          "JarMissing",
          jar
              + ": the task's shaded jar does not exist. The task parent (tasks/pom.xml) makes it"
              + " with maven-shade-plugin in the package phase; run `mvn package` and set"
              + " <task.mainClass> in the module's pom.");
    }
    Path folder = outputParent.resolve(TaskFolder.folderName(task));
    try {
      Files.createDirectories(outputParent);
      deleteRecursively(folder);
      Files.createDirectories(folder);
      TaskJson.writeTask(task, folder.resolve("task.json"));
      List<String> launchers = launcherTargets(task);
      for (String target : launchers) {
        Launcher.write(folder.resolve(target));
      }
      Files.copy(jar, folder.resolve(Launcher.JAR_FILE), StandardCopyOption.REPLACE_EXISTING);
      if (Files.isRegularFile(icon)) {
        Files.copy(icon, folder.resolve("icon.png"));
      } else {
        try (InputStream in = TaskFolderBuilder.class.getResourceAsStream("default-icon.png")) {
          Files.copy(Objects.requireNonNull(in, "default-icon.png"), folder.resolve("icon.png"));
        }
      }
      if (Files.isDirectory(strings)) {
        copyTree(strings, folder.resolve("Strings"));
      }
      Optional<AppCds.Archive> archive = Optional.empty();
      if (appCds) {
        log.accept("Making the AppCDS archive by running the task once");
        archive =
            AppCds.make(
                folder, Launcher.entryPoint(launchers.get(0)), jvmOptions, trainingInputs, log);
      }
      Files.writeString(folder.resolve(Launcher.CONFIG_FILE), launcherConfig(archive));
      log.accept(
          "Task folder "
              + folder
              + " ("
              + task.name()
              + "@"
              + stamped.major()
              + " version "
              + stamped
              + ", launchers "
              + String.join(", ", launchers)
              + ")");
      return new TaskFolder(folder, task, launchers, archive.map(AppCds.Archive::file));
    } catch (IOException e) {
      throw new PackagingException(
          "WriteFailed", folder + ": cannot be written (" + e.getMessage() + ").", e);
    }
  }

  private String launcherConfig(Optional<AppCds.Archive> archive) {
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"jvmOptions\": ").append(JsonText.list(jvmOptions));
    archive.ifPresent(
        a -> {
          Map<String, String> cds = new LinkedHashMap<>();
          cds.put("archive", a.file().getFileName().toString());
          cds.put("vmVersion", a.vmVersion());
          cds.put("vmVendor", a.vmVendor());
          cds.put("jar", a.jar());
          json.append(",\n  \"appCds\": ").append(JsonText.object(cds, "  "));
        });
    return json.append("\n}\n").toString();
  }

  /**
   * Reads a task.json and checks that it is valid and runnable through the launcher.
   *
   * @param file the task.json
   * @return the task
   * @throws PackagingException listing every problem
   */
  public static TaskDefinition readRunnable(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new PackagingException(
          "TaskJsonMissing",
          file + ": not found. A task module keeps its task.json at the module root.");
    }
    ValidationReport report = TaskJsonValidator.validate(file);
    List<String> problems = new ArrayList<>();
    for (Problem problem : report.errors()) {
      problems.add(problem.toString());
    }
    if (!problems.isEmpty()) {
      throw invalid(file, problems);
    }
    TaskDefinition task;
    try {
      task = TaskJson.readTask(file);
    } catch (TaskJsonException e) {
      throw new PackagingException("TaskJsonInvalid", e.getMessage(), e);
    }
    problems.addAll(launcherProblems(task, file));
    if (!problems.isEmpty()) {
      throw invalid(file, problems);
    }
    return task;
  }

  private static PackagingException invalid(Path file, List<String> problems) {
    return new PackagingException(
        "TaskJsonInvalid", file + " cannot be packaged:\n  " + String.join("\n  ", problems));
  }

  /**
   * What stops a task.json from running through the launcher; empty when nothing does.
   *
   * @param task the task
   * @param file its file, for the messages
   */
  public static List<String> launcherProblems(TaskDefinition task, Path file) {
    List<String> problems = new ArrayList<>();
    String example =
        " (for example \"Node20_1\": {\"target\": \"launcher.js\"}, \"Node24\": {\"target\":"
            + " \"launcher.js\"})";
    if (task.execution().isEmpty()) {
      problems.add(file + ":/execution: missing; add Node20_1 and Node24 handlers" + example);
    }
    Map<String, Map<String, ExecutionHandler>> blocks = new LinkedHashMap<>();
    blocks.put("prejobexecution", task.preJobExecution());
    blocks.put("execution", task.execution());
    blocks.put("postjobexecution", task.postJobExecution());
    blocks.forEach(
        (blockName, block) -> {
          if (block.isEmpty()) {
            return;
          }
          String pointer = file + ":/" + blockName;
          for (String required : List.of("Node20_1", "Node24")) {
            if (!block.containsKey(required)) {
              problems.add(pointer + ": no " + required + " handler; add it" + example);
            }
          }
          Set<String> targets = new LinkedHashSet<>();
          block.forEach(
              (handler, data) -> {
                if (!handler.startsWith("Node")) {
                  problems.add(
                      pointer
                          + "/"
                          + handler
                          + ": a Java task runs only through its Node launcher; remove this"
                          + " handler");
                  return;
                }
                if (!TARGET.matcher(data.target()).matches()) {
                  problems.add(
                      pointer
                          + "/"
                          + handler
                          + "/target: \""
                          + data.target()
                          + "\" is not a launcher file name; use a plain name ending in .js such"
                          + " as launcher.js");
                  return;
                }
                targets.add(data.target());
              });
          if (targets.size() > 1) {
            problems.add(
                pointer
                    + ": the handlers name different targets "
                    + targets
                    + "; give them all the same launcher");
          }
        });
    boolean java =
        task.demands().stream()
            .map(d -> d.trim().split("\\s+")[0].toLowerCase(Locale.ROOT))
            .anyMatch("java"::equals);
    if (!java) {
      problems.add(
          file
              + ":/demands: \"java\" is missing; add \"demands\": [\"java\"] so the job runs only on"
              + " agents that have Java");
    }
    String minimumAgent = task.minimumAgentVersion().orElse("");
    if (minimumAgent.isEmpty() || compareVersions(minimumAgent, MINIMUM_AGENT) < 0) {
      problems.add(
          file
              + ":/minimumAgentVersion: "
              + (minimumAgent.isEmpty() ? "missing" : "\"" + minimumAgent + "\" is too old")
              + "; set it to \""
              + MINIMUM_AGENT
              + "\" or later, the first agent with the Node20_1 handler");
    }
    return problems;
  }

  /** The distinct handler targets of every block, in file order: one launcher copy each. */
  public static List<String> launcherTargets(TaskDefinition task) {
    Set<String> targets = new LinkedHashSet<>();
    for (Map<String, ExecutionHandler> block :
        List.of(task.preJobExecution(), task.execution(), task.postJobExecution())) {
      block.values().forEach(h -> targets.add(h.target()));
    }
    return List.copyOf(targets);
  }

  private void checkModuleFolder(TaskDefinition task) {
    Path module = taskJson.toAbsolutePath().getParent();
    Matcher m = VERSIONED_FOLDER.matcher(String.valueOf(module.getFileName()));
    if (m.matches() && Integer.parseInt(m.group(1)) != task.version().major()) {
      throw new PackagingException(
          "MajorVersionMismatch",
          taskJson
              + ":/version/Major: is "
              + task.version().major()
              + " but the module folder "
              + module.getFileName()
              + " says "
              + m.group(1)
              + "; a new major version is a new module folder");
    }
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? parse(x[i]) : 0;
      int yi = i < y.length ? parse(y[i]) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }

  private static int parse(String part) {
    try {
      return Integer.parseInt(part.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The Minor and Patch to stamp for a Maven project version: {@code 0.3.1-SNAPSHOT} gives Minor 3
   * and Patch 1.
   *
   * @param projectVersion the project version
   * @return minor and patch
   * @throws PackagingException when the version does not start with three numbers
   */
  public static int[] minorAndPatch(String projectVersion) {
    Matcher m = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*").matcher(projectVersion);
    if (!m.matches()) {
      throw new PackagingException(
          "VersionInvalid",
          "The project version "
              + projectVersion
              + " does not start with MAJOR.MINOR[.PATCH]; set taskMinor and taskPatch in the"
              + " plugin configuration instead.");
    }
    return new int[] {
      Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3))
    };
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files.sorted()::iterator) {
        if (Launcher.isRuntimeCache(from, source)) {
          continue;
        }
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(p);
      }
    }
  }
}
