package io.pipelinetasks.tasks.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.task.testing.TaskRun;
import io.pipelinetasks.task.testing.TaskRunAssert;
import io.pipelinetasks.task.testing.TaskTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPackageTest {
  @TempDir Path work;

  private TaskRun find(String pattern, AtomicReference<AppPackage> found) {
    return TaskTestKit.task((context, none) -> found.set(AppPackage.find(context, pattern)))
        .taskDirectory(Path.of("").toAbsolutePath())
        .variable("System.DefaultWorkingDirectory", work.toString())
        .run();
  }

  private static void zip(Path path, String... names) throws Exception {
    Files.createDirectories(path.getParent());
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(path))) {
      for (String name : names) {
        out.putNextEntry(new ZipEntry(name));
        out.closeEntry();
      }
    }
  }

  @Test
  void aGlobMatchingOneFileFindsItAndItsKind() throws Exception {
    zip(work.resolve("a/b/app.zip"), "index.html");
    Files.createDirectories(work.resolve("node_modules/x"));
    AtomicReference<AppPackage> found = new AtomicReference<>();
    TaskRunAssert.assertThat(find("**/*.zip", found)).succeeded();
    assertThat(found.get().path()).isEqualTo(work.resolve("a/b/app.zip"));
    assertThat(found.get().kind()).isEqualTo(AppPackage.Kind.ZIP);
    assertThat(found.get().isMsBuildPackage()).isFalse();
  }

  @Test
  void aRelativeLiteralPathIsResolvedAgainstTheWorkingDirectory() throws Exception {
    Files.createDirectories(work.resolve("out/site"));
    AtomicReference<AppPackage> found = new AtomicReference<>();
    TaskRunAssert.assertThat(find("out/site", found)).succeeded();
    assertThat(found.get().kind()).isEqualTo(AppPackage.Kind.FOLDER);
    assertThat(found.get().baseName()).isEqualTo("site");
  }

  @Test
  void jarsAndWarsAreRecognisedAndOtherFilesRefused() throws Exception {
    Files.createDirectories(work.resolve("t"));
    Files.write(work.resolve("t/api-1.0.JAR"), new byte[] {1});
    Files.write(work.resolve("t/shop.war"), new byte[] {1});
    Files.write(work.resolve("t/notes.txt"), new byte[] {1});
    AtomicReference<AppPackage> found = new AtomicReference<>();
    find(work + "/t/*.JAR", found);
    assertThat(found.get().kind()).isEqualTo(AppPackage.Kind.JAR);
    assertThat(found.get().baseName()).isEqualTo("api-1.0");
    find(work + "/t/*.war", found);
    assertThat(found.get().kind()).isEqualTo(AppPackage.Kind.WAR);
    TaskRunAssert.assertThat(find(work + "/t/notes.txt", found))
        .failed()
        .hasMessageContaining("Invalid App Service package or folder path provided: ");
  }

  @Test
  void zeroAndTwoMatchesFailWithTheOfficialMessages() throws Exception {
    AtomicReference<AppPackage> found = new AtomicReference<>();
    TaskRunAssert.assertThat(find("**/*.zip", found))
        .failed()
        .hasMessageContaining("No package found with specified pattern: **/*.zip");
    zip(work.resolve("one/a.zip"), "x");
    zip(work.resolve("two/b.zip"), "x");
    TaskRunAssert.assertThat(find("**/*.zip", found))
        .failed()
        .hasMessageContaining("More than one package matched with specified pattern: **/*.zip.")
        .hasMessageContaining(work.resolve("one/a.zip").toString())
        .hasMessageContaining(work.resolve("two/b.zip").toString());
  }

  @Test
  void anMsBuildPackageIsRecognisedByItsTwoFiles() throws Exception {
    zip(work.resolve("web.zip"), "parameters.xml", "systemInfo.xml", "Content/x");
    AtomicReference<AppPackage> found = new AtomicReference<>();
    find("web.zip", found);
    assertThat(found.get().isMsBuildPackage()).isTrue();
  }
}
