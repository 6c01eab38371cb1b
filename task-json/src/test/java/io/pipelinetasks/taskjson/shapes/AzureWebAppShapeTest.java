package io.pipelinetasks.taskjson.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelinetasks.taskjson.InputException;
import io.pipelinetasks.taskjson.TaskInputs;
import io.pipelinetasks.taskjson.TaskJsonValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@TaskInputs(
    value = "src/test/resources/io/pipelinetasks/taskjson/shapes/AzureWebAppV1/task.json",
    className = "AzureWebAppInputs")
class AzureWebAppShapeTest {
  private static final Path TASK_JSON =
      Path.of("src/test/resources/io/pipelinetasks/taskjson/shapes/AzureWebAppV1/task.json");

  @Test
  void aManifestShapedLikeAzureWebApp1HasNoProblems() {
    assertThat(TaskJsonValidator.validate(TASK_JSON).problems()).isEmpty();
  }

  @Test
  void hiddenInputsStillGetTheirDefaults() {
    AzureWebAppInputs inputs =
        AzureWebAppInputs.bind(
            Inputs.of("azureSubscription", "c", "appType", "webAppLinux", "appName", "shop"));

    assertThat(inputs.appType()).isEqualTo(AzureWebAppInputs.AppType.WEB_APP_LINUX);
    assertThat(inputs.deployToSlotOrASE()).isFalse();
    assertThat(inputs.resourceGroupName()).isEmpty();
    assertThat(inputs.slotName()).isEqualTo("production");
    assertThat(inputs.package_()).isEqualTo(Path.of("$(System.DefaultWorkingDirectory)/**/*.zip"));
    assertThat(inputs.deploymentMethod()).isEqualTo(AzureWebAppInputs.DeploymentMethod.AUTO);
    assertThat(inputs.runtimeStack()).isEmpty();
  }

  @Test
  void deployingToASlotRequiresTheResourceGroup() {
    InputException e =
        catchThrowableOfType(
            InputException.class,
            () ->
                AzureWebAppInputs.bind(
                    Inputs.of(
                        "azureSubscription", "c",
                        "appType", "webApp",
                        "appName", "shop",
                        "deployToSlotOrASE", "true")));

    assertThat(e.getMessage()).isEqualTo("Input required: resourceGroupName");
  }

  @Test
  void aRuntimeStackOutsideTheListIsAcceptedBecauseTheListIsEditable() {
    AzureWebAppInputs inputs =
        AzureWebAppInputs.bind(
            Inputs.of(
                "azureSubscription", "c",
                "appType", "webAppLinux",
                "appName", "shop",
                "runtimeStack", "JAVA|21-java21"));

    assertThat(inputs.runtimeStack()).contains("JAVA|21-java21");
  }
}
