package io.pipelinetasks.tasks.webapp;

import static io.pipelinetasks.task.testing.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.FaultRule;
import io.pipelinetasks.emulator.JournalEntry;
import io.pipelinetasks.emulator.KuduDeployment;
import io.pipelinetasks.emulator.WebApp;
import io.pipelinetasks.emulator.WebAppState;
import io.pipelinetasks.task.LoggingCommand;
import io.pipelinetasks.task.testing.FakeEndpoint;
import io.pipelinetasks.task.testing.TaskRun;
import io.pipelinetasks.task.testing.TaskTestKit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AzureWebApp@1 against the Azure emulator: real HTTPS to ARM and to Kudu at the SCM host names ARM
 * reports, resolved through the hosts file failsafe gives the JVM. Every test checks the files Kudu
 * deployed.
 */
class AzureWebAppTaskIT {
  private static final String SUB = Demo.SUBSCRIPTION_ID;
  private static final String RG = Demo.RESOURCE_GROUP;
  private static final String KUDU_FAILURE =
      "npm ERR! missing script: build ##vso[task.setvariable variable=Owned]yes";
  private static AzureEmulator azure;

  @TempDir Path work;

  @BeforeAll
  static void start() {
    azure =
        AzureEmulator.builder()
            .demo()
            .hostsFile(Path.of(System.getProperty("jdk.net.hosts.file")))
            .webApp(WebApp.linux(SUB, RG, "jar-app").withAppSetting("INIT_SCRIPT", "init.sh"))
            .webApp(
                WebApp.windows(SUB, RG, "win-zip-app")
                    .withAppSetting("WEBSITE_RUN_FROM_PACKAGE", "1")
                    .withAppSetting("WEBSITE_RUN_FROM_ZIP", "1")
                    .withAppSetting("KEEP", "kept"))
            .webApp(WebApp.windows(SUB, RG, "win-jar-app"))
            .webApp(WebApp.linux(SUB, RG, "slow-app"))
            // Its deployments outlast the test: an app of its own, so they touch no other test.
            .webApp(
                WebApp.linux(SUB, RG, "deadline-app").withDeploymentDuration(Duration.ofMinutes(2)))
            .webApp(WebApp.linux(SUB, RG, "failing-app").withFailingDeployments(KUDU_FAILURE))
            .webApp(WebApp.linux(SUB, RG, "flaky-app"))
            .webApp(WebApp.linux(SUB, RG, "bearer-app").withBasicAuth(false))
            .webApp(
                WebApp.linux(SUB, RG, "settings-app")
                    .withSlot("blue")
                    .withAppSetting("EXISTING", "existing-value"))
            .webApp(WebApp.linux(SUB, RG, "war-app").withRuntime("TOMCAT|10.1-java17"))
            .start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @BeforeEach
  void reset() {
    azure.clearFaults();
    azure.journal().clear();
  }

  private TaskTestKit<AzureWebAppInputs> kit(String appType, String app) {
    return TaskTestKit.task(new AzureWebAppTask(), AzureWebAppInputs::bind)
        .taskDirectory(Path.of("").toAbsolutePath())
        .environment(azure.agentEnvironment())
        .variable("System.DefaultWorkingDirectory", work.toString())
        .variable("Build.BuildId", "1234")
        .variable("Build.BuildNumber", "20260101.1")
        .input("azureSubscription", "demo-wif")
        .input("appType", appType)
        .input("appName", app)
        .input("package", work + "/**/*.zip");
  }

  private Path site(Map<String, String> files) throws IOException {
    Path folder = work.resolve("drop").resolve("site");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = folder.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return folder;
  }

  private Path zip(String name, Map<String, String> files) throws IOException {
    Path zip = work.resolve("drop").resolve(name);
    Files.createDirectories(zip.getParent());
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        out.putNextEntry(new ZipEntry(file.getKey()));
        out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return zip;
  }

  /**
   * The journal once it has stopped growing: the emulator records a request after it has answered
   * it, so the task may finish before its last request is in the journal.
   */
  private static List<JournalEntry> journal() {
    List<JournalEntry> entries = azure.journal().entries();
    while (true) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return entries;
      }
      List<JournalEntry> later = azure.journal().entries();
      if (later.size() == entries.size()) {
        return later;
      }
      entries = later;
    }
  }

  private static List<JournalEntry> kudu(String app, String method, String path) {
    return journal().stream()
        .filter(e -> e.host().equals(app + ".scm.azurewebsites.net"))
        .filter(e -> e.matches(method, path))
        .toList();
  }

  private static List<JournalEntry> arm(String method, String path) {
    return journal().stream()
        .filter(e -> e.host().equals("localhost"))
        .filter(e -> e.matches(method, path))
        .toList();
  }

  private static String url(String host) {
    return "https://" + host + ".azurewebsites.net:" + azure.port();
  }

  // ---------------------------------------------------------------- packages and apps

  @Test
  void aFolderIsZippedWhileItUploadsToALinuxAppWithBasicAuth() throws Exception {
    Path folder =
        site(
            Map.of(
                "index.js", "console.log('hi')",
                "lib/util.js", "module.exports = 1",
                "public/logo.png", "not really a png",
                "deep/er/still/file.txt", "deep"));
    Files.createDirectories(folder.resolve("empty"));
    TaskRun run = kit("webAppLinux", Demo.WEB_APP).input("package", folder.toString()).run();

    assertThat(run)
        .succeeded()
        .printed("Package deployment using ZIP Deploy initiated.")
        .printed("Successfully deployed web package to App Service.")
        .printed("publishing credentials")
        .setVariable("AppServiceApplicationUrl", url(Demo.WEB_APP))
        .hasNoLeaks();
    Path wwwroot = azure.wwwroot(Demo.WEB_APP);
    assertThat(wwwroot.resolve("index.js")).hasContent("console.log('hi')");
    assertThat(wwwroot.resolve("lib/util.js")).hasContent("module.exports = 1");
    assertThat(wwwroot.resolve("public/logo.png")).hasContent("not really a png");
    assertThat(wwwroot.resolve("deep/er/still/file.txt")).hasContent("deep");
    assertThat(wwwroot.resolve("empty")).isDirectory();

    List<JournalEntry> uploads = kudu(Demo.WEB_APP, "POST", "^/api/zipdeploy$");
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0).queryValue("isAsync")).isEqualTo("true");
    assertThat(uploads.get(0).queryValue("deployer")).isEqualTo("VSTS_ZIP_DEPLOY");
    assertThat(uploads.get(0).header("Authorization")).isEqualTo("Basic ***");
    assertThat(uploads.get(0).header("Transfer-Encoding")).isEqualTo("chunked");
    // The URL comes from the site: no publishxml round trip.
    assertThat(arm("POST", "/publishxml$")).isEmpty();
    // The deployment record the official task writes, with the zip deployment's manifest.
    List<JournalEntry> records = kudu(Demo.WEB_APP, "PUT", "^/api/deployments/1234\\d+$");
    assertThat(records).hasSize(1);
    String recordId = records.get(0).path().substring("/api/deployments/".length());
    assertThat(azure.webApp(Demo.WEB_APP).deployments().get(0).deployer()).isEqualTo("VSTS");
    assertThat(kudu(Demo.WEB_APP, "PUT", "^/api/vfs/site/deployments/" + recordId + "/manifest$"))
        .extracting(JournalEntry::status)
        .containsExactly(201);
  }

  @Test
  void aZipGoesToAWindowsAppWithBasicAuthDisabledAsRunFromPackageWithAToken() throws Exception {
    zip("app.zip", Map.of("default.htm", "<h1>windows</h1>", "bin/app.dll", "MZ"));
    TaskRun run = kit("webApp", Demo.WINDOWS_WEB_APP).run();

    assertThat(run)
        .succeeded()
        .printed("Package deployment using Run From Package initiated.")
        .printed("NOTE: Run From Package makes wwwroot read-only")
        .printed("Microsoft Entra ID token")
        .setVariable("AppServiceApplicationUrl", url(Demo.WINDOWS_WEB_APP))
        .hasNoLeaks();
    WebAppState state = azure.webApp(Demo.WINDOWS_WEB_APP);
    assertThat(state.wwwroot().resolve("default.htm")).hasContent("<h1>windows</h1>");
    assertThat(state.wwwroot().resolve("bin/app.dll")).hasContent("MZ");
    assertThat(state.appSettings()).containsEntry("WEBSITE_RUN_FROM_PACKAGE", "1");

    List<JournalEntry> uploads = kudu(Demo.WINDOWS_WEB_APP, "POST", "^/api/zipdeploy$");
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0).header("Authorization")).isEqualTo("Bearer ***");
    assertThat(uploads.get(0).queryValue("deployer")).isEqualTo("VSTS");
    assertThat(uploads.get(0).queryValue("message")).isNotNull();
    assertThat(uploads.get(0).header("Content-Length"))
        .isEqualTo(Long.toString(Files.size(work.resolve("drop/app.zip"))));
    // Run from package writes no deployment record.
    assertThat(kudu(Demo.WINDOWS_WEB_APP, "PUT", "^/api/deployments/")).isEmpty();
    // No Kudu call ever lists the app settings.
    assertThat(kudu(Demo.WINDOWS_WEB_APP, "GET", "^/api/settings")).isEmpty();
  }

  @Test
  void zipDeployToWindowsRemovesTheRunFromPackageSettingsFirst() throws Exception {
    zip("app.zip", Map.of("default.htm", "zip deployed"));
    TaskRun run =
        kit("webApp", "win-zip-app")
            .input("azureSubscription", "demo-secret")
            .input("deploymentMethod", "zipDeploy")
            .run();

    assertThat(run)
        .succeeded()
        .printed(
            "Removing App Service Application settings: WEBSITE_RUN_FROM_PACKAGE, WEBSITE_RUN_FROM_ZIP")
        .hasNoLeaks();
    WebAppState state = azure.webApp("win-zip-app");
    assertThat(state.wwwroot().resolve("default.htm")).hasContent("zip deployed");
    assertThat(state.appSettings())
        .doesNotContainKeys("WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_RUN_FROM_ZIP")
        .containsEntry("KEEP", "kept");
    assertThat(kudu("win-zip-app", "POST", "^/api/zipdeploy$").get(0).queryValue("deployer"))
        .isEqualTo("VSTS_ZIP_DEPLOY");
  }

  @Test
  void aSlotGetsThePackageAndItsOwnUrlWhileProductionKeepsItsFiles() throws Exception {
    zip("slot.zip", Map.of("slot.txt", "in staging"));
    TaskRun run =
        kit("webAppLinux", Demo.WEB_APP)
            .input("azureSubscription", "demo-cert")
            .input("deployToSlotOrASE", "true")
            .input("resourceGroupName", RG)
            .input("slotName", Demo.SLOT)
            .run();

    assertThat(run)
        .succeeded()
        .setVariable("AppServiceApplicationUrl", url(Demo.WEB_APP + "-" + Demo.SLOT))
        .hasNoLeaks();
    assertThat(azure.webApp(Demo.WEB_APP, Demo.SLOT).wwwroot().resolve("slot.txt"))
        .hasContent("in staging");
    assertThat(azure.wwwroot(Demo.WEB_APP).resolve("slot.txt")).doesNotExist();
    assertThat(kudu(Demo.WEB_APP + "-" + Demo.SLOT, "POST", "^/api/zipdeploy$")).hasSize(1);
    // The resource group was given: no lookup.
    assertThat(arm("GET", "/resources$")).isEmpty();
  }

  @Test
  void withoutAResourceGroupTheAppIsFoundByName() throws Exception {
    zip("app.zip", Map.of("found.txt", "found"));
    TaskRun run = kit("webAppLinux", "bearer-app").run();

    assertThat(run).succeeded().printed("Microsoft Entra ID token").hasNoLeaks();
    assertThat(azure.wwwroot("bearer-app").resolve("found.txt")).hasContent("found");
    List<JournalEntry> lookups = arm("GET", "/subscriptions/" + SUB + "/resources$");
    assertThat(lookups).hasSize(1);
    assertThat(lookups.get(0).queryValue("$filter"))
        .isEqualTo("resourceType EQ 'Microsoft.Web/Sites' AND name EQ 'bearer-app'");
    assertThat(kudu("bearer-app", "POST", "^/api/zipdeploy$").get(0).header("Authorization"))
        .isEqualTo("Bearer ***");
  }

  @Test
  void anAppTypeThatDoesNotMatchTheAppIsFollowedWithAWarning() throws Exception {
    zip("app.zip", Map.of("mismatch.txt", "linux flow"));
    TaskRun run = kit("webAppLinux", Demo.WINDOWS_WEB_APP).run();

    assertThat(run)
        .succeeded()
        .hasWarningContaining("runs on Windows, but appType is 'webAppLinux'")
        .hasNoLeaks();
    assertThat(azure.wwwroot(Demo.WINDOWS_WEB_APP).resolve("mismatch.txt"))
        .hasContent("linux flow");
    assertThat(kudu(Demo.WINDOWS_WEB_APP, "POST", "^/api/zipdeploy$").get(0).queryValue("deployer"))
        .isEqualTo("VSTS_ZIP_DEPLOY");
  }

  @Test
  void anUnreadableBasicAuthPolicyMeansAToken() throws Exception {
    azure.addFault(
        FaultRule.status(403).onMethod("GET").onPath("/basicPublishingCredentialsPolicies/scm$"));
    zip("app.zip", Map.of("policy.txt", "token after all"));
    TaskRun run = kit("webAppLinux", "jar-app").input("azureSubscription", "demo-secret").run();

    assertThat(run).succeeded().printed("Microsoft Entra ID token").hasNoLeaks();
    assertThat(azure.wwwroot("jar-app").resolve("policy.txt")).hasContent("token after all");
    assertThat(kudu("jar-app", "POST", "^/api/zipdeploy$").get(0).header("Authorization"))
        .isEqualTo("Bearer ***");
  }

  @Test
  void aJarOnLinuxIsZippedOnItsOwnAndInitScriptIsRemoved() throws Exception {
    Path jar = work.resolve("drop/target/app-1.0.jar");
    Files.createDirectories(jar.getParent());
    byte[] bytes = new byte[300_000];
    new Random(7).nextBytes(bytes);
    Files.write(jar, bytes);
    TaskRun run = kit("webAppLinux", "jar-app").input("package", work + "/**/*.jar").run();

    assertThat(run).succeeded().printed("Removing App Service Application settings: INIT_SCRIPT");
    assertThat(run).hasNoLeaks();
    assertThat(azure.wwwroot("jar-app").resolve("app-1.0.jar")).hasBinaryContent(bytes);
    assertThat(azure.webApp("jar-app").appSettings()).doesNotContainKey("INIT_SCRIPT");
  }

  @Test
  void aJarOnWindowsGetsAWebConfigThatStartsIt() throws Exception {
    Path jar = work.resolve("drop/api.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[] {1, 2, 3});
    TaskRun run = kit("webApp", "win-jar-app").input("package", jar.toString()).run();

    assertThat(run).succeeded().hasNoLeaks();
    Path wwwroot = azure.wwwroot("win-jar-app");
    assertThat(wwwroot.resolve("api.jar")).hasBinaryContent(new byte[] {1, 2, 3});
    assertThat(wwwroot.resolve("web.config"))
        .content()
        .contains("httpPlatformHandler")
        .contains("site\\wwwroot\\api.jar");
  }

  @Test
  void aWarIsDeployedWithWarDeployIntoTheCustomFolder() throws Exception {
    Path war = work.resolve("drop/shop.war");
    Files.createDirectories(war.getParent());
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war))) {
      out.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
      out.write("<web-app/>".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("index.jsp"));
      out.write("hello".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    TaskRun run =
        kit("webAppLinux", "war-app")
            .input("package", work + "/**/*.war")
            .input("customDeployFolder", "store")
            .run();

    assertThat(run).succeeded().printed("Package deployment using WAR Deploy initiated.");
    assertThat(run).hasNoLeaks();
    Path webapps = azure.wwwroot("war-app").resolve("webapps");
    assertThat(webapps.resolve("store/WEB-INF/web.xml")).hasContent("<web-app/>");
    assertThat(webapps.resolve("store/index.jsp")).hasContent("hello");
    JournalEntry upload = kudu("war-app", "POST", "^/api/wardeploy$").get(0);
    assertThat(upload.queryValue("name")).isEqualTo("store");
    assertThat(upload.queryValue("isAsync")).isEqualTo("true");
  }

  // ---------------------------------------------------------------- polling, failures, faults

  @Test
  void aSlowDeploymentIsPolledWithProgressUntilItSucceeds() throws Exception {
    azure.configureDeployments("slow-app", null, Duration.ofSeconds(5), null);
    zip("app.zip", Map.of("slow.txt", "worth the wait"));
    TaskRun run = kit("webAppLinux", "slow-app").run();

    assertThat(run).succeeded().printed(": Building (").printed(": Deploying (").hasNoLeaks();
    assertThat(azure.wwwroot("slow-app").resolve("slow.txt")).hasContent("worth the wait");
    List<LoggingCommand> progress =
        run.commands().stream().filter(c -> c.is("task.setprogress")).toList();
    assertThat(progress).isNotEmpty();
    assertThat(kudu("slow-app", "GET", "^/api/deployments/latest$").size()).isGreaterThan(2);
  }

  @Test
  void aFailedDeploymentFailsTheTaskAndShowsKudusLogWithoutRunningItsCommands() throws Exception {
    zip("app.zip", Map.of("index.js", "broken"));
    TaskRun run = kit("webAppLinux", "failing-app").run();

    assertThat(run)
        .failed()
        .hasMessageContaining(
            "Package deployment using ZIP Deploy failed. Refer logs for more details.")
        .printed("Kudu deployment log:")
        .printed("npm ERR! missing script: build ##_vso[task.setvariable")
        .hasNoLeaks();
    assertThat(run.variable("Owned")).isEmpty();
    assertThat(run.output())
        .noneMatch(line -> line.contains("##vso[task.setvariable variable=Owned"));
    List<KuduDeployment> deployments = azure.webApp("failing-app").deployments();
    assertThat(deployments.get(0).status()).isEqualTo(KuduDeployment.FAILED);
    assertThat(deployments.get(0).deployer()).isEqualTo("VSTS");
  }

  @Test
  void injected503sOnTheUploadAreRetriedAndThePackageIsDeployedOnce() throws Exception {
    FaultRule unavailable =
        FaultRule.status(503)
            .onHost("^flaky-app\\.scm\\.")
            .onMethod("POST")
            .onPath("^/api/zipdeploy$")
            .times(2);
    azure.addFault(unavailable);
    Path folder = site(Map.of("index.html", "third time lucky"));
    // Large enough that Kudu's refusal can arrive while the body is still being sent.
    byte[] noise = new byte[4 << 20];
    new Random(503).nextBytes(noise);
    Files.write(folder.resolve("big.bin"), noise);
    TaskRun run =
        kit("webAppLinux", "flaky-app")
            .input("package", work.resolve("drop/site").toString())
            .run();

    assertThat(run).succeeded().hasWarningContaining("it is safe to send it again").hasNoLeaks();
    assertThat(azure.wwwroot("flaky-app").resolve("index.html")).hasContent("third time lucky");
    assertThat(azure.wwwroot("flaky-app").resolve("big.bin")).hasBinaryContent(noise);
    assertThat(kudu("flaky-app", "POST", "^/api/zipdeploy$"))
        .extracting(JournalEntry::status)
        .containsExactly(503, 503, 202);
    assertThat(azure.faultApplications(unavailable)).isEqualTo(2);
    long zipDeployments =
        azure.webApp("flaky-app").deployments().stream()
            .filter(d -> d.deployer().equals("VSTS_ZIP_DEPLOY"))
            .count();
    assertThat(zipDeployments).isEqualTo(1);
  }

  @Test
  void injected503sWhilePollingDoNotUploadAgain() throws Exception {
    azure.configureDeployments("flaky-app", null, Duration.ofSeconds(2), null);
    azure.addFault(
        FaultRule.status(503)
            .onHost("^flaky-app\\.scm\\.")
            .onMethod("GET")
            .onPath("^/api/deployments/latest$")
            .times(3));
    zip("app.zip", Map.of("poll.txt", "polled through 503s"));
    try {
      TaskRun run = kit("webAppLinux", "flaky-app").run();
      assertThat(run).succeeded().hasNoLeaks();
    } finally {
      azure.configureDeployments("flaky-app", null, Duration.ZERO, null);
    }
    assertThat(azure.wwwroot("flaky-app").resolve("poll.txt")).hasContent("polled through 503s");
    assertThat(kudu("flaky-app", "POST", "^/api/zipdeploy$")).hasSize(1);
  }

  @Test
  void aConnectionDroppedAfterTheWholeUploadIsNeverUploadedAgain() throws Exception {
    zip("app.zip", Map.of("once.txt", "at most once"));
    azure.addFault(
        FaultRule.reset()
            .onHost("^flaky-app\\.scm\\.")
            .onMethod("POST")
            .onPath("^/api/zipdeploy$"));
    TaskRun run =
        kit("webAppLinux", "flaky-app").variable(WebAppDeployment.TIMEOUT_VARIABLE, "0.15").run();

    assertThat(run)
        .failed()
        .hasMessageContaining("Kudu shows no deployment for the upload whose answer was lost")
        .hasWarningContaining("The package is not sent again")
        .hasNoLeaks();
    assertThat(kudu("flaky-app", "POST", "^/api/zipdeploy$")).hasSize(1);
    assertThat(azure.wwwroot("flaky-app").resolve("once.txt")).doesNotExist();
  }

  @Test
  void theDeadlineEndsTheWaitForADeploymentThatTakesTooLong() throws Exception {
    zip("app.zip", Map.of("late.txt", "too late"));
    long started = System.nanoTime();
    TaskRun run =
        kit("webAppLinux", "deadline-app")
            .variable(WebAppDeployment.TIMEOUT_VARIABLE, "0.05")
            .run();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(run)
        .failed()
        .hasMessageContaining("did not finish within 0.05 minutes")
        .hasMessageContaining("AzureWebApp.DeploymentTimeoutInMinutes")
        .hasNoLeaks();
    assertThat(took).isLessThan(Duration.ofSeconds(20));
    // Kudu is still at it: the task stopped waiting, it did not pretend the files were there.
    assertThat(azure.webApp("deadline-app").deployments().get(0).endTime()).isNull();
    assertThat(kudu("deadline-app", "POST", "^/api/zipdeploy$")).hasSize(1);
  }

  // ---------------------------------------------------------------- settings and configuration

  @Test
  void appSettingsAreMergedWithoutPrintingTheirValues() throws Exception {
    zip("app.zip", Map.of("settings.txt", "with settings"));
    String secretValue = "s3cr3t-Value-Nobody-Should-See";
    TaskRun run =
        kit("webAppLinux", "settings-app")
            .input(
                "appSettings",
                "-API_KEY " + secretValue + " -MODE \"blue green\" -EXISTING existing-value")
            .run();

    assertThat(run).succeeded().printed("Updating App Service Application settings: API_KEY, MODE");
    assertThat(run).hasNoLeaks();
    assertThat(run.output()).noneMatch(line -> line.contains(secretValue));
    assertThat(run.output()).noneMatch(line -> line.contains("blue green"));
    assertThat(azure.webApp("settings-app").appSettings())
        .containsEntry("API_KEY", secretValue)
        .containsEntry("MODE", "blue green")
        .containsEntry("EXISTING", "existing-value")
        .containsEntry("WEBSITE_ENABLE_SYNC_UPDATE_SITE", "true");
    assertThat(azure.wwwroot("settings-app").resolve("settings.txt")).hasContent("with settings");
    assertThat(arm("PUT", "/config/appsettings$")).hasSize(1);
  }

  @Test
  void jsonAppSettingsOnASlotMarkSlotSettings() throws Exception {
    zip("app.zip", Map.of("blue.txt", "blue slot"));
    TaskRun run =
        kit("webAppLinux", "settings-app")
            .input("deployToSlotOrASE", "true")
            .input("resourceGroupName", RG)
            .input("slotName", "blue")
            .input(
                "appSettings",
                "[{\"name\":\"SLOT_ONLY\",\"value\":\"sticky\",\"slotSetting\":true},"
                    + "{\"name\":\"SHARED\",\"value\":\"moves\",\"slotSetting\":false}]")
            .run();

    assertThat(run).succeeded().hasNoLeaks();
    assertThat(azure.webApp("settings-app", "blue").appSettings())
        .containsEntry("SLOT_ONLY", "sticky")
        .containsEntry("SHARED", "moves");
    assertThat(azure.webApp("settings-app", "blue").wwwroot().resolve("blue.txt"))
        .hasContent("blue slot");
    List<JournalEntry> names = arm("PUT", "/sites/settings-app/config/slotConfigNames$");
    assertThat(names).hasSize(1);
  }

  @Test
  void runtimeStartupCommandAndConfigurationGoToConfigWebInOnePatch() throws Exception {
    zip("app.zip", Map.of("server.js", "listen()"));
    TaskRun run =
        kit("webAppLinux", Demo.WEB_APP)
            .input("runtimeStack", "NODE|22-lts")
            .input("startUpCommand", "node server.js")
            .input("configurationStrings", "-alwaysOn true -phpVersion \"\"")
            .run();

    assertThat(run)
        .succeeded()
        .printed(
            "Trying to update App Service Configuration settings: linuxFxVersion, appCommandLine,"
                + " alwaysOn, phpVersion")
        .printed("Updated App Service Configuration settings.")
        .hasNoLeaks();
    WebAppState state = azure.webApp(Demo.WEB_APP);
    assertThat(state.linuxFxVersion()).isEqualTo("NODE|22-lts");
    assertThat(state.appCommandLine()).isEqualTo("node server.js");
    assertThat(state.wwwroot().resolve("server.js")).hasContent("listen()");
    assertThat(arm("PATCH", "/sites/demo-app/config/web$")).hasSize(1);
  }

  // ---------------------------------------------------------------- publish profile

  @Test
  void aPublishProfileConnectionDeploysWithItsCredentials() throws Exception {
    String profile = publishXml(Demo.WEB_APP);
    zip("app.zip", Map.of("profile.txt", "via publish profile"));
    TaskRun run =
        kit("webAppLinux", Demo.WEB_APP)
            .input("azureSubscription", "pp-1")
            .endpoint(
                FakeEndpoint.builder("pp-1", "PublishProfile")
                    .url(azure.baseUrl().toString())
                    .authParameter("publishProfile", profile)
                    .data("environment", "AzureCloud")
                    .data(
                        "resourceId",
                        "/subscriptions/"
                            + SUB
                            + "/resourceGroups/"
                            + RG
                            + "/providers/Microsoft.Web/sites/"
                            + Demo.WEB_APP)
                    .build())
            .run();

    assertThat(run).succeeded().setVariable("AppServiceApplicationUrl", url(Demo.WEB_APP));
    assertThat(run).hasNoLeaks();
    assertThat(azure.wwwroot(Demo.WEB_APP).resolve("profile.txt"))
        .hasContent("via publish profile");
    assertThat(kudu(Demo.WEB_APP, "POST", "^/api/zipdeploy$").get(0).header("Authorization"))
        .isEqualTo("Basic ***");
    assertThat(arm("GET", "/sites/")).isEmpty();
  }

  private static String publishXml(String app) throws Exception {
    String token =
        azure.accessToken(
            io.pipelinetasks.emulator.DemoConnection.SECRET.clientId(),
            "https://management.azure.com/");
    HttpClient http = HttpClient.newBuilder().sslContext(azure.sslContext()).build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        azure.baseUrl()
                            + "subscriptions/"
                            + SUB
                            + "/resourceGroups/"
                            + RG
                            + "/providers/Microsoft.Web/sites/"
                            + app
                            + "/publishxml?api-version=2016-08-01"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  // ---------------------------------------------------------------- package selection

  @Test
  void aPatternMatchingTwoPackagesFailsListingBoth() throws Exception {
    zip("one.zip", Map.of("a", "a"));
    zip("two.zip", Map.of("b", "b"));
    TaskRun run = kit("webAppLinux", Demo.WEB_APP).run();

    assertThat(run)
        .failed()
        .hasMessageContaining("More than one package matched with specified pattern")
        .hasMessageContaining("one.zip")
        .hasMessageContaining("two.zip")
        .hasNoLeaks();
    assertThat(journal()).noneMatch(e -> e.host().contains(".scm."));
  }

  @Test
  void aPatternMatchingNothingFailsNamingThePattern() {
    TaskRun run = kit("webAppLinux", Demo.WEB_APP).input("package", work + "/**/*.war").run();

    assertThat(run)
        .failed()
        .hasMessageContaining("No package found with specified pattern: " + work + "/**/*.war")
        .hasNoLeaks();
  }
}
