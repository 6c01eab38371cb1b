package io.pipelinetasks.taskjson;

import static io.pipelinetasks.taskjson.TaskJsonValidatorTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionManifestTest {
  private static final String MANIFEST = resource("codec/vss-extension.json");

  @Test
  void readingThenWritingGivesTheSameTreeAndModel() throws IOException {
    ExtensionManifest manifest = TaskJson.parseExtension(MANIFEST, "vss-extension.json");
    String written = TaskJson.writeExtension(manifest);

    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(MANIFEST));
    assertThat(TaskJson.parseExtension(written, "w")).isEqualTo(manifest);
  }

  @Test
  void theTaskContributionsAndFilesAreTyped() {
    ExtensionManifest manifest = TaskJson.parseExtension(MANIFEST, "vss-extension.json");

    assertThat(manifest.manifestVersion()).isEqualTo(1);
    assertThat(manifest.publisher()).isEqualTo("pipelinetasks");
    assertThat(manifest.isPublic()).contains(false);
    assertThat(manifest.targets())
        .extracting(ExtensionTarget::id)
        .containsExactly("Microsoft.VisualStudio.Services");
    assertThat(manifest.icons()).containsEntry("default", "images/icon.png");
    assertThat(manifest.files())
        .extracting(ExtensionFile::path)
        .containsExactly("AzureCLI", "images", "out/overview.md");
    assertThat(manifest.files().get(2).packagePath()).contains("overview.md");
    assertThat(manifest.extra())
        .containsKeys("content", "links", "repository", "branding", "galleryFlags");

    ExtensionContribution task = manifest.contributions().get(0);
    assertThat(task.type()).isEqualTo(ExtensionContribution.TASK_TYPE);
    assertThat(task.stringProperty("name")).contains("AzureCLI");
    assertThat(task.stringProperty("order")).isEmpty();
    assertThat(task.properties()).containsEntry("flags", "{\"beta\":true}");
  }

  @Test
  void aManifestBuiltInCodeIsWrittenWithoutEmptyMembers(@TempDir Path dir) {
    ExtensionManifest manifest =
        new ExtensionManifest(
            1,
            "my-tasks",
            "me",
            "0.1.0",
            "My tasks",
            Optional.empty(),
            List.of("Azure Pipelines"),
            List.of(),
            Optional.empty(),
            List.of(
                new ExtensionTarget("Microsoft.VisualStudio.Services", Optional.empty(), Map.of())),
            Map.of(),
            List.of(),
            List.of(
                new ExtensionFile(
                    "MyTask", Optional.empty(), Optional.empty(), Optional.empty(), Map.of())),
            List.of(
                new ExtensionContribution(
                    "my-task",
                    ExtensionContribution.TASK_TYPE,
                    Optional.empty(),
                    List.of("ms.vss-distributed-task.tasks"),
                    Map.of("name", "\"MyTask\""),
                    Map.of())),
            Map.of());
    Path file = dir.resolve("vss-extension.json");

    TaskJson.writeExtension(manifest, file);

    assertThat(TaskJson.readExtension(file)).isEqualTo(manifest);
    assertThat(TaskJson.writeExtension(manifest))
        .contains("\"name\": \"MyTask\"")
        .doesNotContain("tags")
        .doesNotContain("description");
  }
}
