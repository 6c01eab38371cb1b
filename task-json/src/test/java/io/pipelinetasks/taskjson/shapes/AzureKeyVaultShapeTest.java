package io.pipelinetasks.taskjson.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.taskjson.TaskDefinition;
import io.pipelinetasks.taskjson.TaskInputs;
import io.pipelinetasks.taskjson.TaskJson;
import io.pipelinetasks.taskjson.TaskJsonValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@TaskInputs(
    value = "src/test/resources/io/pipelinetasks/taskjson/shapes/AzureKeyVaultV2/task.json",
    className = "AzureKeyVaultInputs")
class AzureKeyVaultShapeTest {
  private static final Path TASK_JSON =
      Path.of("src/test/resources/io/pipelinetasks/taskjson/shapes/AzureKeyVaultV2/task.json");

  @Test
  void aManifestShapedLikeAzureKeyVault2HasNoProblems() {
    assertThat(TaskJsonValidator.validate(TASK_JSON).problems()).isEmpty();
  }

  @Test
  void bothEntryPointsAreModelled() {
    TaskDefinition task = TaskJson.readTask(TASK_JSON);

    assertThat(task.preJobExecution().get("Node20_1").target()).isEqualTo("runprejob.js");
    assertThat(task.execution().get("Node20_1").target()).isEqualTo("run.js");
    assertThat(task.dataSourceBindings().get(0).dataSourceName()).contains("AzureKeyVaultsListV2");
  }

  @Test
  void aBooleanDefaultWrittenAsABooleanBindsAndTheFilterDefaultsToAll() {
    AzureKeyVaultInputs inputs =
        AzureKeyVaultInputs.bind(Inputs.of("azureSubscription", "c", "KeyVaultName", "my-vault"));

    assertThat(inputs.RunAsPreJob()).isFalse();
    assertThat(inputs.SecretsFilter()).isEqualTo("*");
    assertThat(inputs.KeyVaultName()).as("an editable pick list is text").isEqualTo("my-vault");
    assertThat(inputs.ConnectedServiceName().id()).isEqualTo("c");
  }
}
