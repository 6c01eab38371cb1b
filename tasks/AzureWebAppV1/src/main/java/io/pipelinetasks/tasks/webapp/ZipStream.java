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
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip archive produced while it is read: each {@link #read} compresses just enough of the next
 * file to answer, so a folder of any size streams into an upload in constant memory (a 64 KiB read
 * buffer and the deflater's window), with no temporary file ({@link ReadAhead} runs it a few
 * megabytes ahead of the network). Text is deflated at level 1, which keeps up with a network
 * upload; already-compressed files (images, archives, fonts, media by their extension, and any file
 * whose first 64 KiB do not shrink) are stored, so no CPU is spent trying to shrink them. Deflated
 * entries carry their sizes in data descriptors, and the JDK writes zip64 records when an entry or
 * the archive passes 4 GiB or 65,535 entries.
 */
final class ZipStream extends InputStream {
  private static final int CHUNK = 64 * 1024;
  private static final int SAMPLE = CHUNK;
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
  private final BufferedZip zip = new BufferedZip(window);
  private final Deflater sampler = new Deflater(Deflater.BEST_SPEED, true);
  private final byte[] scratch = new byte[CHUNK];
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
    if (entry.content() != null) {
      zip.putNextEntry(zipEntry);
      zip.write(entry.content());
      sourceRead += entry.content().length;
      zip.closeEntry();
      return;
    }
    if (worthStoring(entry)) {
      // Stored entries carry their size and CRC before the data, so the file is read twice: the
      // CRC pass runs at memory speed, far faster than deflating bytes that will not shrink.
      zipEntry.setMethod(ZipEntry.STORED);
      zipEntry.setSize(entry.size());
      zipEntry.setCompressedSize(entry.size());
      zipEntry.setCrc(crc(entry.file()));
    } else {
      zipEntry.setMethod(ZipEntry.DEFLATED);
    }
    zip.putNextEntry(zipEntry);
    current = Files.newInputStream(entry.file());
  }

  /**
   * Whether an entry is better stored than deflated: already-compressed file types, and files whose
   * first {@value #SAMPLE} bytes do not shrink by 5% at deflate's fastest level.
   */
  private boolean worthStoring(Entry entry) throws IOException {
    if (storeOnly(entry.name())) {
      return true;
    }
    if (entry.size() < SAMPLE) {
      return false;
    }
    int sampled = 0;
    try (InputStream in = Files.newInputStream(entry.file())) {
      int n;
      while (sampled < SAMPLE && (n = in.read(chunk, sampled, SAMPLE - sampled)) > 0) {
        sampled += n;
      }
    }
    sampler.reset();
    sampler.setInput(chunk, 0, sampled);
    sampler.finish();
    long compressed = 0;
    while (!sampler.finished()) {
      compressed += sampler.deflate(scratch);
    }
    return compressed * 100 >= sampled * 95L;
  }

  private long crc(Path file) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(chunk)) > 0) {
        crc.update(chunk, 0, n);
      }
    }
    return crc.getValue();
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
    sampler.end();
    if (current != null) {
      current.close();
    }
  }

  /** A zip writer whose deflater writes 64 KiB at a time, not 512 bytes, to save native calls. */
  private static final class BufferedZip extends ZipOutputStream {
    BufferedZip(OutputStream out) {
      super(out, StandardCharsets.UTF_8);
      buf = new byte[CHUNK];
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
