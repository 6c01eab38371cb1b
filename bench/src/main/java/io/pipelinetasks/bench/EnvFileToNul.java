package io.pipelinetasks.bench;

import io.pipelinetasks.emulator.EnvFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Converts the emulator's env file into NUL-separated {@code KEY=VALUE} entries, which bash reads
 * with {@code mapfile -d ''} and hands to {@code env -i}: agent variable names such as {@code
 * ENDPOINT_URL_demo-wif} are not valid shell names, and values hold newlines.
 */
public final class EnvFileToNul {
  private EnvFileToNul() {}

  /**
   * Converts a file.
   *
   * @param args the env file, then the output file
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> env = EnvFile.read(Path.of(args[0]));
    try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
      for (Map.Entry<String, String> entry : env.entrySet()) {
        out.write((entry.getKey() + "=" + entry.getValue()).getBytes(StandardCharsets.UTF_8));
        out.write(0);
      }
    }
  }
}
