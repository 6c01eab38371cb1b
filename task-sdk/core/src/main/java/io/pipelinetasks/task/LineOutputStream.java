package io.pipelinetasks.task;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An output stream that hands each complete UTF-8 line to a consumer. A task's own {@code
 * System.out} and {@code System.err}, and anything a library prints there, pass through one of
 * these so they are masked like the task's log. A line longer than 64 KiB is passed on in pieces so
 * memory stays bounded.
 */
final class LineOutputStream extends OutputStream {
  private static final int MAX_LINE = 64 * 1024;

  private final Consumer<String> lines;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

  LineOutputStream(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
      return;
    }
    buffer.write(b);
    if (buffer.size() >= MAX_LINE) {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  @Override
  public synchronized void close() {
    if (buffer.size() > 0) {
      emit();
    }
  }

  private void emit() {
    byte[] bytes = buffer.toByteArray();
    buffer.reset();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    lines.accept(new String(bytes, 0, length, StandardCharsets.UTF_8));
  }
}
