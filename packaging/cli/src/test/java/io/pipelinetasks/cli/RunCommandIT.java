package io.pipelinetasks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.packaging.TaskFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code ptask run} as a process against a real task folder, real node and a real JVM. */
class RunCommandIT {
  private static final Path JAR = Path.of("target/ptask.jar").toAbsolutePath();

  @TempDir static Path work;
  static TaskFolder sample;

  record Result(int exitCode, String out, String err) {}

  @BeforeAll
  static void buildTheSampleTask() throws IOException {
    sample = SampleTaskFolder.build(work);
  }

  private static Result ptask(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("ptask finished").isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String folder() {
    return sample.directory().toString();
  }

  @Test
  void aTaskRunsWithDefaultsAliasesAndVariablesAndTheSummarySaysWhatItDid() throws Exception {
    Result result = ptask("run", folder(), "--input", "text=world", "--var", "Custom.Var=x");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("== Starting: Sample@1 (Sample@1, " + folder() + ")")
        .contains("+ Inputs\n  message: world\n")
        .contains("WARNING: a warning for the summary")
        .contains("== Finishing: Sample@1: Succeeded")
        .contains("Summary\n  Result: Succeeded\n")
        .contains("    greeting = world! (output)\n")
        .contains("    token = *** (secret)\n")
        .contains("Issues: 0 error(s), 1 warning(s)")
        .contains("Secrets printed by the task: 0\n")
        .doesNotContain("tok-5-s3cr3t");
  }

  @Test
  void aSecretTheTaskPrintsIsMaskedAndCounted() throws Exception {
    String secret = "hunter2-very-secret";
    Result result =
        ptask("run", folder(), "--input", "mode=leak", "--secret", "MySecret=" + secret);

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("the secret is ***\n")
        .doesNotContain(secret)
        .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))
        .contains("Secrets printed by the task: 2 (masked as *** in the log")
        .contains("    Sample@1: 2\n");
  }

  @Test
  void aFailedTaskExitsWithOneAndAHiddenInputIsPointedOut() throws Exception {
    Result result = ptask("run", folder(), "--input", "mode=fail", "--input", "detail=x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("[ptask] input detail is hidden by its visibleRule \"mode = leak\"")
        .contains("ERROR: Failing as asked")
        .contains("  Result: Failed\n");
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhatToFix() throws Exception {
    Result unknown = ptask("run", folder(), "--input", "nope=1");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .contains(
            "Sample@1 has no input \"nope\"; its inputs are message (alias text), mode, detail, connection");

    Result missing = ptask("run", "NoSuchTask@3");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("NoSuchTask@3: no such task folder or task");

    Files.writeString(work.resolve("bad-endpoint.json"), "{\"name\": \"x\"}");
    Result endpoint = ptask("run", folder(), "--endpoint", "bad-endpoint.json");
    assertThat(endpoint.exitCode()).isEqualTo(2);
    assertThat(endpoint.err()).contains("bad-endpoint.json: \"url\" is required");

    Result neither = ptask("run");
    assertThat(neither.exitCode()).isEqualTo(2);
  }

  @Test
  void stepsShareVariablesOutputVariablesPathsAndEndpoints() throws Exception {
    Files.writeString(
        work.resolve("arm.json"),
        """
        {"name": "my-arm", "url": "https://management.azure.com/", "scheme": "ServicePrincipal",
         "authorization": {"serviceprincipalid": "app-1", "serviceprincipalkey": "key-s3cr3t-1",
                           "tenantid": "tenant-1"},
         "data": {"subscriptionId": "sub-1"}}
        """);
    Files.writeString(
        work.resolve("steps.json"),
        """
        {"endpoints": ["arm.json"],
         "variables": {"who": "pipeline"},
         "steps": [
           {"task": "%s", "name": "first", "displayName": "First",
            "inputs": {"message": "$(who)", "connection": "my-arm"}},
           {"task": "%s", "displayName": "Second",
            "inputs": {"message": "$(first.greeting)"}, "env": {"PREVIOUS": "$(token)"}}
         ]}
        """
            .formatted(folder(), folder()));

    Result result = ptask("run", "--steps", "steps.json");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    String id =
        java.util
            .UUID
            .nameUUIDFromBytes("ptask-endpoint:my-arm".getBytes(StandardCharsets.UTF_8))
            .toString();
    assertThat(result.out())
        .contains("connection " + id + " scheme ServicePrincipal url https://management.azure.com/")
        .contains("== Starting: Second")
        .contains("message: pipeline!\n")
        .contains("PATH starts with: /opt/sample/bin\n")
        .contains("previous: ***\n")
        .contains("    first.greeting = pipeline! (output)\n")
        // The SDK masked the secret before it left the task's process, and reports that it had
        // to: printing a secret is still a leak, and the summary counts it.
        .contains("Secrets printed by the task: 1 (masked as *** in the log")
        .contains("    Second: 1\n");
  }

  @Test
  void theEmulatorWiresTheDemoConnectionsItsCaAndItsHostsFile() throws Exception {
    Result result = ptask("run", folder(), "--emulator", "--input", "connection=demo-wif");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("[ptask] Azure emulator on https://")
        .contains(
            "connection de300000-0000-4000-8000-000000000021 scheme WorkloadIdentityFederation")
        .contains("CA: set\n")
        .containsPattern("hosts file: /.*\n")
        .doesNotContain("hosts file: none")
        .doesNotContain("Picked up");
  }
}
