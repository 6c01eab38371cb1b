package io.pipelinetasks.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a class of the test classpath in a fresh JVM, with exactly the given environment. */
final class Processes {
  private Processes() {}

  static Process java(
      String mainClass, Map<String, String> env, Path workingDirectory, String... args)
      throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(javaBinary, "-cp", classpath, mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    return builder.start();
  }
}
