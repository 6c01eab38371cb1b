package io.pipelinetasks.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of the test jar: prints what the launcher passed and exits with {@code
 * SAMPLE_EXIT}, or sleeps for {@code SAMPLE_SLEEP} seconds so a signal can reach it.
 */
public final class SampleMain {
  private SampleMain() {}

  /** Reports the entry point, one input and a secret-bearing variable, then exits. */
  public static void main(String[] args) throws Exception {
    System.out.println("entry=" + String.join(",", args));
    System.out.println("INPUT_MESSAGE=" + System.getenv("INPUT_MESSAGE"));
    System.out.println("SECRET_MYSECRET=" + System.getenv("SECRET_MYSECRET"));
    System.out.println("java.version=" + System.getProperty("java.version"));
    String ready = System.getenv("SAMPLE_READY");
    String sleep = System.getenv("SAMPLE_SLEEP");
    if (sleep != null) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
      Files.writeString(Path.of(ready), "ready");
      Thread.sleep(Long.parseLong(sleep) * 1000);
    }
    String exit = System.getenv("SAMPLE_EXIT");
    System.exit(exit == null ? 0 : Integer.parseInt(exit));
  }
}
