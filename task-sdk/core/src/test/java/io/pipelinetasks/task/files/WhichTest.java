package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class WhichTest {
  @TempDir Path root;

  private Path file(String relative, String permissions) throws IOException {
    Path path = root.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/bin/sh\n");
    if (permissions != null) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
    return path;
  }

  private Map<String, String> path(String... folders) {
    StringBuilder value = new StringBuilder();
    for (String folder : folders) {
      value.append(root.resolve(folder)).append(':');
    }
    return Map.of("PATH", value + ":");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void findsTheFirstExecutableOnPathAndSkipsFilesThatAreNot() throws IOException {
    file("one/tool", "rw-r--r--");
    Path two = file("two/tool", "rwxr-xr-x");
    file("three/tool", "rwxr-xr-x");
    assertThat(TaskFiles.which("tool", path("one", "two", "three"))).contains(two);
    assertThat(TaskFiles.which("other", path("one", "two"))).isEmpty();
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void checksARootedPathAsItIsAndNeverSearchesForARelativeOne() throws IOException {
    Path tool = file("bin/tool", "rwx------");
    assertThat(TaskFiles.which(tool.toString(), Map.of())).contains(tool);
    assertThat(TaskFiles.which("bin/tool", path("."))).isEmpty();
    assertThat(TaskFiles.which("./tool", path("bin"))).isEmpty();
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void whichRequiredNamesTheMissingToolAndThePath() {
    assertThatThrownBy(() -> TaskFiles.whichRequired("az-not-installed", path("bin")))
        .isInstanceOfSatisfying(
            FileException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ToolNotFound");
              assertThat(e.subject()).isEqualTo("az-not-installed");
              assertThat(e.getMessage())
                  .contains("'az-not-installed'")
                  .contains("PATH")
                  .contains("executable");
            });
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void windowsRulesTryEachPathextExtensionAndRequireOne() throws IOException {
    // Run on Linux with Windows rules: rooted paths, since PATH entries would be joined with '\'
    Path cmd = file("bin/tool.CMD", null);
    file("bin/notes.txt", null);
    Which which = new Which(Platform.WINDOWS, Map.of("pathext", ".COM;.EXE;.CMD"));
    assertThat(which.find(root.resolve("bin/tool").toString())).contains(cmd);
    assertThat(which.find(cmd.toString())).contains(cmd);
    assertThat(which.find(root.resolve("bin/notes.txt").toString())).isEmpty();
    assertThat(which.find("bin\\tool")).isEmpty();
    assertThat(which.notFoundMessage("x")).contains("PATHEXT (.COM;.EXE;.CMD)");
  }
}
