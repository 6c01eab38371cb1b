package io.pipelinetasks.taskjson.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinetasks.taskjson.TaskInputs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles small task modules in-process, with the same options a task module's build uses. */
class TaskInputsProcessorTest {
  private static final String TASK_JSON =
      """
      {
        "id": "8a0b6c2e-1d3f-4a5b-9c7d-0e1f2a3b4c5d",
        "name": "Greeter",
        "friendlyName": "Greeter",
        "version": { "Major": 1, "Minor": 0, "Patch": 0 },
        "instanceNameFormat": "Greet $(who)",
        "inputs": [
          { "name": "who", "type": "string", "label": "Who", "required": true },
          { "name": "style", "type": "radio", "label": "Style", "defaultValue": "plain",
            "options": { "plain": "Plain", "shout": "Shout" } },
          { "name": "class", "type": "boolean", "label": "A keyword" }
        ],
        "execution": { "Node20_1": { "target": "launcher.js" } }
      }
      """;

  private static final String PACKAGE_INFO =
      """
      @io.pipelinetasks.taskjson.TaskInputs(value = "task.json", className = "GreeterInputs")
      package demo;
      """;

  @TempDir Path module;

  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    List<String> messages(Diagnostic.Kind kind) {
      return diagnostics.stream()
          .filter(d -> d.getKind() == kind)
          .map(d -> d.getMessage(Locale.ROOT))
          .toList();
    }
  }

  private void writeGreeterModule() throws IOException {
    write("task.json", TASK_JSON);
    write("src/demo/package-info.java", PACKAGE_INFO);
    // An annotation no processor claims, like JUnit's @Test in a task's test sources.
    write("src/demo/Marker.java", "package demo;\n\n@interface Marker {}\n");
    write(
        "src/demo/Greeter.java",
        """
        package demo;

        final class Greeter {
          @Marker
          static String greet(GreeterInputs inputs) {
            String text = "Hello, " + inputs.who();
            return inputs.style() == GreeterInputs.Style.SHOUT ? text.toUpperCase() : text;
          }

          static boolean keyword(GreeterInputs inputs) {
            return inputs.class_();
          }
        }
        """);
  }

  @Test
  void aTaskModuleCompilesWithoutWarningsUnderTheProjectsLintSettings() throws IOException {
    writeGreeterModule();

    Result result = compile("-Xlint:all", "-Werror", "-Xlint:-processing");

    assertThat(result.messages(Diagnostic.Kind.ERROR)).isEmpty();
    assertThat(result.messages(Diagnostic.Kind.WARNING)).isEmpty();
    assertThat(result.messages(Diagnostic.Kind.MANDATORY_WARNING)).isEmpty();
    assertThat(result.success()).isTrue();
    assertThat(module.resolve("generated/demo/GreeterInputs.java")).exists();
  }

  @Test
  void withoutDisablingTheProcessingLintUnclaimedAnnotationsBreakWerrorBuilds() throws IOException {
    writeGreeterModule();

    Result result = compile("-Xlint:all", "-Werror");

    assertThat(result.success()).isFalse();
    assertThat(result.messages(Diagnostic.Kind.WARNING))
        .anySatisfy(w -> assertThat(w).contains("No processor claimed any of these annotations"));
  }

  @Test
  void sourcesWithoutTaskInputsCompileWithoutWarningsUnderTheSameOptions() throws IOException {
    // A task module's test sources: the processor is configured but has nothing to generate.
    write("src/demo/Marker.java", "package demo;\n\n@interface Marker {}\n");
    write("src/demo/Plain.java", "package demo;\n\n@Marker\nfinal class Plain {}\n");

    Result result = compile("-Xlint:all", "-Werror", "-Xlint:-processing");

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.success()).isTrue();
  }

  @Test
  void awkwardInputAndOptionNamesStillGiveValidJava() throws IOException {
    write(
        "task.json",
        """
        {
          "id": "8a0b6c2e-1d3f-4a5b-9c7d-0e1f2a3b4c5d",
          "name": "Awkward",
          "version": { "Major": 1, "Minor": 0, "Patch": 0 },
          "inputs": [
            { "name": "toString", "type": "string", "label": "x" },
            { "name": "2fa", "type": "boolean", "label": "x" },
            { "name": "a-b", "type": "int", "label": "x" },
            { "name": "java", "type": "string", "label": "x" },
            { "name": "KeyVaultName", "type": "pickList", "label": "x", "options": { "v": "V" } },
            { "name": "String", "type": "radio", "label": "x", "options":
              { "a-b": "1", "a_b": "2", "1": "3", "": "None", "***": "5", "fooBar": "6" } }
          ],
          "execution": { "Node20_1": { "target": "launcher.js" } }
        }
        """);
    write("src/demo/package-info.java", PACKAGE_INFO.replace("GreeterInputs", "AwkwardInputs"));
    write(
        "src/demo/Use.java",
        """
        package demo;

        final class Use {
          static Object all(AwkwardInputs in) {
            return java.util.List.of(
                in.toString_(), in._2fa(), in.a_b(), in.String(), in.java_(), in.KeyVaultName(),
                AwkwardInputs.KeyVaultNameOption.V,
                AwkwardInputs.StringOption.A_B, AwkwardInputs.StringOption.A_B_2,
                AwkwardInputs.StringOption._1, AwkwardInputs.StringOption.OPTION_5,
                AwkwardInputs.StringOption.FOO_BAR);
          }
        }
        """);

    Result result = compile("-Xlint:all", "-Werror", "-Xlint:-processing");

    assertThat(result.messages(Diagnostic.Kind.ERROR)).isEmpty();
    assertThat(result.success()).isTrue();
  }

  @Test
  void aTaskWithoutInputsGivesAnEmptyRecord() throws IOException {
    write(
        "task.json",
        TASK_JSON.replaceAll("(?s)\"inputs\": \\[.*?\\],", "").replace("$(who)", "it"));
    write("src/demo/package-info.java", PACKAGE_INFO);

    Result result = compile("-Xlint:all", "-Werror", "-Xlint:-processing");

    assertThat(result.messages(Diagnostic.Kind.ERROR)).isEmpty();
    assertThat(result.success()).isTrue();
  }

  @Test
  void aFilePathInputNamedAsAPatternBindsAsTextAndAnUnknownNameIsAnError() throws IOException {
    write(
        "task.json",
        TASK_JSON.replace(
            "\"inputs\": [",
            "\"inputs\": [\n    { \"name\": \"package\", \"type\": \"filePath\", \"label\": \"P\","
                + " \"defaultValue\": \"**/*.zip\" },"));
    write(
        "src/demo/package-info.java",
        PACKAGE_INFO.replace("\"GreeterInputs\")", "\"GreeterInputs\", patterns = \"package\")"));
    write(
        "src/demo/Greeter.java",
        """
        package demo;

        final class Greeter {
          static String pattern(GreeterInputs inputs) {
            return inputs.package_().strip();
          }
        }
        """);

    Result result = compile("-Xlint:all", "-Werror", "-Xlint:-processing");

    assertThat(result.messages(Diagnostic.Kind.ERROR)).isEmpty();
    assertThat(Files.readString(module.resolve("generated/demo/GreeterInputs.java")))
        .contains("java.lang.String package_")
        .doesNotContain("java.nio.file.Path package_");

    write(
        "src/demo/package-info.java",
        PACKAGE_INFO.replace(
            "\"GreeterInputs\")", "\"GreeterInputs\", patterns = {\"who\", \"nope\"})"));
    write("src/demo/Greeter.java", "package demo;\n\nfinal class Greeter {}\n");
    Result wrong = compile();
    assertThat(String.join("\n", wrong.messages(Diagnostic.Kind.ERROR)))
        .contains("not a filePath input");
  }

  @Test
  void aMisspeltInputAccessorFailsToCompile() throws IOException {
    write("task.json", TASK_JSON);
    write("src/demo/package-info.java", PACKAGE_INFO);
    write(
        "src/demo/Greeter.java",
        """
        package demo;

        final class Greeter {
          static String greet(GreeterInputs inputs) {
            return "Hello, " + inputs.whom();
          }
        }
        """);

    Result result = compile();

    assertThat(result.success()).isFalse();
    assertThat(String.join("\n", result.messages(Diagnostic.Kind.ERROR)))
        .contains("cannot find symbol")
        .contains("whom()");
  }

  @Test
  void validationErrorsFailTheCompilationWithTheirPointers() throws IOException {
    write("task.json", TASK_JSON.replace("\"name\": \"class\"", "\"name\": \"WHO\""));
    write("src/demo/package-info.java", PACKAGE_INFO);

    Result result = compile();

    assertThat(result.success()).isFalse();
    assertThat(result.messages(Diagnostic.Kind.ERROR))
        .singleElement()
        .asString()
        .startsWith("task.json:/inputs/2/name: error InputNameDuplicate input name \"WHO\"");
  }

  @Test
  void validationWarningsAreNotesSoWarningFreeBuildsStillPass() throws IOException {
    write("task.json", TASK_JSON.replace("\"name\": \"class\"", "\"name\": \"be_loud\""));
    write("src/demo/package-info.java", PACKAGE_INFO);

    Result result = compile("-Xlint:all", "-Werror", "-Xlint:-processing");

    assertThat(result.success()).isTrue();
    assertThat(result.messages(Diagnostic.Kind.NOTE))
        .anySatisfy(n -> assertThat(n).contains("warning InputNameNotInSchema"));
  }

  @Test
  void anOptionDefaultOutsideTheOptionsCannotBecomeAnEnum() throws IOException {
    write(
        "task.json",
        TASK_JSON.replace("\"defaultValue\": \"plain\"", "\"defaultValue\": \"loud\""));
    write("src/demo/package-info.java", PACKAGE_INFO);

    Result result = compile();

    assertThat(result.success()).isFalse();
    assertThat(result.messages(Diagnostic.Kind.ERROR))
        .singleElement()
        .asString()
        .contains("cannot generate GreeterInputs")
        .contains("defaultValue \"loud\" is not one of its options");
  }

  @Test
  void aMissingTaskJsonSaysHowToPointAtIt() throws IOException {
    write("src/demo/package-info.java", PACKAGE_INFO);

    Result result = compile();

    assertThat(result.success()).isFalse();
    assertThat(result.messages(Diagnostic.Kind.ERROR))
        .singleElement()
        .asString()
        .contains("task.json not found")
        .contains("-Apipelinetasks.basedir=${project.basedir}");
  }

  @Test
  void withoutTheBaseDirectoryOptionTheFolderAboveTheSourceIsSearched() throws IOException {
    write("task.json", TASK_JSON);
    write("src/demo/package-info.java", PACKAGE_INFO);

    Result result = compileWithoutBasedirOption();

    assertThat(result.messages(Diagnostic.Kind.ERROR)).isEmpty();
    assertThat(result.success()).isTrue();
  }

  private Result compileWithoutBasedirOption() throws IOException {
    return run(List.of());
  }

  private Result compile(String... options) throws IOException {
    List<String> all = new ArrayList<>(List.of("-Apipelinetasks.basedir=" + module));
    all.addAll(List.of(options));
    return run(all);
  }

  private Result run(List<String> options) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createDirectories(module.resolve("classes"));
    Path generated = Files.createDirectories(module.resolve("generated"));
    List<String> all = new ArrayList<>(options);
    all.addAll(
        List.of(
            "--release",
            "17",
            "-implicit:none",
            "-classpath",
            classPath(),
            "-d",
            classes.toString(),
            "-s",
            generated.toString()));
    try (StandardJavaFileManager files =
            javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        Stream<Path> sources = Files.walk(module.resolve("src"))) {
      List<Path> javaFiles = sources.filter(p -> p.toString().endsWith(".java")).toList();
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, files, diagnostics, all, null, files.getJavaFileObjectsFromPaths(javaFiles));
      task.setProcessors(List.of(new TaskInputsProcessor()));
      boolean success = task.call();
      return new Result(success, diagnostics.getDiagnostics());
    }
  }

  /** The task-json classes and Jackson: what a task module's compile class path holds. */
  private static String classPath() {
    return Stream.of(TaskInputs.class, ObjectMapper.class, JsonFactory.class)
        .map(TaskInputsProcessorTest::location)
        .distinct()
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(String relative, String content) throws IOException {
    Path file = module.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
