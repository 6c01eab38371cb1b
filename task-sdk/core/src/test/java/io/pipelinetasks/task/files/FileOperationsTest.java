package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FileOperationsTest {
  @TempDir Path root;

  private static void assertFails(Runnable action, String code, String... fragments) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            FileException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(fragments);
            });
  }

  @Test
  void mkdirPCreatesMissingParentsAndAcceptsAnExistingDirectory() {
    Path deep = root.resolve("a/b/c");
    TaskFiles.mkdirP(deep);
    TaskFiles.mkdirP(deep);
    assertThat(deep).isDirectory();
  }

  @Test
  void mkdirPNamesTheFileThatIsInTheWay() {
    Tree.at(root).add("a/file");
    Path wanted = root.resolve("a/file/b/c");
    assertFails(
        () -> TaskFiles.mkdirP(wanted),
        "MkdirFailed",
        wanted.toString(),
        root.resolve("a/file") + " exists and is not a directory");
  }

  @Test
  void existAndStatsFollowLinks() throws IOException {
    Tree.at(root).add("dir/", "file.txt").link("good", "file.txt").link("broken", "missing");
    assertThat(TaskFiles.exist(root.resolve("file.txt"))).isTrue();
    assertThat(TaskFiles.exist(root.resolve("good"))).isTrue();
    assertThat(TaskFiles.exist(root.resolve("broken"))).isFalse();
    assertThat(TaskFiles.exist(root.resolve("missing"))).isFalse();
    assertThat(TaskFiles.exist(root.resolve("file.txt/child"))).isFalse();
    assertThat(TaskFiles.stats(root.resolve("dir")).isDirectory()).isTrue();
    assertThat(TaskFiles.stats(root.resolve("good")).size()).isEqualTo("file.txt".length());
    assertFails(() -> TaskFiles.stats(root.resolve("missing")), "PathNotFound", "missing");
  }

  @Test
  void checkPathNamesWhatIsMissingAndWhere() {
    Path missing = root.resolve("drop/app.zip");
    assertFails(
        () -> TaskFiles.checkPath(missing, "package"),
        "PathNotFound",
        "Not found package: " + missing,
        "earlier step");
    Tree.at(root).add("drop/app.zip");
    TaskFiles.checkPath(missing, "package");
  }

  @Test
  void cpCopiesAFileToANewNameOrIntoADirectory() throws IOException {
    Tree.at(root).add("src/a.txt", "dest/");
    TaskFiles.cp(root.resolve("src/a.txt"), root.resolve("b.txt"), false, true);
    TaskFiles.cp(root.resolve("src/a.txt"), root.resolve("dest"), false, true);
    assertThat(root.resolve("b.txt")).hasContent("src/a.txt");
    assertThat(root.resolve("dest/a.txt")).hasContent("src/a.txt");
  }

  @Test
  void cpOverwritesOnlyWithForce() throws IOException {
    Tree.at(root).add("a.txt");
    Files.writeString(root.resolve("b.txt"), "old");
    TaskFiles.cp(root.resolve("a.txt"), root.resolve("b.txt"), false, false);
    assertThat(root.resolve("b.txt")).hasContent("old");
    TaskFiles.cp(root.resolve("a.txt"), root.resolve("b.txt"), false, true);
    assertThat(root.resolve("b.txt")).hasContent("a.txt");
  }

  @Test
  void cpCopiesADirectoryTreeOnlyWhenRecursiveAndKeepsLinksAsLinks() throws IOException {
    Tree.at(root).add("src/x/y.txt", "src/z.txt").link("src/link", "src/z.txt");
    assertFails(
        () -> TaskFiles.cp(root.resolve("src"), root.resolve("copy"), false, true),
        "CopyFailed",
        "recursive");
    TaskFiles.cp(root.resolve("src"), root.resolve("copy"), true, true);
    assertThat(root.resolve("copy/x/y.txt")).hasContent("src/x/y.txt");
    assertThat(Files.isSymbolicLink(root.resolve("copy/link"))).isTrue();
    assertThat(Files.readSymbolicLink(root.resolve("copy/link")))
        .isEqualTo(root.resolve("src/z.txt"));
  }

  @Test
  void cpRefusesToCopyADirectoryIntoItself() {
    Tree.at(root).add("src/a.txt");
    assertFails(
        () -> TaskFiles.cp(root.resolve("src"), root.resolve("src/inner"), true, true),
        "CopyFailed",
        "into itself");
  }

  @Test
  void cpOfAMissingSourceSaysSo() {
    assertFails(
        () -> TaskFiles.cp(root.resolve("nope"), root.resolve("x"), true, true),
        "PathNotFound",
        "Not found cp source: " + root.resolve("nope"));
  }

  @Test
  void mvRenamesAndReplacesOnlyWithForce() throws IOException {
    Tree.at(root).add("a.txt", "b.txt");
    assertFails(
        () -> TaskFiles.mv(root.resolve("a.txt"), root.resolve("b.txt"), false),
        "MoveFailed",
        "the destination exists",
        "force=true");
    TaskFiles.mv(root.resolve("a.txt"), root.resolve("b.txt"), true);
    assertThat(root.resolve("a.txt")).doesNotExist();
    assertThat(root.resolve("b.txt")).hasContent("a.txt");
    TaskFiles.mv(root.resolve("b.txt"), root.resolve("c.txt"), false);
    assertThat(root.resolve("c.txt")).exists();
    assertFails(
        () -> TaskFiles.mv(root.resolve("gone"), root.resolve("d"), true),
        "PathNotFound",
        "Not found mv source");
  }

  @Test
  void rmRfRemovesTreesFilesAndNothingAtAll() {
    Tree.at(root).add("tree/a/b/c.txt", "tree/d.txt", "file.txt");
    TaskFiles.rmRF(root.resolve("tree"));
    TaskFiles.rmRF(root.resolve("file.txt"));
    TaskFiles.rmRF(root.resolve("never-existed"));
    assertThat(root).isEmptyDirectory();
  }

  @Test
  void rmRfRemovesLinksWithoutTouchingTheirTargets() {
    Tree.at(root)
        .add("target/keep.txt", "tree/")
        .link("link", "target")
        .link("tree/inner", "target")
        .link("dangling", "missing");
    TaskFiles.rmRF(root.resolve("link"));
    TaskFiles.rmRF(root.resolve("tree"));
    TaskFiles.rmRF(root.resolve("dangling"));
    assertThat(root.resolve("target/keep.txt")).exists();
    assertThat(Files.exists(root.resolve("link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.exists(root.resolve("dangling"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(root.resolve("tree")).doesNotExist();
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void rmRfRemovesReadOnlyFilesAndFolders() throws IOException {
    Tree.at(root).add("locked/inner/file.txt");
    Files.setPosixFilePermissions(
        root.resolve("locked/inner/file.txt"), PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(
        root.resolve("locked/inner"), PosixFilePermissions.fromString("r-x------"));
    TaskFiles.rmRF(root.resolve("locked"));
    assertThat(root.resolve("locked")).doesNotExist();
  }
}
