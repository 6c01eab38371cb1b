package io.pipelinetasks.taskjson.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelinetasks.taskjson.InputException;
import io.pipelinetasks.taskjson.TaskInputs;
import io.pipelinetasks.taskjson.TaskJsonValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@TaskInputs(
    value = "src/test/resources/io/pipelinetasks/taskjson/shapes/AzureCLIV2/task.json",
    className = "AzureCliInputs")
class AzureCliShapeTest {
  private static final Path TASK_JSON =
      Path.of("src/test/resources/io/pipelinetasks/taskjson/shapes/AzureCLIV2/task.json");

  @Test
  void aManifestShapedLikeAzureCli2HasNoProblems() {
    assertThat(TaskJsonValidator.validate(TASK_JSON).problems()).isEmpty();
  }

  @Test
  void aTypicalYamlStepBindsThroughTheAliases() {
    AzureCliInputs inputs =
        AzureCliInputs.bind(
            Inputs.of(
                "azureSubscription", "3f1c2d4e-0000-4000-8000-00000000000a",
                "scriptType", "bash",
                "scriptLocation", "inlineScript",
                "inlineScript", "az account show",
                "arguments", "--verbose",
                "workingDirectory", "src"));

    assertThat(inputs.connectedServiceNameARM().id())
        .isEqualTo("3f1c2d4e-0000-4000-8000-00000000000a");
    assertThat(inputs.scriptType()).isEqualTo(AzureCliInputs.ScriptType.BASH);
    assertThat(inputs.scriptLocation()).isEqualTo(AzureCliInputs.ScriptLocation.INLINE_SCRIPT);
    assertThat(inputs.inlineScript()).contains("az account show");
    assertThat(inputs.scriptPath()).isEmpty();
    assertThat(inputs.scriptArguments()).contains("--verbose");
    assertThat(inputs.cwd()).contains(Path.of("src"));
    assertThat(inputs.powerShellErrorActionPreference())
        .isEqualTo(AzureCliInputs.PowerShellErrorActionPreference.STOP);
    assertThat(inputs.visibleAzLogin()).isTrue();
    assertThat(inputs.failOnStandardError()).isFalse();
  }

  @Test
  void theDefaultScriptLocationMakesScriptPathRequired() {
    InputException e =
        catchThrowableOfType(
            InputException.class,
            () -> AzureCliInputs.bind(Inputs.of("azureSubscription", "c", "scriptType", "ps")));

    assertThat(e.getMessage()).isEqualTo("Input required: scriptPath");
  }

  @Test
  void anUnknownScriptTypeListsTheAllowedOnes() {
    InputException e =
        catchThrowableOfType(
            InputException.class,
            () ->
                AzureCliInputs.bind(
                    Inputs.of("azureSubscription", "c", "scriptType", "zsh", "scriptPath", "a")));

    assertThat(e.getMessage())
        .isEqualTo("Input 'scriptType' must be one of: ps, pscore, batch, bash.");
  }
}
