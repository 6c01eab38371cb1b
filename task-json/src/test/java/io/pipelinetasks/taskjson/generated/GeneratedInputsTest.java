package io.pipelinetasks.taskjson.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelinetasks.taskjson.EndpointRef;
import io.pipelinetasks.taskjson.InputException;
import io.pipelinetasks.taskjson.InputSource;
import io.pipelinetasks.taskjson.SecureFileRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GeneratedInputsTest {
  private final List<String> warnings = new ArrayList<>();

  private InputSource source(String... nameValuePairs) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      values.put(nameValuePairs[i].toLowerCase(java.util.Locale.ROOT), nameValuePairs[i + 1]);
    }
    return new InputSource() {
      @Override
      public Optional<String> raw(String name) {
        return Optional.ofNullable(values.get(name.toLowerCase(java.util.Locale.ROOT)));
      }

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
  }

  private static final String[] MINIMAL = {
    "connection", "6c2b1f0a-0000-4000-8000-000000000001",
    "inlineScript", "echo hi",
    "app_location", "app"
  };

  private InputSource minimalWith(String... more) {
    String[] all = Arrays.copyOf(MINIMAL, MINIMAL.length + more.length);
    System.arraycopy(more, 0, all, MINIMAL.length, more.length);
    return source(all);
  }

  @Test
  void everyInputGetsTheJavaTypeItsTaskJsonTypeCallsFor() {
    FixtureInputs inputs =
        FixtureInputs.bind(
            source(
                "connection", "6c2b1f0a-0000-4000-8000-000000000001",
                "mode", "scriptPath",
                "scriptPath", "scripts/run.sh",
                "arguments", "--fast",
                "retries", "5",
                "timeout", "60",
                "failOnStderr", "TRUE",
                "enableAdvanced", "true",
                "logLevel", "debug",
                "certificate", "b1f0c7d2-0000-4000-8000-000000000002",
                "package", "out/app.zip",
                "runtimeStack", "NODE|22-lts",
                "app_location", "src/app"));

    EndpointRef connection = inputs.connection();
    FixtureInputs.Mode mode = inputs.mode();
    Optional<Path> scriptPath = inputs.scriptPath();
    int retries = inputs.retries();
    OptionalInt timeout = inputs.timeout();
    boolean failOnStderr = inputs.failOnStderr();
    Optional<FixtureInputs.LogLevel> logLevel = inputs.logLevel();
    Optional<SecureFileRef> certificate = inputs.certificate();
    Path packagePath = inputs.package_();
    Optional<String> runtimeStack = inputs.runtimeStack();
    String appLocation = inputs.app_location();

    assertThat(connection).isEqualTo(new EndpointRef("6c2b1f0a-0000-4000-8000-000000000001"));
    assertThat(mode).isEqualTo(FixtureInputs.Mode.SCRIPT_PATH);
    assertThat(mode.value()).isEqualTo("scriptPath");
    assertThat(scriptPath).contains(Path.of("scripts/run.sh"));
    assertThat(inputs.inlineScript()).isEmpty();
    assertThat(inputs.arguments()).contains("--fast");
    assertThat(retries).isEqualTo(5);
    assertThat(timeout).hasValue(60);
    assertThat(failOnStderr).isTrue();
    assertThat(inputs.enableAdvanced()).isTrue();
    assertThat(logLevel).contains(FixtureInputs.LogLevel.DEBUG);
    assertThat(certificate).contains(new SecureFileRef("b1f0c7d2-0000-4000-8000-000000000002"));
    assertThat(packagePath).isEqualTo(Path.of("out/app.zip"));
    assertThat(runtimeStack).as("editable pick lists stay text").contains("NODE|22-lts");
    assertThat(appLocation).isEqualTo("src/app");
    assertThat(warnings).isEmpty();
  }

  @Test
  void defaultsApplyWhenInputsAreAbsentOrEmpty() {
    FixtureInputs inputs = FixtureInputs.bind(minimalWith("retries", "  "));

    assertThat(inputs.mode()).isEqualTo(FixtureInputs.Mode.INLINE_SCRIPT);
    assertThat(inputs.retries()).isEqualTo(3);
    assertThat(inputs.timeout()).isEmpty();
    assertThat(inputs.failOnStderr()).isFalse();
    assertThat(inputs.enableAdvanced()).isFalse();
    assertThat(inputs.package_()).isEqualTo(Path.of("$(System.DefaultWorkingDirectory)/**/*.zip"));
    assertThat(inputs.arguments()).isEmpty();
    assertThat(inputs.certificate()).isEmpty();
    assertThat(inputs.inlineScript()).contains("echo hi");
  }

  @Test
  void aMissingRequiredInputFailsWithItsNameAndEveryOtherFailureIsAttached() {
    InputException e =
        catchThrowableOfType(InputException.class, () -> FixtureInputs.bind(source()));

    assertThat(e.code()).isEqualTo("InputRequired");
    assertThat(e.inputName()).isEqualTo("connection");
    assertThat(e.getMessage()).isEqualTo("Input required: connection");
    assertThat(e.hint()).contains("connection");
    assertThat(Arrays.stream(e.getSuppressed()).map(s -> ((InputException) s).inputName()))
        .containsExactly("inlineScript", "app_location");
  }

  @Test
  void anAliasSuppliesTheInputLikeTheAgentDoesForYaml() {
    FixtureInputs inputs =
        FixtureInputs.bind(
            source(
                "azureSubscription", "6c2b1f0a-0000-4000-8000-000000000009",
                "inlineScript", "x",
                "app_location", "a"));

    assertThat(inputs.connection().id()).isEqualTo("6c2b1f0a-0000-4000-8000-000000000009");
  }

  @Test
  void anInputHiddenByItsVisibleRuleIsNotRequired() {
    FixtureInputs inputs =
        FixtureInputs.bind(
            source(
                "connection",
                "c",
                "mode",
                "scriptPath",
                "scriptPath",
                "a.sh",
                "app_location",
                "a"));

    assertThat(inputs.inlineScript()).isEmpty();
    assertThat(inputs.scriptPath()).contains(Path.of("a.sh"));
  }

  @Test
  void theInputTheVisibleRuleShowsIsRequired() {
    InputException e =
        catchThrowableOfType(
            InputException.class,
            () ->
                FixtureInputs.bind(
                    source("connection", "c", "mode", "SCRIPTPATH", "app_location", "a")));

    assertThat(e.getMessage()).isEqualTo("Input required: scriptPath");
    assertThat(e.hint()).contains("scriptPath").contains("mode = scriptPath");
  }

  @Test
  void aGroupVisibleRuleHidesTheGroupsRequiredInputs() {
    assertThat(FixtureInputs.bind(minimalWith()).logLevel()).isEmpty();

    InputException e =
        catchThrowableOfType(
            InputException.class, () -> FixtureInputs.bind(minimalWith("enableAdvanced", "true")));
    assertThat(e.getMessage()).isEqualTo("Input required: logLevel");
  }

  @Test
  void aBadIntegerNamesTheInputAndTheExpectedFormButNotTheValue() {
    InputException e =
        catchThrowableOfType(
            InputException.class, () -> FixtureInputs.bind(minimalWith("retries", "s3cr3t")));

    assertThat(e.code()).isEqualTo("InputInvalidInteger");
    assertThat(e.inputName()).isEqualTo("retries");
    assertThat(e.getMessage())
        .contains("'retries'")
        .contains("whole number")
        .doesNotContain("s3cr3t");
  }

  @Test
  void anOptionOutsideTheListNamesTheInputAndTheAllowedValuesButNotTheValue() {
    InputException e =
        catchThrowableOfType(
            InputException.class, () -> FixtureInputs.bind(minimalWith("mode", "s3cr3t")));

    assertThat(e.code()).isEqualTo("InputInvalidOption");
    assertThat(e.getMessage())
        .isEqualTo("Input 'mode' must be one of: inlineScript, scriptPath.")
        .doesNotContain("s3cr3t");
  }

  @Test
  void optionsMatchIgnoringCase() {
    assertThat(FixtureInputs.bind(minimalWith("mode", "INLINESCRIPT")).mode())
        .isEqualTo(FixtureInputs.Mode.INLINE_SCRIPT);
  }

  @Test
  void aBooleanThatIsNeitherTrueNorFalseIsFalseWithAWarning() {
    FixtureInputs inputs = FixtureInputs.bind(minimalWith("failOnStderr", "yes"));

    assertThat(inputs.failOnStderr()).isFalse();
    assertThat(warnings).singleElement().asString().contains("failOnStderr").doesNotContain("yes");
  }

  @Test
  void toStringDoesNotShowTextValuesBecauseTheyMayBeSecret() {
    FixtureInputs inputs = FixtureInputs.bind(minimalWith("arguments", "--password hunter2"));

    assertThat(inputs.toString())
        .doesNotContain("hunter2")
        .contains("arguments=Optional[***]")
        .contains("retries=3")
        .contains("mode=INLINE_SCRIPT");
  }

  @Test
  void theRecordCarriesTheSpecsAndTheTaskIdentity() {
    assertThat(FixtureInputs.inputSpecs()).hasSize(14);
    assertThat(FixtureInputs.inputSpecs().get(1).options())
        .containsExactly("inlineScript", "scriptPath");
    assertThat(FixtureInputs.TASK_NAME).isEqualTo("FixtureTask");
    assertThat(FixtureInputs.TASK_VERSION).isEqualTo("1.2.3");
  }
}
