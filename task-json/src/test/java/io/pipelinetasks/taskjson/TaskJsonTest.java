package io.pipelinetasks.taskjson;

import static io.pipelinetasks.taskjson.TaskJsonValidatorTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode tree(String json) throws IOException {
    return MAPPER.readTree(json);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "validator/valid-task.json",
        "codec/quirks-task.json",
        "generated/task.json",
        "shapes/AzureCLIV2/task.json",
        "shapes/AzureKeyVaultV2/task.json",
        "shapes/AzureWebAppV1/task.json"
      })
  void readingThenWritingGivesTheSameTreeAndModel(String name) throws IOException {
    String original = resource(name);

    TaskDefinition task = TaskJson.parseTask(original, name);
    String written = TaskJson.writeTask(task);

    assertThat(tree(written)).isEqualTo(tree(original));
    assertThat(TaskJson.parseTask(written, name)).isEqualTo(task);
  }

  @Test
  void unusualFormsReadAsTheirMeaningAndAreKeptVerbatim() {
    TaskDefinition task = TaskJson.parseTask(resource("codec/quirks-task.json"), "q");

    TaskInput a = task.inputs().get(0);
    assertThat(a.required()).contains(true);
    assertThat(a.defaultValue()).contains("true");
    assertThat(a.extra()).containsEntry("required", "\"True\"").containsKey("groupname");
    assertThat(task.inputs().get(1).defaultValue()).contains("300000");
    assertThat(task.inputs().get(1).properties()).containsEntry("resizable", "true");
    assertThat(task.inputs().get(2).defaultValue()).isEmpty();
    assertThat(task.inputs()).as("the string item is not an input").hasSize(3);
    assertThat(task.version()).isEqualTo(new TaskVersion(1, 2, 3, task.version().extra()));
    assertThat(task.version().extra()).containsEntry("Build", "4");
    assertThat(task.preview()).contains(true);
    assertThat(task.demands()).isEmpty();
    assertThat(task.extra()).containsKeys("satisfies", "OutputVariables", "ratio", "inputs");
    assertThat(task.extra().get("ratio")).isEqualTo("1.10");
    assertThat(task.execution()).containsOnlyKeys("HttpRequest", "Node20_1");
    assertThat(task.execution().get("HttpRequest").target()).isEmpty();
    assertThat(task.execution().get("Node20_1").platforms()).containsExactly("windows");
    assertThat(task.restrictions().flatMap(Restrictions::settableVariables))
        .map(Restrictions.SettableVariables::allowed)
        .contains(Optional.of(List.of()));
  }

  @Test
  void aChangedMemberIsWrittenInTheCanonicalForm() throws IOException {
    TaskDefinition task = TaskJson.parseTask(resource("codec/quirks-task.json"), "q");

    TaskDefinition bumped = task.withVersion(TaskVersion.of(1, 2, 4));
    JsonNode written = tree(TaskJson.writeTask(bumped));

    assertThat(written.get("version").toString())
        .isEqualTo("{\"Major\":1,\"Minor\":2,\"Patch\":4}");
    assertThat(written.get("preview").textValue())
        .as("unchanged members stay verbatim")
        .isEqualTo("true");
  }

  @Test
  void theLayoutIsTheOfficialFilesOne() {
    TaskDefinition task =
        TaskJson.parseTask(
            "{\"id\":\"x\",\"demands\":[\"java\"],\"version\":{\"Major\":1,\"Minor\":0,\"Patch\":0}}",
            "t");

    assertThat(TaskJson.writeTask(task))
        .isEqualTo(
            """
            {
              "id": "x",
              "version": {
                "Major": 1,
                "Minor": 0,
                "Patch": 0
              },
              "demands": [
                "java"
              ]
            }
            """);
  }

  @Test
  void aByteOrderMarkIsStripped(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("task.json");
    Files.write(
        file, ("\uFEFF" + resource("validator/valid-task.json")).getBytes(StandardCharsets.UTF_8));

    assertThat(TaskJson.readTask(file).name()).isEqualTo("HelloJava");
  }

  @Test
  void aSyntaxErrorNamesTheFileLineAndColumn() {
    TaskJsonException e =
        catchThrowableOfType(
            TaskJsonException.class, () -> TaskJson.parseTask("{\n  \"id\": ,\n}", "my/task.json"));

    assertThat(e.code()).isEqualTo("JsonSyntax");
    assertThat(e.file()).isEqualTo("my/task.json");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.getMessage()).startsWith("my/task.json: invalid JSON at line 2, column 9: ");
  }

  @Test
  void anEmptyFileIsASyntaxError() {
    assertThat(catchThrowableOfType(TaskJsonException.class, () -> TaskJson.parseTask(" ", "t")))
        .hasMessage("t: the file is empty");
  }

  @Test
  void trailingContentIsASyntaxError() {
    assertThat(
            catchThrowableOfType(TaskJsonException.class, () -> TaskJson.parseTask("{} {}", "t")))
        .extracting(TaskJsonException::code)
        .isEqualTo("JsonSyntax");
  }

  @Test
  void aMissingFileIsAnUnreadableFile(@TempDir Path dir) {
    TaskJsonException e =
        catchThrowableOfType(
            TaskJsonException.class, () -> TaskJson.readTask(dir.resolve("task.json")));

    assertThat(e.code()).isEqualTo("FileUnreadable");
    assertThat(e.getMessage()).endsWith("task.json: file not found");
  }

  @Test
  void writingToAFileRoundTrips(@TempDir Path dir) {
    TaskDefinition task = TaskJson.parseTask(resource("shapes/AzureKeyVaultV2/task.json"), "k");
    Path file = dir.resolve("task.json");

    TaskJson.writeTask(task, file);

    assertThat(TaskJson.readTask(file)).isEqualTo(task);
  }

  @Test
  void theModelIsImmutable() {
    TaskDefinition task = TaskJson.parseTask(resource("shapes/AzureCLIV2/task.json"), "c");

    assertThat(task.inputs()).isUnmodifiable();
    assertThat(task.messages()).isUnmodifiable();
    assertThat(task.inputs().get(1).options()).isUnmodifiable();
    assertThat(task.inputs().get(1).options().keySet())
        .as("option order is the file's")
        .containsExactly("ps", "pscore", "batch", "bash");
  }

  @Test
  void lookupsFollowTheAgentsCaseRules() {
    TaskDefinition task = TaskJson.parseTask(resource("shapes/AzureCLIV2/task.json"), "c");

    assertThat(task.input("SCRIPTPATH")).map(TaskInput::name).contains("scriptPath");
    assertThat(task.group("Advanced")).map(TaskGroup::name).contains("advanced");
    assertThat(task.input("scriptArguments").orElseThrow().aliases()).containsExactly("arguments");
  }
}
