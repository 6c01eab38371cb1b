package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.TaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRunnerTest {

  @Test
  void aTaskThatReturnsSucceeds() {
    Recording run = Recording.run(Map.of(), (context, inputs) -> context.log().info("hello"));
    assertThat(run.lines()).containsExactly("hello", "##vso[task.complete result=Succeeded;]");
  }

  @Test
  void aTaskExceptionFailsTheTaskWithAnErrorIssueAndExitCodeZero() {
    Recording sink = new Recording(new SecretMasker());
    TaskRunner.Outcome outcome =
        TaskRunner.run(
            source -> null,
            (context, inputs) -> {
              throw new TaskException("Broken", "Something broke. Fix it.");
            },
            Map.of(),
            sink.masker,
            sink,
            new TaskRunner.Options(Optional.empty(), Optional.empty(), false));
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.result()).isEqualTo(TaskResult.Failed);
    assertThat(sink.lines())
        .containsSubsequence(
            "##vso[task.issue type=error;source=TaskInternal;]Something broke. Fix it.",
            "##vso[task.complete result=Failed;]Something broke. Fix it.");
  }

  @Test
  void anUnexpectedExceptionBecomesOneLineAndItsStackTraceOnlyInDebug() {
    Task<Void> task =
        (context, inputs) -> {
          throw new IllegalStateException("boom\nsecond line");
        };
    Recording quiet = Recording.run(Map.of(), task);
    assertThat(quiet.complete().orElseThrow().message())
        .isEqualTo("Unhandled: IllegalStateException: boom");
    assertThat(quiet.lines()).noneMatch(l -> l.contains("at io.pipelinetasks"));
    Recording debug = Recording.run(Map.of("SYSTEM_DEBUG", "true"), task);
    assertThat(debug.lines()).anyMatch(l -> l.startsWith("##vso[task.debug]") && l.contains("at "));
  }

  @Test
  void aMissingRequiredInputFailsWithTheInputName() {
    Recording run =
        Recording.run(Map.of(), (context, inputs) -> context.requiredInput("scriptPath"));
    assertThat(run.complete().orElseThrow().message()).startsWith("Input required: scriptPath");
    assertThat(run.complete().orElseThrow().property("result")).contains("Failed");
  }

  @Test
  void setResultWithIssuesEndsTheTaskWithIssuesAndResultsMergePessimistically() {
    Recording run =
        Recording.run(
            Map.of(),
            (context, inputs) -> {
              context.setResult(TaskResult.SucceededWithIssues, "careful");
              context.setResult(TaskResult.Succeeded, "");
            });
    assertThat(run.complete().orElseThrow().property("result")).contains("SucceededWithIssues");
  }

  @Test
  void cleanupHooksRunOnceNewestFirstEvenWhenTheTaskFails() {
    List<String> order = new ArrayList<>();
    Recording run =
        Recording.run(
            Map.of(),
            (context, inputs) -> {
              context.onCleanup(() -> order.add("first"));
              context.onCleanup(() -> order.add("second"));
              throw new TaskException("X", "failed");
            });
    assertThat(order).containsExactly("second", "first");
    assertThat(run.complete().orElseThrow().property("result")).contains("Failed");
  }

  @Test
  void anInvalidAgentEnvironmentFailsTheTaskWithoutRunningIt() {
    List<String> ran = new ArrayList<>();
    Recording run =
        Recording.run(Map.of("VSTS_SECRET_VARIABLES", "{"), (context, inputs) -> ran.add("ran"));
    assertThat(ran).isEmpty();
    assertThat(run.complete().orElseThrow().message()).startsWith("VSTS_SECRET_VARIABLES is not");
  }

  @Test
  void debugLinesNeverShowTheValueOfASecretVariable() {
    Recording run =
        Recording.run(
            Map.of(),
            (context, inputs) ->
                context.setVariable("pwd", "v@lue", TaskContext.VariableOption.SECRET));
    assertThat(run.lines()).contains("##vso[task.debug]set pwd=********");
  }

  @Test
  void multiLineSecretsAreRefusedUnlessTheAgentAllowsThem() {
    Recording refused = Recording.run(Map.of(), (context, inputs) -> context.setSecret("a\nb"));
    assertThat(refused.complete().orElseThrow().message())
        .startsWith("Secrets cannot contain multiple lines");
    Recording allowed =
        Recording.run(
            Map.of("SYSTEM_UNSAFEALLOWMULTILINESECRET", "true"),
            (context, inputs) -> context.setSecret("a\nb"));
    assertThat(allowed.lines()).contains("##vso[task.setsecret]a%0Ab");
  }

  @Test
  void locReadsTaskJsonMessagesAndTheTranslationForTheCulture(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("task.json"),
        "{\"messages\":{\"Greeting\":\"Hello %s, you have %d items\",\"Only\":\"English\"}}");
    Path german = dir.resolve("Strings/resources.resjson/DE-de");
    Files.createDirectories(german);
    Files.writeString(
        german.resolve("resources.resjson"),
        "\uFEFF{\"loc.messages.Greeting\":\"Hallo %s, du hast %d Dinge\"}");
    Recording sink = new Recording(new SecretMasker());
    List<String> texts = new ArrayList<>();
    TaskRunner.run(
        source -> null,
        (context, inputs) -> {
          texts.add(context.loc("Greeting", "Ada", 3));
          texts.add(context.loc("Only"));
          texts.add(context.loc("Nope"));
        },
        Map.of("SYSTEM_CULTURE", "de-DE"),
        sink.masker,
        sink,
        new TaskRunner.Options(Optional.of(dir), Optional.empty(), false));
    assertThat(texts).containsExactly("Hallo Ada, du hast 3 Dinge", "English", "Nope");
    assertThat(sink.lines())
        .contains(
            "##vso[task.issue type=warning;source=TaskInternal;]Can't find loc string for key: Nope");
  }
}
