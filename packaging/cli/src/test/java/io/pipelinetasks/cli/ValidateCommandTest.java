package io.pipelinetasks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
  private static final Path TASKS = tasks();

  record Run(int exitCode, String out, String err) {}

  private static Run ptask(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = PtaskCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void aValidTaskJsonExitsZero() {
    Path file = TASKS.resolve("Good/task.json");

    Run run = ptask("validate", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("Checked 1 task.json file: 0 errors, 0 warnings.\n");
  }

  @Test
  void warningsAlonePrintButExitZero() {
    Path file = TASKS.resolve("Warned/task.json");

    Run run = ptask("validate", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            file
                + ":/inputs/0/name: warning InputNameNotInSchema input name \"app_location\" does"
                + " not match the schema's ^[A-Za-z][A-Za-z0-9]*$ (The agent accepts it; for a new"
                + " task use letters and digits only)\n"
                + "Checked 1 task.json file: 0 errors, 1 warning.\n");
  }

  @Test
  void errorsPrintOneLineEachAndExitOne() {
    Path file = TASKS.resolve("Broken/task.json");

    Run run = ptask("validate", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            file
                + ":/id: error IdInvalid id \"not-a-guid\" is not a GUID (Use a new GUID (for"
                + " example from uuidgen) and never change it: it identifies the task across"
                + " versions)",
            file
                + ":/inputs/0/type: error InputTypeMissing the input has no type (Add a type such"
                + " as \"string\", \"boolean\", \"pickList\" or \"connectedService:AzureRM\")",
            "Checked 1 task.json file: 2 errors, 0 warnings.");
  }

  @Test
  void aFolderIsSearchedRecursively() {
    Run run = ptask("validate", TASKS.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("Broken/task.json:/id: error IdInvalid")
        .contains("Warned/task.json:/inputs/0/name: warning")
        .endsWith("Checked 3 task.json files: 2 errors, 1 warning.\n");
  }

  @Test
  void buildOutputAndDependenciesAreSkipped(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("MyTask"));
    Files.copy(TASKS.resolve("Good/task.json"), dir.resolve("MyTask/task.json"));
    for (String copy : new String[] {"MyTask/target/classes", "node_modules/lib", ".git/x"}) {
      Files.createDirectories(dir.resolve(copy));
      Files.writeString(dir.resolve(copy).resolve("task.json"), "{ \"broken\": ");
    }

    Run run = ptask("validate", dir.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("Checked 1 task.json file: 0 errors, 0 warnings.\n");
  }

  @Test
  void quietLeavesOutWarnings() {
    Run run = ptask("validate", "--quiet", TASKS.toString());

    assertThat(run.out()).doesNotContain("warning InputNameNotInSchema");
    assertThat(run.out()).endsWith("Checked 3 task.json files: 2 errors, 1 warning.\n");
  }

  @Test
  void invalidJsonIsAnErrorLineNotAStackTrace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("task.json");
    Files.writeString(file, "{\n  \"id\": \n");

    Run run = ptask("validate", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith(file + ": error JsonSyntax invalid JSON at line 3");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aFolderWithoutTaskJsonIsAnError(@TempDir Path dir) {
    Run run = ptask("validate", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith(dir + ": error NoTaskJson no task.json found");
  }

  @Test
  void aMissingPathIsAUsageError(@TempDir Path dir) {
    Run run = ptask("validate", dir.resolve("nope.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("No such file or folder: ").contains("Usage: ptask validate");
  }

  @Test
  void noPathIsAUsageError() {
    Run run = ptask("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'PATH'");
  }

  @Test
  void anUnknownOptionOrCommandIsAUsageError() {
    assertThat(ptask("validate", "--strict", "x").exitCode()).isEqualTo(2);
    assertThat(ptask("frobnicate").exitCode()).isEqualTo(2);
    assertThat(ptask().exitCode()).isEqualTo(2);
  }

  @Test
  void helpListsTheValidateCommand() {
    Run run = ptask("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: ptask").contains("validate");
  }

  private static Path tasks() {
    try {
      return Path.of(ValidateCommandTest.class.getResource("tasks").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
