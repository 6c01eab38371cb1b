package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real child process, started with the child environment, sees none of the scrubbed families. */
class ChildEnvironmentIT {

  @Test
  void aChildProcessSeesNoSecretsInputsCredentialsTicketsOrTaskVariables() throws Exception {
    Map<String, String> parent = Fixture.environment();
    parent.put("PATH", System.getenv("PATH"));
    TaskContext context = Recording.context(parent, new Recording(new SecretMasker()));
    context.setVariable("plainVar", "plain");
    context.setVariable("Build.Secret", "hidden", TaskContext.VariableOption.SECRET);
    context.setVariable("Build.SourcesDirectory", "now-secret", TaskContext.VariableOption.SECRET);
    context.commands().prependPath("/opt/tools/bin");

    ProcessBuilder builder = new ProcessBuilder("env");
    builder.environment().clear();
    builder.environment().putAll(context.childEnvironment());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isZero();
    List<String> names =
        Arrays.stream(output.split("\n")).map(l -> l.substring(0, l.indexOf('='))).toList();

    assertThat(names)
        .noneMatch(n -> n.startsWith("SECRET_"))
        .noneMatch(n -> n.startsWith("INPUT_"))
        .noneMatch(n -> n.startsWith("ENDPOINT_AUTH_"))
        .noneMatch(n -> n.startsWith("SECUREFILE_TICKET_"))
        .noneMatch(n -> n.startsWith("VSTS_TASKVARIABLE_"))
        .doesNotContain(
            "VSTS_PUBLIC_VARIABLES",
            "VSTS_SECRET_VARIABLES",
            "BUILD_SECRET",
            "BUILD_SOURCESDIRECTORY")
        .contains(
            "PLAINVAR", "SECUREFILE_NAME_" + Fixture.SECURE_FILE, "ENDPOINT_URL_" + Fixture.SP);
    assertThat(output)
        .doesNotContain(
            "hunter2",
            "spKey-s3cr3t",
            "eyJ0eXAiOiJKV1Qi.fake.token",
            "ticket-abc",
            "proxy-pass",
            "hidden")
        .contains("PATH=/opt/tools/bin:");
  }
}
