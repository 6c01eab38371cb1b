package io.pipelinetasks.tasks.azurecli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** The recording fake az on a PATH of its own, and its log. */
final class FakeAz {
  final Path bin;
  final Path log;

  FakeAz(Path dir) throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    log = dir.resolve("az.log");
    try (var in = FakeAz.class.getResourceAsStream("/fake-az/az")) {
      Files.copy(in, bin.resolve("az"), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(bin.resolve("az"), PosixFilePermissions.fromString("rwx------"));
  }

  String path() {
    return bin + ":" + System.getenv("PATH");
  }

  /** Each call's arguments. */
  List<List<String>> calls() throws IOException {
    List<List<String>> calls = new ArrayList<>();
    for (String line : lines()) {
      if (line.startsWith("CALL")) {
        String[] parts = line.split("\t", -1);
        calls.add(List.of(Arrays.copyOfRange(parts, 1, parts.length)));
      }
    }
    return calls;
  }

  /** The AZURE_CONFIG_DIR each call saw. */
  List<String> configDirs() throws IOException {
    return lines().stream()
        .filter(l -> l.startsWith("ENV\t"))
        .map(l -> l.substring("ENV\tAZURE_CONFIG_DIR=".length()))
        .toList();
  }

  List<String> lines() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
  }

  /** An unsigned JWT with the given subject, valid for the given seconds. */
  static String jwt(String subject, long validSeconds) {
    long now = System.currentTimeMillis() / 1000;
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    String payload =
        "{\"iss\":\"https://vstoken.dev.azure.com/org-id\",\"sub\":\""
            + subject
            + "\",\"aud\":\"api://AzureADTokenExchange\",\"nbf\":"
            + now
            + ",\"exp\":"
            + (now + validSeconds)
            + "}";
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".";
  }
}
