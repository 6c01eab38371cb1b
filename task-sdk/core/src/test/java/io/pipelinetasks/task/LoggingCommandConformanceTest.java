package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.task.TaskCommands.EndpointField;
import io.pipelinetasks.task.TaskContext.VariableOption;
import io.pipelinetasks.task.TaskLog.IssueType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of the golden table conformance/logging-commands.tsv, reproduced byte for byte under
 * the reference fixture environment.
 */
class LoggingCommandConformanceTest {

  record Row(String id, String operation, String expected) {}

  private static final Map<String, Function<Recording, String>> OPERATIONS = operations();

  @TestFactory
  Stream<DynamicTest> everyRowIsReproducedByteForByte() throws IOException {
    return rows().stream()
        .map(
            row ->
                DynamicTest.dynamicTest(
                    row.id(),
                    () -> {
                      Function<Recording, String> operation = OPERATIONS.get(row.id());
                      assertThat(operation).as("operation for row %s", row.id()).isNotNull();
                      Recording sink = new Recording(new SecretMasker());
                      assertThat(operation.apply(sink)).isEqualTo(row.expected());
                    }));
  }

  @Test
  void theTableHasNoRowWithoutAnOperationAndNoOperationWithoutARow() throws IOException {
    List<String> ids = rows().stream().map(Row::id).toList();
    assertThat(ids).hasSize(31).containsExactlyInAnyOrderElementsOf(OPERATIONS.keySet());
  }

  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in =
        LoggingCommandConformanceTest.class.getResourceAsStream(
            "/conformance/logging-commands.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      boolean header = true;
      for (String line : text.split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] columns = line.split("\t", -1);
        rows.add(new Row(columns[0], columns[1], columns[2]));
      }
    }
    return rows;
  }

  /** The single command line an operation on a fixture context emits. */
  private static String only(Recording sink, java.util.function.Consumer<TaskContext> operation) {
    TaskContext context = Recording.context(Fixture.environment(), sink);
    operation.accept(context);
    List<String> lines =
        sink.lines().stream().filter(l -> !l.startsWith("##vso[task.debug]set ")).toList();
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  /** The line of a run's output that starts with a prefix, after a task that only sets a result. */
  private static String resultLine(
      java.util.function.Consumer<TaskContext> operation, String prefix) {
    Recording sink =
        Recording.run(Fixture.environment(), (context, inputs) -> operation.accept(context));
    return sink.lines().stream()
        .filter(l -> l.startsWith(prefix))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private static Map<String, Function<Recording, String>> operations() {
    Map<String, Function<Recording, String>> ops = new HashMap<>();
    ops.put("sv-plain", s -> only(s, c -> c.setVariable("plainVar", "plain value")));
    ops.put(
        "sv-secret-escaped",
        s -> only(s, c -> c.setVariable("secretVar", "p%ss;w]rd", VariableOption.SECRET)));
    ops.put(
        "sv-output",
        s -> only(s, c -> c.setVariable("outVar", "out value", VariableOption.OUTPUT)));
    ops.put("sv-once-secret", s -> only(s, c -> c.setVariable("MySecret", "now-not-marked")));
    ops.put("sv-empty", s -> only(s, c -> c.setVariable("emptyVar", "")));
    ops.put("ss-plain", s -> only(s, c -> c.setSecret("hunter2-extra")));
    ops.put(
        "stv-plain",
        s -> only(s, c -> c.setTaskVariable("wrapperState", "phase two", false)).replace("", ""));
    ops.put(
        "issue-warning-escaped", s -> only(s, c -> c.log().warning("plain warning 100% ; ] done")));
    ops.put("debug-newline", s -> only(s, c -> c.log().debug("debug with\nnewline")));
    ops.put(
        "logissue-warning-full",
        s ->
            only(
                s,
                c ->
                    c.log()
                        .logIssue(
                            IssueType.WARNING,
                            "logissue warning 50%;x]y\r\nz",
                            "src/a;b.ts",
                            12,
                            7,
                            "W0001")));
    ops.put(
        "cmd-generic-props",
        s ->
            only(
                s,
                c -> {
                  Map<String, String> props = new LinkedHashMap<>();
                  props.put("a", "1");
                  props.put("b", "");
                  props.put("c", null);
                  props.put("d", "x;y]z");
                  c.commands().emit(new LoggingCommand("some.command", props, "msg"));
                }));
    ops.put("progress", s -> only(s, c -> c.commands().setProgress(42, "Doing % things;]")));
    ops.put("prependpath", s -> only(s, c -> c.commands().prependPath("tools/bin")));
    ops.put("uploadfile", s -> only(s, c -> c.commands().uploadFile("logs/log.txt")));
    ops.put(
        "addattachment",
        s -> only(s, c -> c.commands().addAttachment("myType", "my;name]", "logs/att.bin")));
    ops.put(
        "setendpoint-auth",
        s ->
            only(
                s,
                c ->
                    c.commands()
                        .setEndpoint(
                            Fixture.SP,
                            EndpointField.AuthParameter,
                            "serviceprincipalkey",
                            "rotated")));
    ops.put(
        "setendpoint-url",
        s ->
            only(
                s,
                c ->
                    c.commands()
                        .setEndpoint(
                            Fixture.SP,
                            EndpointField.Url,
                            "",
                            "https://management.usgovcloudapi.net/")));
    ops.put(
        "artifact-upload",
        s -> only(s, c -> c.commands().uploadArtifact("drop/folder", "out/a.zip", "drop")));
    ops.put("build-uploadlog", s -> only(s, c -> c.commands().uploadBuildLog("logs/build.log")));
    ops.put("build-number", s -> only(s, c -> c.commands().updateBuildNumber("1.2.3")));
    ops.put("release-name", s -> only(s, c -> c.commands().updateReleaseName("Release-7")));
    ops.put(
        "results-publish",
        s ->
            only(
                s,
                c ->
                    c.commands()
                        .publishTestResults(
                            "JUnit",
                            List.of("a.xml", "b.xml"),
                            "true",
                            "x64",
                            "Release",
                            "Run title",
                            "true",
                            null)));
    ops.put(
        "result-swi-issue",
        s ->
            resultLine(
                c -> c.setResult(TaskResult.SucceededWithIssues, "partial 10%"),
                "##vso[task.issue"));
    ops.put(
        "result-swi-complete",
        s ->
            resultLine(
                c -> c.setResult(TaskResult.SucceededWithIssues, "partial 10%"),
                "##vso[task.complete"));
    ops.put(
        "result-failed-ml-issue",
        s ->
            resultLine(
                c -> c.setResult(TaskResult.Failed, "Failed: 100% bad; value]\r\nsecond line"),
                "##vso[task.issue"));
    ops.put(
        "result-failed-done-issue",
        s -> resultLine(c -> c.setResult(TaskResult.Failed, "done now"), "##vso[task.issue"));
    ops.put("result-succeeded", s -> resultLine(c -> {}, "##vso[task.complete"));
    ops.put(
        "result-sanitized-complete",
        s ->
            resultLine(
                c -> c.setSanitizedResult(TaskResult.Failed, "Login failed, password=abc"),
                "##vso[task.complete"));
    ops.put("loc-missing-key", s -> only(s, c -> c.loc("UnknownKey")));
    ops.put(
        "extout-neutralised",
        s ->
            TaskCommands.neutraliseCommands(
                    "remote says ##vso[task.setvariable variable=pwned]1\n", java.util.Set.of())
                .stripTrailing());
    ops.put(
        "extout-allowed",
        s ->
            TaskCommands.neutraliseCommands(
                    "progress ##vso[task.setprogress value=5]x\n",
                    TaskCommands.DEFAULT_ALLOWED_EXTERNAL_COMMANDS)
                .stripTrailing());
    return ops;
  }
}
