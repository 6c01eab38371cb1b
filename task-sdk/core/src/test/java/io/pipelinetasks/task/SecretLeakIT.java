package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real task process registers secrets and then prints them in every form, in debug lines, on
 * standard error and in an exception; its output holds none of them except in the commands through
 * which the agent learns them, which the agent consumes and never logs.
 */
class SecretLeakIT {

  @Test
  void aTaskThatPrintsItsSecretsLeaksNone(@TempDir Path temp) throws Exception {
    Map<String, String> env = Fixture.environment();
    env.put("AGENT_TEMPDIRECTORY", temp.toString());
    env.put("SYSTEM_DEBUG", "true");
    Process process = Processes.java("io.pipelinetasks.task.fixtures.LeakingTask", env, temp);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isZero();

    List<String> secrets =
        List.of(
            "runtime-S3cr3t/with+chars=",
            "hunter2",
            "spKey-s3cr3t",
            "eyJ0eXAiOiJKV1Qi.fake.token",
            "proxy-pass");
    List<String> forms = new ArrayList<>();
    for (String secret : secrets) {
      forms.add(secret);
      forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
      forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    List<String> logged = new ArrayList<>();
    for (String line : output.split("\\R")) {
      boolean consumedByAgent =
          LoggingCommand.parse(line).map(LoggingCommand::registersSecret).orElse(false);
      if (!consumedByAgent) {
        logged.add(line);
      }
    }
    assertThat(String.join("\n", logged)).doesNotContain(forms);
    assertThat(logged).contains("plain ***", "base64 ***", "url ***", "json {\"value\":\"***\"}");
    assertThat(logged).contains("stdout ***", "stderr ***", "##vso[task.debug]debug ***");
    assertThat(logged)
        .anyMatch(
            l ->
                l.equals(
                    "##vso[task.complete result=Failed;]Unhandled: IllegalStateException: failed while holding *** and ***"));
    assertThat(output).contains("##vso[task.setsecret]runtime-S3cr3t/with+chars=");
    // The task reports what it had to mask, so a local runner can count the leaks it never sees.
    assertThat(logged)
        .anyMatch(
            l ->
                l.matches(
                    "##vso\\[task.debug\\]pipelinetasks: the task printed registered secrets"
                        + " [1-9][0-9]* times; they were masked before leaving the process\\."));
    assertThat(listFiles(temp)).isEmpty();
  }

  private static List<Path> listFiles(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
