package io.pipelinetasks.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VsixTest {
  @TempDir Path work;

  private static ExtensionSettings settings(Optional<Path> icon) {
    return new ExtensionSettings(
        "mypub",
        "my-ext",
        "1.2.3",
        "My <extension>",
        Optional.of("Does \"things\" & more"),
        icon,
        Optional.empty(),
        false);
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = VsixTest.class.getResourceAsStream("vsix/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String entry(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theVsixHoldsTheManifestsAndTheTaskFoldersLikeTfx() throws Exception {
    TaskFolder folder = Fixtures.taskFolder(work.resolve("module"));
    Path icon = Files.write(work.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    Path manifest =
        Vsix.stage(settings(Optional.of(icon)), List.of(folder.directory()), work.resolve("root"));
    Path vsix = Vsix.pack(manifest, work.resolve("out"));

    assertThat(vsix.getFileName().toString()).isEqualTo("mypub.my-ext-1.2.3.vsix");
    try (ZipFile zip = new ZipFile(vsix.toFile())) {
      List<String> names = new ArrayList<>();
      zip.stream().map(ZipEntry::getName).forEach(names::add);
      assertThat(names)
          .containsExactly(
              "[Content_Types].xml",
              "extension.vsixmanifest",
              "extension.vsomanifest",
              "Sample/",
              "Sample/SampleV1/",
              "Sample/SampleV1/icon.png",
              "Sample/SampleV1/launcher.js",
              "Sample/SampleV1/prejob.js",
              "Sample/SampleV1/task.jar",
              "Sample/SampleV1/task.json",
              "Sample/SampleV1/task.jvm.json",
              "extension-icon.png");
      assertThat(entry(zip, "extension.vsixmanifest")).isEqualTo(golden("extension.vsixmanifest"));
      assertThat(entry(zip, "extension.vsomanifest")).isEqualTo(golden("extension.vsomanifest"));
      assertThat(entry(zip, "[Content_Types].xml")).isEqualTo(golden("content-types.xml"));
      assertThat(zip.getEntry("Sample/SampleV1/task.json").getTimeLocal())
          .isEqualTo(Vsix.ENTRY_TIME);
    }
    assertThat(Files.readString(manifest)).isEqualTo(golden("vss-extension.json"));
  }

  @Test
  void packingTwiceGivesTheSameBytes() throws Exception {
    TaskFolder folder = Fixtures.taskFolder(work.resolve("module"));
    Path manifest =
        Vsix.stage(settings(Optional.empty()), List.of(folder.directory()), work.resolve("root"));
    byte[] first = Files.readAllBytes(Vsix.pack(manifest, work.resolve("a")));
    byte[] second = Files.readAllBytes(Vsix.pack(manifest, work.resolve("b")));
    assertThat(first).isEqualTo(second);
  }

  @Test
  void badSettingsAndManifestsNameEveryProblem() throws Exception {
    assertThatThrownBy(
            () ->
                new ExtensionSettings(
                    "my pub",
                    "",
                    "1.0",
                    " ",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false))
        .isInstanceOf(PackagingException.class)
        .hasMessageContaining("publisher \"my pub\"")
        .hasMessageContaining("id \"\"")
        .hasMessageContaining("version \"1.0\": three numbers")
        .hasMessageContaining("name: required");

    Files.createDirectories(work.resolve("root"));
    Path manifest = work.resolve("root/vss-extension.json");
    Files.writeString(
        manifest,
        """
        {"manifestVersion": 1, "id": "x", "publisher": "p", "version": "1.0.0", "name": "X",
         "targets": [{"id": "Microsoft.VisualStudio.Services"}],
         "files": [{"path": "Missing"}],
         "contributions": [{"id": "t", "type": "ms.vss-distributed-task.task",
           "targets": ["ms.vss-distributed-task.tasks"], "properties": {"name": "Missing"}}]}
        """);
    assertThatThrownBy(() -> Vsix.pack(manifest, work))
        .isInstanceOf(PackagingException.class)
        .hasMessageContaining("contributions/t/properties/name: \"Missing\" holds no task.json");
    assertThatThrownBy(
            () -> Vsix.stage(settings(Optional.empty()), List.of(work), work.resolve("s")))
        .hasMessageContaining("not a built task folder");
  }
}
