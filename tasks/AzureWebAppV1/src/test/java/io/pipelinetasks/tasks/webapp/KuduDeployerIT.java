package io.pipelinetasks.tasks.webapp;

import static io.pipelinetasks.task.testing.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.DemoConnection;
import io.pipelinetasks.emulator.FaultRule;
import io.pipelinetasks.emulator.WebApp;
import io.pipelinetasks.task.LoggingCommand;
import io.pipelinetasks.task.testing.TaskRun;
import io.pipelinetasks.task.testing.TaskTestKit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployer's progress reporting, with a short interval: lines while the upload is under way and
 * while Kudu works, at least once per interval, and the step's progress.
 */
class KuduDeployerIT {
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure =
        AzureEmulator.builder()
            .demo()
            .hostsFile(Path.of(System.getProperty("jdk.net.hosts.file")))
            .webApp(
                WebApp.linux(Demo.SUBSCRIPTION_ID, Demo.RESOURCE_GROUP, "progress-app")
                    .withDeploymentDuration(Duration.ofSeconds(4)))
            .start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @Test
  void aSlowUploadAndASlowDeploymentBothReportProgressEveryInterval() {
    azure.addFault(
        FaultRule.delay(Duration.ofMillis(2500))
            .onHost("^progress-app\\.scm\\.")
            .onMethod("POST")
            .onPath("^/api/zipdeploy$"));
    String token =
        azure.accessToken(DemoConnection.WIF.clientId(), "https://management.azure.com/");
    AtomicReference<KuduDeployer.Result> result = new AtomicReference<>();
    TaskRun run =
        TaskTestKit.task(
                (context, none) -> {
                  context.setSecret(token);
                  KuduClient kudu =
                      new KuduClient(
                          KuduClient.httpClient(context.http()),
                          URI.create(
                              "https://progress-app.scm.azurewebsites.net:" + azure.port() + "/"),
                          () -> "Bearer " + token);
                  KuduDeployer deployer =
                      new KuduDeployer(
                          context,
                          kudu,
                          KuduDeployer.Deadline.after(Duration.ofMinutes(1)),
                          Duration.ofSeconds(1));
                  UploadBody body =
                      UploadBody.zip(
                          List.of(ZipStream.Entry.generated("index.html", "<p>progress</p>")));
                  result.set(
                      deployer.deploy(
                          "/api/zipdeploy?isAsync=true&deployer=VSTS_ZIP_DEPLOY",
                          body,
                          deployer.baseline()));
                })
            .taskDirectory(Path.of("").toAbsolutePath())
            .environment(azure.agentEnvironment())
            .run();

    assertThat(run).succeeded().hasNoLeaks();
    assertThat(result.get().succeeded()).isTrue();
    assertThat(run.output().stream().filter(line -> line.startsWith("Uploaded ")).count())
        .isGreaterThanOrEqualTo(2);
    assertThat(run.output())
        .anyMatch(line -> line.contains(": Building ("))
        .anyMatch(line -> line.contains(": Deploying ("));
    // Kudu spends 4 s in the deployment: at least one line a second, not only on changes.
    assertThat(
            run.output().stream()
                .filter(line -> line.startsWith("Deployment " + result.get().id()))
                .count())
        .isGreaterThanOrEqualTo(3);
    List<LoggingCommand> progress =
        run.commands().stream().filter(c -> c.is("task.setprogress")).toList();
    assertThat(progress)
        .anyMatch(c -> c.message().equals("Uploading the package"))
        .anyMatch(c -> c.message().startsWith("Kudu: "));
    assertThat(azure.wwwroot("progress-app").resolve("index.html")).hasContent("<p>progress</p>");
  }
}
