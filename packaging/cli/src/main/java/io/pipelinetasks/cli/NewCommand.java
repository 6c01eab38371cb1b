package io.pipelinetasks.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ptask new NAME}: scaffolds {@code tasks/<Name>V1} from the task archetype's templates.
 *
 * <p>It renders the same templates as {@code mvn archetype:generate} with the archetype
 * (packaging/archetype), substituting the archetype's properties itself: the templates use only
 * plain {@code ${property}} references, which Velocity and this renderer read alike. That keeps
 * {@code ptask new} offline and instant, with no archetype catalog or plugin to resolve.
 */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    description = {
      "Create a new task module, <Name>V1, that builds, tests and packages as it is: task.json"
          + " with a fresh GUID, typed inputs, a task class, a TaskTestKit test and a README.",
      "Inside this project it goes to tasks/ and is added to tasks/pom.xml's modules.",
      "Exit code 0 on success, 2 on a usage error."
    })
final class NewCommand implements Callable<Integer> {
  /** The archetype's template files, relative to {@code archetype-resources/}. */
  static final List<String> TEMPLATES =
      List.of(
          "pom.xml",
          "task.json",
          "README.md",
          "src/main/java/package-info.java",
          "src/main/java/__taskName__Task.java",
          "src/test/java/__taskName__TaskTest.java");

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,22}");
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([A-Za-z]+)\\}");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "NAME",
      description = "The task name, letters and digits, such as MyTask.")
  String name;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description =
          "The folder that receives <Name>V1 (default: the project's tasks/, else ./tasks).")
  Path output;

  @Option(
      names = "--package",
      paramLabel = "PKG",
      description = "The Java package (default: io.pipelinetasks.tasks.<name>).")
  String packageName;

  @Option(
      names = "--group-id",
      paramLabel = "ID",
      description = "The Maven groupId (default: io.pipelinetasks).")
  String groupId = "io.pipelinetasks";

  @Option(
      names = "--friendly-name",
      paramLabel = "TEXT",
      description = "The display name (default: NAME).")
  String friendlyName;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!NAME.matcher(name).matches()) {
      throw new UsageException(
          "\""
              + name
              + "\" is not a task name: use 1 to 23 letters and digits, starting with a letter (MyTask)");
    }
    String taskName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    String pkg =
        packageName != null
            ? packageName
            : "io.pipelinetasks.tasks." + taskName.toLowerCase(Locale.ROOT);
    if (!pkg.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
      throw new UsageException(
          "\"" + pkg + "\" is not a Java package name (lower case, dot-separated)");
    }
    Path parent =
        output != null
            ? output
            : TaskLocator.projectRoot().map(r -> r.resolve("tasks")).orElse(Path.of("tasks"));
    Path module = parent.resolve(taskName + "V1");
    if (Files.exists(module)) {
      throw new UsageException(module + " already exists; choose another name or remove it");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("groupId", groupId);
    properties.put("artifactId", kebab(taskName) + "-v1");
    properties.put("version", pipelinetasksVersion());
    properties.put("package", pkg);
    properties.put("taskName", taskName);
    properties.put("taskId", UUID.randomUUID().toString());
    properties.put("friendlyName", friendlyName != null ? friendlyName : taskName);
    properties.put("pipelinetasksVersion", pipelinetasksVersion());
    try {
      for (String template : TEMPLATES) {
        String target = template.replace("__taskName__", taskName);
        if (target.startsWith("src/main/java/") || target.startsWith("src/test/java/")) {
          String root = target.substring(0, "src/main/java/".length());
          target = root + pkg.replace('.', '/') + "/" + target.substring(root.length());
        }
        Path file = module.resolve(target);
        Files.createDirectories(file.getParent());
        Files.writeString(file, render(template(template), properties), StandardCharsets.UTF_8);
        out.println("created " + file);
      }
      boolean added = addModule(parent.resolve("pom.xml"), taskName + "V1");
      if (added) {
        out.println("added <module>" + taskName + "V1</module> to " + parent.resolve("pom.xml"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.println(
        "Next: ./mvnw -pl "
            + relative(module)
            + " -am verify, then bin/ptask run "
            + taskName
            + "@1");
    out.flush();
    return 0;
  }

  private static String relative(Path module) {
    Path absolute = module.toAbsolutePath().normalize();
    return TaskLocator.projectRoot()
        .map(r -> r.toAbsolutePath().normalize())
        .filter(absolute::startsWith)
        .map(r -> r.relativize(absolute).toString())
        .orElse(absolute.toString());
  }

  static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** Replaces {@code ${property}} references; anything else is left as Velocity would. */
  static String render(String template, Map<String, String> properties) {
    Matcher m = PROPERTY.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = properties.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String template(String name) {
    try (InputStream in = NewCommand.class.getResourceAsStream("/archetype-resources/" + name)) {
      if (in == null) {
        throw new IllegalStateException("archetype-resources/" + name + " is missing from ptask");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The version of the task parent a new task inherits from: the archetype's own version. */
  static String pipelinetasksVersion() {
    try (InputStream in =
        NewCommand.class.getResourceAsStream("/META-INF/maven/archetype-metadata.xml")) {
      String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher m =
          Pattern.compile("key=\"pipelinetasksVersion\">\\s*<defaultValue>([^<]+)</defaultValue>")
              .matcher(xml);
      if (m.find()) {
        return m.group(1).trim();
      }
      throw new IllegalStateException("archetype-metadata.xml has no pipelinetasksVersion default");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds the module to an aggregator pom that lists modules; whether it did. */
  static boolean addModule(Path pom, String module) throws IOException {
    if (!Files.isRegularFile(pom)) {
      return false;
    }
    String xml = Files.readString(pom, StandardCharsets.UTF_8);
    int end = xml.indexOf("</modules>");
    if (end < 0 || xml.contains("<module>" + module + "</module>")) {
      return false;
    }
    int lineStart = xml.lastIndexOf('\n', end) + 1;
    String indent = xml.substring(lineStart, end);
    String entry = indent + "  <module>" + module + "</module>\n";
    Files.writeString(
        pom,
        xml.substring(0, lineStart) + entry + xml.substring(lineStart),
        StandardCharsets.UTF_8);
    return true;
  }
}
