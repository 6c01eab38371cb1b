package io.pipelinetasks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NewCommandTest {
  @TempDir Path work;

  private int run(StringWriter err, String... args) {
    CommandLine commandLine = PtaskCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void theTemplateListIsEveryFileOfTheArchetype() throws IOException {
    Path resources = Path.of("../archetype/src/main/resources/archetype-resources");
    try (Stream<Path> walk = Files.walk(resources)) {
      List<String> files =
          walk.filter(Files::isRegularFile)
              .map(p -> resources.relativize(p).toString())
              .sorted()
              .toList();
      assertThat(files).containsExactlyInAnyOrderElementsOf(NewCommand.TEMPLATES);
    }
  }

  @Test
  void propertiesAreReplacedAndEverythingElseIsLeftAsVelocityWould() {
    assertThat(NewCommand.render("${taskName}V1 $x ${unknown} $(var)", Map.of("taskName", "My")))
        .isEqualTo("MyV1 $x ${unknown} $(var)");
    assertThat(NewCommand.kebab("MyGreatTask2")).isEqualTo("my-great-task2");
  }

  @Test
  void theModuleIsAddedToTheAggregatorOnce() throws IOException {
    Files.writeString(
        work.resolve("pom.xml"),
        "<project>\n  <modules>\n    <module>AV1</module>\n  </modules>\n</project>\n");

    StringWriter err = new StringWriter();
    assertThat(run(err, "new", "greeter", "--output", work.toString())).isZero();

    assertThat(work.resolve("pom.xml"))
        .hasContent(
            "<project>\n  <modules>\n    <module>AV1</module>\n    <module>GreeterV1</module>\n"
                + "  </modules>\n</project>\n");
    assertThat(
            work.resolve("GreeterV1/src/main/java/io/pipelinetasks/tasks/greeter/GreeterTask.java"))
        .content()
        .contains("public final class GreeterTask implements Task<GreeterInputs>");
    assertThat(run(err, "new", "Greeter", "--output", work.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("GreeterV1 already exists");
  }

  @Test
  void badNamesAreUsageErrors() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "new", "my-task", "--output", work.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("\"my-task\" is not a task name");
    assertThat(run(err, "new", "Ok", "--package", "Bad.Package", "--output", work.toString()))
        .isEqualTo(2);
  }
}
