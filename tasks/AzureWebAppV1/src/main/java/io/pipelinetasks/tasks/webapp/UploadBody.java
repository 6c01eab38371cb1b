package io.pipelinetasks.tasks.webapp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an upload sends: a file as it is, or a zip made while it is read. Each attempt opens a new
 * stream and counts what the HTTP client has read from it, so the deployer can tell whether Kudu
 * could have received the whole package (the upload must then not be repeated) or not (repeating it
 * is safe).
 */
final class UploadBody {
  /** Opens the bytes to send. */
  @FunctionalInterface
  interface Source {
    InputStream open() throws IOException;
  }

  private final Source source;
  private final OptionalLong length;
  private final long sourceSize;
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean endReached;
  private volatile ReadAhead zip;

  private UploadBody(Source source, OptionalLong length, long sourceSize) {
    this.source = source;
    this.length = length;
    this.sourceSize = sourceSize;
  }

  /** A file uploaded byte for byte, with a known length. */
  static UploadBody file(Path file) throws IOException {
    long size = Files.size(file);
    return new UploadBody(() -> Files.newInputStream(file), OptionalLong.of(size), size);
  }

  /**
   * A zip of these entries, compressed while it uploads (on a thread of its own, a few megabytes
   * ahead of the network); its length is not known in advance.
   */
  static UploadBody zip(List<ZipStream.Entry> entries) {
    return new UploadBody(
        () -> new ReadAhead(new ZipStream(entries)),
        OptionalLong.empty(),
        ZipStream.sourceSize(entries));
  }

  /** The number of bytes the upload sends, when known before it starts. */
  OptionalLong length() {
    return length;
  }

  /** The number of bytes of the package's files, for progress. */
  long sourceSize() {
    return sourceSize;
  }

  /** A fresh stream for one attempt; the counters start again. */
  InputStream open() throws IOException {
    InputStream in = source.open();
    sent.set(0);
    endReached = false;
    zip = in instanceof ReadAhead stream ? stream : null;
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        count(n);
        return n;
      }
    };
  }

  private void count(int n) {
    if (n < 0) {
      endReached = true;
    } else {
      sent.addAndGet(n);
    }
  }

  /** Bytes the HTTP client has taken in this attempt. */
  long sent() {
    return sent.get();
  }

  /** Source bytes processed in this attempt: the files zipped so far, or the bytes sent. */
  long sourceDone() {
    ReadAhead stream = zip;
    return stream != null ? stream.sourceRead() : sent.get();
  }

  /**
   * Whether the HTTP client took the whole body in this attempt, so the server may have all of it.
   * An attempt that failed before this cannot have produced a deployment.
   */
  boolean complete() {
    return endReached || (length.isPresent() && sent.get() >= length.getAsLong());
  }
}
