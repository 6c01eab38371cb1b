package io.pipelinetasks.task.testing;

import static io.pipelinetasks.task.testing.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.Endpoint;
import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.TaskContext.VariableOption;
import io.pipelinetasks.task.TaskResult;
import org.junit.jupiter.api.Test;

class TaskTestKitTest {

  @Test
  void aTaskReadsInputsVariablesAndEndpointsTheKitProvides() {
    TaskRun run =
        TaskTestKit.task(
                (context, inputs) -> {
                  Endpoint endpoint = context.endpoint(context.requiredInput("connection"));
                  context.setVariable(
                      "summary",
                      context.requiredInput("name")
                          + "@"
                          + endpoint.dataParameter("subscriptionId").orElseThrow()
                          + "/"
                          + context.variable("Build.SourcesDirectory").orElseThrow());
                })
            .input("name", "demo")
            .input("connection", "conn-1")
            .variable("Build.SourcesDirectory", "/src")
            .endpoint(
                FakeEndpoint.builder("conn-1", "ServicePrincipal")
                    .url("https://management.azure.com/")
                    .authParameter("serviceprincipalkey", "key-value")
                    .data("subscriptionId", "sub-1")
                    .build())
            .run();
    assertThat(run).succeeded().setVariable("summary", "demo@sub-1//src").hasNoLeaks();
  }

  @Test
  void aTaskThatPrintsASecretIsCaughtAndItsOutputIsMasked() {
    TaskRun run =
        TaskTestKit.task(
                (context, inputs) -> {
                  String secret = context.variable("MySecret").orElseThrow();
                  context.log().info("the secret is " + secret);
                })
            .secretVariable("MySecret", "hunter2")
            .run();
    assertThat(run.leaks()).isEqualTo(1);
    assertThat(run.output()).contains("the secret is ***");
  }

  @Test
  void secretsRegisteredAtRunTimeCountAsLeaksWhenPrinted() {
    TaskRun run =
        TaskTestKit.task(
                (context, inputs) -> {
                  context.setVariable("token", "t0k3n-value", VariableOption.SECRET);
                  context.log().debug("value " + "t0k3n-value");
                })
            .run();
    assertThat(run).setSecretVariable("token");
    assertThat(run.leaks()).isEqualTo(1);
  }

  @Test
  void failuresAndIssuesAreRecorded() {
    TaskRun run =
        TaskTestKit.task(
                (context, inputs) -> {
                  context.log().warning("mind the gap");
                  throw new TaskException("Nope", "It went wrong. Do this instead.");
                })
            .run();
    assertThat(run)
        .failed()
        .hasMessageContaining("It went wrong")
        .hasWarningContaining("mind the gap")
        .hasErrorContaining("Do this instead");
  }

  @Test
  void theSystemConnectionProvidesTheAccessToken() {
    TaskRun run =
        TaskTestKit.task(
                (context, inputs) ->
                    context.setResult(
                        context.accessToken().map(Secret::reveal).orElse("").equals("job-token")
                            ? TaskResult.Succeeded
                            : TaskResult.Failed,
                        ""))
            .systemConnection("https://dev.azure.com/demo-org/", Secret.of("job-token"))
            .run();
    assertThat(run).succeeded();
  }
}
