package io.pipelinetasks.tasks.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on a thread of its own into a fixed set of buffers, so that producing the
 * bytes (compressing a folder) overlaps with consuming them (encrypting and sending them): while
 * the socket is busy, the next megabytes are already being compressed. Memory is bounded by the
 * buffers, {@value #CHUNKS} of {@value #CHUNK_SIZE} bytes, which are reused.
 */
final class ReadAhead extends InputStream {
  static final int CHUNK_SIZE = 256 * 1024;
  static final int CHUNKS = 8;

  /** A buffer with the number of bytes filled; a negative count marks the end. */
  private static final class Chunk {
    final byte[] bytes;
    int length;
    IOException failure;

    Chunk(int size) {
      bytes = new byte[size];
    }
  }

  private final InputStream source;
  private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
  private final Thread producer;
  private Chunk current;
  private int position;
  private boolean ended;
  private volatile boolean closed;

  /**
   * Starts reading ahead.
   *
   * @param source the stream to read; it is read and closed on the read-ahead thread only
   */
  ReadAhead(InputStream source) {
    this.source = Objects.requireNonNull(source, "source");
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new Chunk(CHUNK_SIZE));
    }
    producer = new Thread(this::produce, "upload-read-ahead");
    producer.setDaemon(true);
    producer.start();
  }

  private void produce() {
    try (InputStream in = source) {
      while (!closed) {
        Chunk chunk = free.take();
        int filled = 0;
        int n = 0;
        while (filled < chunk.bytes.length
            && (n = in.read(chunk.bytes, filled, chunk.bytes.length - filled)) >= 0) {
          filled += n;
        }
        if (filled > 0) {
          chunk.length = filled;
          chunk.failure = null;
          full.put(chunk);
        } else {
          free.put(chunk);
        }
        if (n < 0) {
          full.put(end(null));
          return;
        }
      }
    } catch (IOException | RuntimeException failed) {
      IOException failure =
          failed instanceof IOException io ? io : new IOException(failed.getMessage(), failed);
      full.offer(end(failure));
    } catch (InterruptedException stopped) {
      // Closed by the reader.
    }
  }

  private static Chunk end(IOException failure) {
    Chunk end = new Chunk(0);
    end.length = -1;
    end.failure = failure;
    return end;
  }

  /** The source's progress, when it reports one. */
  long sourceRead() {
    return source instanceof ZipStream zip ? zip.sourceRead() : 0;
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
      throw new IOException("The stream is closed");
    }
    if (length == 0) {
      return 0;
    }
    if (current == null || position == current.length) {
      if (ended) {
        return -1;
      }
      if (current != null) {
        free.offer(current);
        current = null;
      }
      Chunk next;
      try {
        next = full.take();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting for the package's bytes");
      }
      if (next.length < 0) {
        ended = true;
        if (next.failure != null) {
          throw new IOException(next.failure.getMessage(), next.failure);
        }
        return -1;
      }
      current = next;
      position = 0;
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current.bytes, position, buffer, offset, n);
    position += n;
    return n;
  }

  @Override
  public void close() {
    closed = true;
    producer.interrupt();
  }
}
