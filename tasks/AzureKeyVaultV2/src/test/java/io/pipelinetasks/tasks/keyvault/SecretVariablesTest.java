package io.pipelinetasks.tasks.keyvault;

import static io.pipelinetasks.task.testing.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.task.LoggingCommand;
import io.pipelinetasks.task.testing.TaskRun;
import io.pipelinetasks.task.testing.TaskTestKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How one value becomes variables, in a task run without a vault. */
class SecretVariablesTest {
  private final AtomicReference<Optional<SkipReason>> result = new AtomicReference<>();

  private TaskTestKit<Void> kit(List<String> names, String value) {
    return TaskTestKit.task(
            (context, inputs) ->
                result.set(new SecretVariables(context).apply("secret", names, value)))
        .taskDirectory(Path.of("").toAbsolutePath());
  }

  @Test
  void aSingleLineValueIsSetUnderEveryName() {
    TaskRun run = kit(List.of("db/v1", "db"), "p@ss;word]").run();

    assertThat(run).succeeded().setVariable("db/v1", "p@ss;word]").setVariable("db", "p@ss;word]");
    assertThat(run.variablesSet()).hasSize(2);
    assertThat(result.get()).isEmpty();
  }

  @Test
  void linesAreRegisteredEscapedAndTheValueIsLeftUnsetWithAWarning() {
    String value = "first%0Aline\r\nsecond;]\n\nthird%AZP25\r";

    TaskRun run = kit(List.of("cert"), value).run();

    assertThat(run)
        .succeeded()
        .hasWarningContaining("Secret secret has several lines")
        .registeredSecret("first%0Aline")
        .registeredSecret("second;]")
        .registeredSecret("third%AZP25");
    assertThat(run.secretsRegistered()).hasSize(3);
    assertThat(
            run.commands().stream().filter(c -> c.is("task.setsecret")).map(LoggingCommand::toLine))
        .containsExactly(
            "##vso[task.setsecret]first%AZP250Aline",
            "##vso[task.setsecret]second;]", "##vso[task.setsecret]third%AZP25AZP25");
    assertThat(run.variablesSet()).isEmpty();
    assertThat(result.get()).map(SkipReason::kind).hasValue(SkipReason.Kind.MULTI_LINE_NOT_ALLOWED);
  }

  @Test
  void theWholeValueIsSetWhenTheAgentAllowsMultiLineSecretsAndTheFlagIsLeftAlone() {
    TaskRun run =
        kit(List.of("cert"), "a-line\nb-line")
            .variable("SYSTEM_UNSAFEALLOWMULTILINESECRET", "true")
            .run();

    assertThat(run).succeeded().setVariable("cert", "a-line\nb-line");
    assertThat(run.secretsRegistered()).contains("a-line", "b-line");
    assertThat(run.variablesSet()).extracting(TaskRun.VariableSet::name).containsExactly("cert");
  }

  @Test
  void theOfficialSwitchTurnsThePerLineRegistrationOff() {
    TaskRun run =
        kit(List.of("cert"), "a-line\nb-line")
            .variable("SYSTEM_UNSAFEALLOWMULTILINESECRET", "true")
            .variable("SYSTEM_DONOTMASKMULTILINESECRETS", "true")
            .run();

    assertThat(run).succeeded().setVariable("cert", "a-line\nb-line");
    assertThat(run.commands()).noneMatch(c -> c.is("task.setsecret"));
  }

  @Test
  void multiLineJsonIsSetOnOneLineAndSaidSo() {
    TaskRun run = kit(List.of("cfg"), "{\n  \"a\": [1, 2]\n}").run();

    assertThat(run)
        .succeeded()
        .setVariable("cfg", "{\"a\":[1,2]}")
        .printed("Value of secret secret has been converted to single line.");
  }

  @Test
  void anEmptyValueSetsNothing() {
    TaskRun run = kit(List.of("x"), "").run();

    assertThat(run.variablesSet()).isEmpty();
    assertThat(result.get()).map(SkipReason::kind).hasValue(SkipReason.Kind.EMPTY);
  }
}
