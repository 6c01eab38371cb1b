package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool runner against real processes. */
class ToolRunnerIT {
  private final Recording sink = new Recording(new SecretMasker());
  private final TaskContext context =
      Recording.context(
          Map.of("PATH", System.getenv("PATH"), "SECRET_TOKEN", "s3cr3t-token"), sink);

  @Test
  void argumentsReachTheToolExactlyAsGiven() {
    List<String> args =
        List.of(
            "with space",
            "has \"quotes\" inside",
            "'single'",
            "\"fully quoted\"",
            "",
            "back\\slash\\\\",
            "ünï©ødé 😀",
            "$HOME",
            "*");
    ToolResult result =
        context
            .tool("sh")
            .args("-c", "printf '[%s]\\n' \"$@\"", "sh")
            .args(args)
            .captureOutput(true)
            .run();
    List<String> expected = new ArrayList<>();
    args.forEach(a -> expected.add("[" + a + "]"));
    assertThat(result.stdout().orElseThrow().split("\n")).containsExactlyElementsOf(expected);
  }

  @Test
  void aCommandLineStringIsSplitWithTheOfficialRules() {
    ToolResult result =
        context
            .tool("sh")
            .args("-c", "printf '[%s]\\n' \"$@\"", "sh")
            .line("plain \"with space\" \"esc\\\"aped\"")
            .captureOutput(true)
            .run();
    assertThat(result.stdout().orElseThrow()).isEqualTo("[plain]\n[with space]\n[esc\"aped]\n");
  }

  @Test
  void aNonZeroExitFailsWithTheOfficialMessageUnlessIgnored() {
    assertThatThrownBy(() -> context.tool("sh").args("-c", "exit 3").run())
        .isInstanceOf(ToolException.class)
        .hasMessageMatching("The process '.*/sh' failed with exit code 3");
    assertThat(context.tool("sh").args("-c", "exit 3").ignoreReturnCode(true).run().exitCode())
        .isEqualTo(3);
  }

  @Test
  void failOnStdErrFailsWhenTheToolWritesToStandardError() {
    assertThatThrownBy(
            () -> context.tool("sh").args("-c", "echo oops >&2").failOnStdErr(true).run())
        .isInstanceOf(ToolException.class)
        .hasMessageEndingWith("failed because one or more lines were written to the STDERR stream");
    ToolResult lenient = context.tool("sh").args("-c", "echo oops >&2; echo fine").run();
    assertThat(lenient.stderrLines()).isEqualTo(1);
    assertThat(sink.lines()).contains("oops", "fine");
  }

  @Test
  void theEchoAndTheOutputAreMasked() {
    context.tool("sh").args("-c", "echo token=$0", "s3cr3t-token").run();
    assertThat(sink.events)
        .anySatisfy(
            e -> {
              assertThat(e).isInstanceOf(TaskEvent.ToolStarted.class);
              assertThat(e.toAgentLine().orElseThrow()).endsWith("-c echo token=$0 ***");
            });
    assertThat(sink.lines().stream().map(sink.masker::mask)).contains("token=***");
  }

  @Test
  void aTimeoutKillsTheWholeTreeEvenWhenAGrandchildHoldsThePipe() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                context
                    .tool("sh")
                    .args("-c", "sleep 30 & echo started; sleep 30")
                    .timeout(Duration.ofSeconds(1))
                    .run())
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("was killed after running longer than its timeout");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
    assertThat(sink.lines()).contains("started");
  }

  @Test
  void standardInputIsWrittenOrEmpty() {
    assertThat(context.tool("cat").stdin("hello\nworld").captureOutput(true).run().stdout())
        .contains("hello\nworld\n");
    assertThat(
            context.tool("cat").captureOutput(true).timeout(Duration.ofSeconds(5)).run().stdout())
        .contains("");
  }

  @Test
  void theToolGetsTheChildEnvironmentPlusWhatTheTaskHandsOn() {
    ToolResult result =
        context
            .tool("sh")
            .args("-c", "echo \"${SECRET_TOKEN:-scrubbed} $EXTRA\"")
            .env("EXTRA", "handed-on")
            .captureOutput(true)
            .run();
    assertThat(result.stdout()).contains("scrubbed handed-on\n");
  }

  @Test
  void oneToolPipesIntoAnother() {
    ToolResult result =
        context
            .tool("printf")
            .arg("b\\na\\nc\\n")
            .pipeTo(context.tool("sort").captureOutput(true))
            .run();
    assertThat(result.stdout()).contains("a\nb\nc\n");
  }

  @Test
  void theWorkingDirectoryIsUsedAndAMissingOneIsANamedError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("marker.txt"), "x");
    assertThat(context.tool("ls").workingDirectory(dir).captureOutput(true).run().stdout())
        .contains("marker.txt\n");
    assertThatThrownBy(() -> context.tool("ls").workingDirectory(dir.resolve("missing")).run())
        .hasMessageContaining("does not exist");
  }

  @Test
  void anUnknownToolIsANamedError() {
    assertThatThrownBy(() -> context.tool("no-such-tool-anywhere").run())
        .isInstanceOf(ToolException.class)
        .hasMessageStartingWith("Unable to locate executable file: 'no-such-tool-anywhere'");
  }

  @Test
  void listenersReceiveEveryLineAndAPartialLastLine() {
    List<String> lines = new ArrayList<>();
    context.tool("printf").arg("one\\r\\ntwo\\nthree").onStdout(lines::add).echoOutput(false).run();
    assertThat(lines).containsExactly("one", "two", "three");
  }

  @Test
  void aSecretInAnOverLongLineIsMaskedEvenWhereTheLineIsCut() {
    // 1 MiB of 'x', then the secret straddling the first cut, then more: the line goes out in
    // pieces.
    String script =
        "head -c 1048570 /dev/zero | tr '\\0' x; printf 's3cr3t-token'; head -c 2000000 /dev/zero | tr '\\0' y; echo";
    context.tool("sh").args("-c", script).silent(true).run();
    String all = String.join("", sink.lines().stream().map(sink.masker::mask).toList());
    assertThat(all).doesNotContain("s3cr3t-token").contains("x***y");
    assertThat(sink.lines()).hasSizeGreaterThan(1);
  }
}
