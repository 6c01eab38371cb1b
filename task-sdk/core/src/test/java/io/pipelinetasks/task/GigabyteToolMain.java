package io.pipelinetasks.task;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams one gigabyte of tool output through the real agent sink and masker, then prints how many
 * lines went through and the peak heap. Run in a JVM with a small heap by {@link
 * ToolRunnerMemoryIT}.
 */
final class GigabyteToolMain {
  static final String LINE = "a line of tool output, 0123456789 abcdefghijklmnopqrstuvwxyz";

  private GigabyteToolMain() {}

  public static void main(String[] args) {
    SecretMasker masker = new SecretMasker();
    AgentOutput sink = new AgentOutput(OutputStream.nullOutputStream(), masker);
    AtomicLong lines = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    TaskRunner.Outcome outcome =
        TaskRunner.run(
            source -> null,
            (context, inputs) -> {
              context.setSecret("never-printed-secret-1");
              context.setSecret("another-secret-value-2");
              context
                  .tool("sh")
                  .args(
                      "-c",
                      "yes 'a line of tool output, 0123456789 abcdefghijklmnopqrstuvwxyz' | head -c "
                          + args[0])
                  .onStdout(
                      line -> {
                        lines.incrementAndGet();
                        bytes.addAndGet(line.length() + 1);
                      })
                  .run();
            },
            Map.of("PATH", System.getenv("PATH")),
            masker,
            sink,
            new TaskRunner.Options(Optional.empty(), Optional.empty(), false));
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println(
        "result="
            + outcome.result()
            + " lines="
            + lines.get()
            + " bytes="
            + bytes.get()
            + " peakHeapBytes="
            + peak);
  }
}
