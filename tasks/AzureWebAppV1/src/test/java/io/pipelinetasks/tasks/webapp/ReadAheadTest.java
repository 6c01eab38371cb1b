package io.pipelinetasks.tasks.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

  @Test
  void theBytesComeThroughUnchangedInAnyReadSize() throws Exception {
    byte[] data = new byte[5 * ReadAhead.CHUNK_SIZE + 123];
    new Random(5).nextBytes(data);
    for (int size : new int[] {1, 7, 4096, ReadAhead.CHUNK_SIZE, 3 * ReadAhead.CHUNK_SIZE}) {
      try (InputStream in = new ReadAhead(new ByteArrayInputStream(data))) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[size];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
        }
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(in.read()).isEqualTo(-1);
      }
    }
  }

  @Test
  void aFailureOfTheSourceReachesTheReaderAfterTheBytesBeforeIt() {
    InputStream failing =
        new InputStream() {
          private int left = 1000;

          @Override
          public int read() throws IOException {
            if (left-- > 0) {
              return 'x';
            }
            throw new IOException("disk gone");
          }
        };
    ReadAhead in = new ReadAhead(failing);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessage("disk gone");
  }

  @Test
  void closingStopsTheReadAheadThreadAndClosesTheSource() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return len;
          }

          @Override
          public void close() {
            closed.countDown();
          }
        };
    ReadAhead in = new ReadAhead(endless);
    assertThat(in.read(new byte[10])).isEqualTo(10);
    in.close();
    assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(in::read).isInstanceOf(IOException.class);
  }
}
