package io.pipelinetasks.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinetasks.taskjson.TaskJson;
import io.pipelinetasks.taskjson.TaskVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFolderBuilderTest {
  @TempDir Path work;

  @Test
  void theFolderHoldsWhatTheAgentDownloadsWithTheVersionStamped() throws Exception {
    Path module = Fixtures.module(work);
    Files.createDirectories(module.resolve("Strings/resources.resjson/de-DE"));
    Files.writeString(module.resolve("Strings/resources.resjson/de-DE/resources.resjson"), "{}");
    Fixtures.jar(module.resolve("target/task.jar"));

    TaskFolder folder =
        TaskFolderBuilder.forTask(module.resolve("task.json"))
            .version(3, 7)
            .build(module.resolve("target/task"));

    Path dir = module.resolve("target/task/SampleV1");
    assertThat(folder.directory()).isEqualTo(dir);
    assertThat(folder.launchers()).containsExactly("prejob.js", "launcher.js");
    assertThat(TaskJson.readTask(dir.resolve("task.json")).version())
        .isEqualTo(TaskVersion.of(1, 3, 7));
    assertThat(dir.resolve("launcher.js")).hasContent(Launcher.script());
    assertThat(dir.resolve("prejob.js")).hasSameBinaryContentAs(dir.resolve("launcher.js"));
    assertThat(dir.resolve("task.jar")).hasSameBinaryContentAs(module.resolve("target/task.jar"));
    assertThat(dir.resolve("icon.png")).exists();
    assertThat(Files.readAllBytes(dir.resolve("icon.png"))).startsWith(0x89, 'P', 'N', 'G');
    assertThat(dir.resolve("Strings/resources.resjson/de-DE/resources.resjson")).hasContent("{}");
    assertThat(dir.resolve("task.jvm.json"))
        .content()
        .contains("\"jvmOptions\": [\"-XX:TieredStopAtLevel=1\"");
    assertThat(folder.appCdsArchive()).isEmpty();
  }

  @Test
  void minorAndPatchComeFromTheProjectVersion() {
    assertThat(TaskFolderBuilder.minorAndPatch("0.3.1-SNAPSHOT")).containsExactly(3, 1);
    assertThat(TaskFolderBuilder.minorAndPatch("2.5")).containsExactly(5, 0);
    assertThatThrownBy(() -> TaskFolderBuilder.minorAndPatch("latest"))
        .isInstanceOf(PackagingException.class)
        .hasMessageContaining("taskMinor and taskPatch");
    assertThat(ExtensionSettings.versionOf("0.1.0-SNAPSHOT")).isEqualTo("0.1.0");
  }

  @Test
  void aTaskJsonTheLauncherCannotRunIsRefusedWithEveryProblemAndItsFix() throws Exception {
    Path module = Files.createDirectories(work.resolve("BadV1"));
    Files.writeString(
        module.resolve("task.json"),
        """
        {"id": "6a1f9b64-8b5c-4c1e-9a2e-0f7d3c2b1a90", "name": "Bad", "friendlyName": "Bad",
         "instanceNameFormat": "Bad", "version": {"Major": 1, "Minor": 0, "Patch": 0},
         "minimumAgentVersion": "2.144.0",
         "execution": {"Node20_1": {"target": "dist/index.js"}, "PowerShell3": {"target": "x.ps1"}}}
        """);

    assertThatThrownBy(() -> TaskFolderBuilder.forTask(module.resolve("task.json")).build(work))
        .isInstanceOf(PackagingException.class)
        .hasMessageContaining("task.json cannot be packaged")
        .hasMessageContaining(":/execution: no Node24 handler; add it")
        .hasMessageContaining(
            ":/execution/PowerShell3: a Java task runs only through its Node launcher")
        .hasMessageContaining(
            "/execution/Node20_1/target: \"dist/index.js\" is not a launcher file name")
        .hasMessageContaining(":/demands: \"java\" is missing")
        .hasMessageContaining(
            ":/minimumAgentVersion: \"2.144.0\" is too old; set it to \"4.248.0\"");
  }

  @Test
  void theMajorVersionMustMatchTheModuleFolder() throws Exception {
    Path module = Fixtures.module(work);
    Path renamed = Files.move(module, work.resolve("SampleV2"));
    Fixtures.jar(renamed.resolve("target/task.jar"));

    assertThatThrownBy(() -> TaskFolderBuilder.forTask(renamed.resolve("task.json")).build(work))
        .isInstanceOf(PackagingException.class)
        .hasMessageContaining("/version/Major: is 1 but the module folder SampleV2 says 2");
  }

  @Test
  void aMissingJarOrTaskJsonSaysHowToMakeIt() throws Exception {
    Path module = Fixtures.module(work);
    assertThatThrownBy(() -> TaskFolderBuilder.forTask(module.resolve("task.json")).build(work))
        .isInstanceOf(PackagingException.class)
        .hasMessageContaining("task.jar: the task's shaded jar does not exist")
        .hasMessageContaining("<task.mainClass>");
    assertThatThrownBy(() -> TaskFolderBuilder.forTask(work.resolve("none/task.json")).build(work))
        .hasMessageContaining("none/task.json: not found");
  }

  @Test
  void launcherTargetsAreDistinctAndInFileOrder() throws Exception {
    Path module = Fixtures.module(work);
    assertThat(TaskFolderBuilder.launcherTargets(TaskJson.readTask(module.resolve("task.json"))))
        .isEqualTo(List.of("prejob.js", "launcher.js"));
    assertThat(Launcher.entryPoint("prejob.js")).isEqualTo("prejob");
  }

  @Test
  void theTaskZipIsReproducible() throws Exception {
    TaskFolder folder = Fixtures.taskFolder(work);
    Path first = folder.zip(work.resolve("a.zip"));
    Path second = folder.zip(work.resolve("b.zip"));
    assertThat(first).hasSameBinaryContentAs(second);
  }
}
