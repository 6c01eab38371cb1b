package io.pipelinetasks.tasks.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip archive produced while it is read: each {@link #read} compresses just enough of the next
 * file to answer, so a folder of any size streams into an upload in constant memory (a 64 KiB read
 * buffer and the deflater's window), with no temporary file and no second thread. Entries are
 * deflated at level 1, which keeps up with a network upload; files whose contents are already
 * compressed (images, archives, fonts, media) are written with deflate's stored blocks, so no CPU
 * is spent trying to shrink them. Entry sizes go into data descriptors and the JDK writes zip64
 * records when an entry or the archive passes 4 GiB or 65,535 entries.
 */
final class ZipStream extends InputStream {
  private static final int CHUNK = 64 * 1024;
  private static final Set<String> COMPRESSED =
      Set.of(
          "zip", "jar", "war", "ear", "nupkg", "gz", "tgz", "bz2", "xz", "zst", "br", "7z", "rar",
          "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff", "woff2", "mp3", "mp4", "m4a",
          "webm", "ogg", "mov", "pdf");

  /**
   * One entry: a file or folder of the source, or generated content.
   *
   * @param name the entry name, with {@code /} separators, folders ending with {@code /}
   * @param file the file to copy, or null
   * @param content generated content, or null
   * @param size the number of source bytes, for progress
   * @param modified the modification time
   */
  record Entry(String name, Path file, byte[] content, long size, FileTime modified) {
    Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(modified, "modified");
    }

    boolean folder() {
      return name.endsWith("/");
    }

    static Entry file(String name, Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Entry(name, file, null, attributes.size(), attributes.lastModifiedTime());
    }

    static Entry generated(String name, String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      return new Entry(
          name, null, bytes, bytes.length, FileTime.fromMillis(System.currentTimeMillis()));
    }
  }

  private final List<Entry> entries;
  private final Window window = new Window();
  private final ZipOutputStream zip = new ZipOutputStream(window, StandardCharsets.UTF_8);
  private final byte[] chunk = new byte[CHUNK];
  private int next;
  private InputStream current;
  private boolean finished;
  private volatile long sourceRead;
  private boolean closed;

  ZipStream(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    zip.setLevel(Deflater.BEST_SPEED);
  }

  /**
   * The entries of a folder, parents before children, each folder's entries in name order, symbolic
   * links followed (a link loop fails with the folder's name).
   *
   * @param folder the folder whose contents become the archive's root
   */
  static List<Entry> folderEntries(Path folder) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Files.walkFileTree(
        folder,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (!dir.equals(folder)) {
              entries.add(
                  new Entry(name(folder, dir) + "/", null, null, 0, attributes.lastModifiedTime()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile()) {
              entries.add(
                  new Entry(
                      name(folder, file),
                      file,
                      null,
                      attributes.size(),
                      attributes.lastModifiedTime()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure)
              throws IOException {
            throw new IOException("Cannot read " + file + " to zip it: " + failure, failure);
          }
        });
    return entries;
  }

  private static String name(Path root, Path path) {
    StringBuilder name = new StringBuilder();
    for (Path part : root.relativize(path)) {
      if (name.length() > 0) {
        name.append('/');
      }
      name.append(part.toString());
    }
    return name.toString();
  }

  /** The total number of source bytes, for progress. */
  static long sourceSize(List<Entry> entries) {
    return entries.stream().mapToLong(Entry::size).sum();
  }

  /** How many source bytes have been compressed so far. */
  long sourceRead() {
    return sourceRead;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (closed) {
      throw new IOException("The zip stream is closed");
    }
    if (length == 0) {
      return 0;
    }
    while (window.available() == 0) {
      if (finished) {
        return -1;
      }
      produce();
    }
    return window.take(buffer, offset, length);
  }

  /** Compresses the next piece: an entry header, up to one chunk of a file, or the directory. */
  private void produce() throws IOException {
    if (current != null) {
      int n = current.read(chunk);
      if (n < 0) {
        current.close();
        current = null;
        zip.closeEntry();
      } else {
        sourceRead += n;
        zip.write(chunk, 0, n);
      }
      return;
    }
    if (next == entries.size()) {
      zip.finish();
      finished = true;
      return;
    }
    Entry entry = entries.get(next++);
    ZipEntry zipEntry = new ZipEntry(entry.name());
    zipEntry.setLastModifiedTime(entry.modified());
    if (entry.folder()) {
      zip.putNextEntry(zipEntry);
      zip.closeEntry();
      return;
    }
    zip.setLevel(storeOnly(entry.name()) ? Deflater.NO_COMPRESSION : Deflater.BEST_SPEED);
    zip.putNextEntry(zipEntry);
    if (entry.content() != null) {
      zip.write(entry.content());
      sourceRead += entry.content().length;
      zip.closeEntry();
    } else {
      current = Files.newInputStream(entry.file());
    }
  }

  private static boolean storeOnly(String name) {
    int dot = name.lastIndexOf('.');
    return dot >= 0 && COMPRESSED.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (current != null) {
      current.close();
    }
  }

  /**
   * The compressed bytes not yet read: the zip writer appends, {@link #read} takes from the front.
   * The array only grows to the largest single write (a chunk plus the deflater's output for it),
   * and is reused once drained.
   */
  private static final class Window extends OutputStream {
    private byte[] bytes = new byte[CHUNK + 1024];
    private int start;
    private int end;

    int available() {
      return end - start;
    }

    int take(byte[] target, int offset, int length) {
      int n = Math.min(length, end - start);
      System.arraycopy(bytes, start, target, offset, n);
      start += n;
      if (start == end) {
        start = 0;
        end = 0;
      }
      return n;
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[end++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, bytes, end, length);
      end += length;
    }

    private void ensure(int more) {
      if (end + more <= bytes.length) {
        return;
      }
      int used = end - start;
      if (used + more <= bytes.length) {
        System.arraycopy(bytes, start, bytes, 0, used);
      } else {
        byte[] larger = new byte[Math.max(bytes.length * 2, used + more)];
        System.arraycopy(bytes, start, larger, 0, used);
        bytes = larger;
      }
      start = 0;
      end = used;
    }
  }
}
