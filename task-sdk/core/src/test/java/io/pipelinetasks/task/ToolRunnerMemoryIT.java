package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One gigabyte of tool output streams through the runner, the masker and the agent sink with flat
 * memory: the JVM has a 48 MiB heap, and the peak heap it reports stays under 40 MiB.
 */
class ToolRunnerMemoryIT {

  @Test
  void aGigabyteOfOutputStreamsWithFlatMemory() throws Exception {
    long size = 1L << 30;
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m",
                "-XX:+UseSerialGC",
                "-cp",
                classpath,
                GigabyteToolMain.class.getName(),
                Long.toString(size)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    Matcher m =
        Pattern.compile("result=(\\w+) lines=(\\d+) bytes=(\\d+) peakHeapBytes=(\\d+)")
            .matcher(output);
    assertThat(m.find()).as(output).isTrue();
    assertThat(m.group(1)).isEqualTo("Succeeded");
    long lineBytes = GigabyteToolMain.LINE.length() + 1;
    boolean partialLastLine = size % lineBytes != 0;
    assertThat(Long.parseLong(m.group(2))).isEqualTo(size / lineBytes + (partialLastLine ? 1 : 0));
    assertThat(Long.parseLong(m.group(3))).isEqualTo(size + (partialLastLine ? 1 : 0));
    assertThat(Long.parseLong(m.group(4))).isLessThan(40L << 20);
  }
}
