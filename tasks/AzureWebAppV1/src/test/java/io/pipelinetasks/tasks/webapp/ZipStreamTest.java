package io.pipelinetasks.tasks.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipStreamTest {
  @TempDir Path dir;

  private Path zipOf(List<ZipStream.Entry> entries, int readSize) throws IOException {
    Path zip = dir.resolve("out-" + readSize + ".zip");
    try (InputStream in = new ZipStream(entries);
        var out = Files.newOutputStream(zip)) {
      byte[] buffer = new byte[readSize];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    }
    return zip;
  }

  private static Map<String, byte[]> contents(Path zip) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(file.entries())) {
        try (InputStream in = file.getInputStream(entry)) {
          files.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return files;
  }

  @Test
  void aFolderBecomesAZipOfItsContentsWithFoldersAndNestedFiles() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    Files.writeString(site.resolve("index.html"), "<h1>hi</h1>");
    Files.createDirectories(site.resolve("a/b"));
    Files.writeString(site.resolve("a/b/c.txt"), "deep");
    Files.createDirectories(site.resolve("empty"));
    Files.writeString(site.resolve("naïve café.txt"), "unicode");
    byte[] large = new byte[3 * 1024 * 1024 + 17];
    new Random(1).nextBytes(large);
    Files.write(site.resolve("a/large.bin"), large);

    List<ZipStream.Entry> entries = ZipStream.folderEntries(site);
    Map<String, byte[]> files = contents(zipOf(entries, 8192));

    assertThat(files.keySet())
        .containsExactlyInAnyOrder(
            "a/", "a/b/", "a/b/c.txt", "a/large.bin", "empty/", "index.html", "naïve café.txt");
    assertThat(new String(files.get("a/b/c.txt"), StandardCharsets.UTF_8)).isEqualTo("deep");
    assertThat(files.get("a/large.bin")).isEqualTo(large);
    assertThat(ZipStream.sourceSize(entries)).isEqualTo(large.length + 11 + 4 + 7);
  }

  @Test
  void theSameArchiveComesOutWhateverTheReadSize() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    for (int i = 0; i < 20; i++) {
      Files.writeString(site.resolve("f" + i + ".txt"), "line\n".repeat(i * 1000));
    }
    List<ZipStream.Entry> entries = ZipStream.folderEntries(site);
    byte[] big = Files.readAllBytes(zipOf(entries, 64 * 1024));
    byte[] small = Files.readAllBytes(zipOf(entries, 7));
    assertThat(small).isEqualTo(big);
    try (InputStream in = new ZipStream(entries)) {
      int first = in.read();
      assertThat(first).isEqualTo(0x50); // 'P' of the local header signature
    }
  }

  @Test
  void alreadyCompressedFilesAreStoredAndTextIsDeflated() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    String text = "a".repeat(200_000);
    Files.writeString(site.resolve("logo.png"), text);
    Files.writeString(site.resolve("readme.txt"), text);
    Files.createDirectories(site.resolve("lib"));
    Files.writeString(site.resolve("lib/dep.JAR"), text);
    byte[] noise = new byte[300_000];
    new Random(3).nextBytes(noise);
    Files.write(site.resolve("data.dat"), noise);
    Files.write(site.resolve("small.dat"), java.util.Arrays.copyOf(noise, 1000));
    Path zip = zipOf(ZipStream.folderEntries(site), 4096);
    try (ZipFile file = new ZipFile(zip.toFile())) {
      assertThat(file.getEntry("logo.png").getMethod()).isEqualTo(ZipEntry.STORED);
      assertThat(file.getEntry("lib/dep.JAR").getMethod()).isEqualTo(ZipEntry.STORED);
      // Random bytes without a telling extension: the sample does not shrink, so stored.
      assertThat(file.getEntry("data.dat").getMethod()).isEqualTo(ZipEntry.STORED);
      assertThat(file.getEntry("small.dat").getMethod()).isEqualTo(ZipEntry.DEFLATED);
      assertThat(file.getEntry("readme.txt").getMethod()).isEqualTo(ZipEntry.DEFLATED);
      assertThat(file.getEntry("readme.txt").getCompressedSize()).isLessThan(5_000);
    }
    Map<String, byte[]> files = contents(zip);
    assertThat(files.get("data.dat")).isEqualTo(noise);
    assertThat(new String(files.get("logo.png"), StandardCharsets.UTF_8)).isEqualTo(text);
  }

  @Test
  void aFileThatChangesBetweenItsTwoReadsFailsTheStream() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    Path image = site.resolve("photo.jpg");
    Files.write(image, new byte[100_000]);
    List<ZipStream.Entry> entries = ZipStream.folderEntries(site);
    Files.write(image, new byte[50_000]);
    assertThatThrownBy(() -> zipOf(entries, 1024)).isInstanceOf(java.util.zip.ZipException.class);
  }

  @Test
  void moreThan65535EntriesGetZip64Records() throws Exception {
    List<ZipStream.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      entries.add(ZipStream.Entry.generated("d/" + i + ".txt", Integer.toString(i)));
    }
    try (ZipFile zip = new ZipFile(zipOf(entries, 65536).toFile())) {
      assertThat(zip.size()).isEqualTo(70_000);
      try (InputStream in = zip.getInputStream(zip.getEntry("d/69999.txt"))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("69999");
      }
    }
  }

  @Test
  void anUploadBodyCountsWhatWasSentAndKnowsWhenItWasComplete() throws Exception {
    Path file = Files.write(dir.resolve("p.zip"), new byte[10_000]);
    UploadBody body = UploadBody.file(file);
    assertThat(body.length()).hasValue(10_000);
    try (InputStream in = body.open()) {
      in.read(new byte[4000]);
      assertThat(body.sent()).isEqualTo(4000);
      assertThat(body.complete()).isFalse();
      in.readAllBytes();
      assertThat(body.complete()).isTrue();
    }
    try (InputStream in = body.open()) {
      assertThat(body.sent()).isZero();
      assertThat(body.complete()).isFalse();
      assertThat(in.read()).isZero();
    }

    UploadBody zip = UploadBody.zip(List.of(ZipStream.Entry.generated("a.txt", "x".repeat(5000))));
    assertThat(zip.length()).isEmpty();
    try (InputStream in = zip.open()) {
      in.readAllBytes();
      assertThat(zip.complete()).isTrue();
      assertThat(zip.sourceDone()).isEqualTo(5000);
    }
  }

  @Test
  void aFileThatDisappearsFailsTheStreamNamingIt() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    Path gone = Files.writeString(site.resolve("gone.txt"), "soon gone");
    List<ZipStream.Entry> entries = ZipStream.folderEntries(site);
    Files.delete(gone);
    assertThatThrownBy(() -> zipOf(entries, 1024)).hasMessageContaining("gone.txt");
  }
}
