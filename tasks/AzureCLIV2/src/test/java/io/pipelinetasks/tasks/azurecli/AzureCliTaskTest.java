package io.pipelinetasks.tasks.azurecli;

import static io.pipelinetasks.task.testing.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.task.testing.FakeEndpoint;
import io.pipelinetasks.task.testing.TaskRun;
import io.pipelinetasks.task.testing.TaskTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AzureCLI@2 with a recording fake az: the exact command sequence, environment and cleanup. */
class AzureCliTaskTest {
  private static final String CONNECTION = "11111111-2222-3333-4444-555555555555";
  @TempDir Path dir;
  private FakeAz az;
  private Path temp;
  private Path work;

  @BeforeEach
  void setUp() throws Exception {
    az = new FakeAz(dir);
    temp = Files.createDirectories(dir.resolve("agent-temp"));
    work = Files.createDirectories(dir.resolve("work"));
  }

  private TaskTestKit<AzureCliInputs> kit(FakeEndpoint endpoint) {
    return TaskTestKit.task(new AzureCliTask(), AzureCliInputs::bind)
        .taskDirectory(Path.of("").toAbsolutePath())
        .environment("PATH", az.path())
        .environment("FAKE_AZ_LOG", az.log.toString())
        .tempDirectory(temp)
        .variable("System.DefaultWorkingDirectory", work.toString())
        .input("connectedServiceNameARM", CONNECTION)
        .input("scriptType", "bash")
        .input("scriptLocation", "inlineScript")
        .endpoint(endpoint);
  }

  private static FakeEndpoint.Builder endpoint(String scheme) {
    return FakeEndpoint.builder(CONNECTION, scheme)
        .url("https://management.azure.com/")
        .authParameter("tenantid", "tenant-1")
        .data("environment", "AzureCloud")
        .data("subscriptionId", "sub-1")
        .data("scopeLevel", "Subscription");
  }

  private static FakeEndpoint secret() {
    return endpoint("ServicePrincipal")
        .authParameter("serviceprincipalid", "app-1")
        .authParameter("authenticationType", "spnKey")
        .authParameter("serviceprincipalkey", "s3cr3t-\"key\\")
        .build();
  }

  private static FakeEndpoint federation(String idToken) {
    return endpoint("WorkloadIdentityFederation")
        .authParameter("serviceprincipalid", "app-2")
        .authParameter("idToken", idToken)
        .build();
  }

  @Test
  void aSecretConnectionRunsTheOfficialSequenceInAPrivateConfigFolderThatIsRemoved()
      throws Exception {
    TaskRun run = kit(secret()).input("inlineScript", "echo hello from script").run();
    assertThat(run)
        .succeeded()
        .hasMessageContaining("Script exited with return code: 0")
        .printed("hello from script")
        .hasNoLeaks();
    assertThat(az.calls())
        .containsExactly(
            List.of("--version"),
            List.of("cloud", "set", "-n", "AzureCloud"),
            List.of(
                "login",
                "--service-principal",
                "-u",
                "app-1",
                "--password=s3cr3t-\"key\\",
                "--tenant",
                "tenant-1",
                "--allow-no-subscriptions"),
            List.of("account", "set", "--subscription", "sub-1"),
            List.of("account", "clear"));
    List<String> dirs = az.configDirs();
    assertThat(dirs.get(0)).startsWith(temp.resolve(".azclitask-").toString());
    assertThat(dirs).containsOnly(dirs.get(0));
    assertThat(Path.of(dirs.get(0))).doesNotExist();
    assertThat(run.output())
        .anyMatch(l -> l.startsWith("[command]") && l.contains("--password=***"));
    try (var left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void federationLogsInWithTheIdTokenAndSetsTheAzureSubscriptionVariables() throws Exception {
    String token = FakeAz.jwt("sc://demo-org/demo-project/wif", 600);
    Path out = dir.resolve("env.txt");
    TaskRun run =
        kit(federation(token))
            .input(
                "inlineScript",
                "env | grep -E '^(AZURESUBSCRIPTION_|servicePrincipal|idToken|tenantId|AZURE_|ARM_|INPUT_|SECRET_|ENDPOINT_AUTH)' | sort > "
                    + out)
            .input("visibleAzLogin", "false")
            .run();
    assertThat(run).succeeded().hasNoLeaks();
    assertThat(az.calls().get(2))
        .containsExactly(
            "login",
            "--service-principal",
            "-u",
            "app-2",
            "--tenant",
            "tenant-1",
            "--allow-no-subscriptions",
            "--federated-token",
            token,
            "--output",
            "none");
    Properties env = properties(out);
    assertThat(env)
        .containsEntry("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID", CONNECTION)
        .containsEntry("AZURESUBSCRIPTION_CLIENT_ID", "app-2")
        .containsEntry("AZURESUBSCRIPTION_TENANT_ID", "tenant-1")
        .doesNotContainKeys(
            "servicePrincipalId", "idToken", "tenantId", "AZURE_FEDERATED_TOKEN_FILE");
    assertThat(env.stringPropertyNames())
        .noneMatch(
            n ->
                n.startsWith("INPUT_") || n.startsWith("SECRET_") || n.startsWith("ENDPOINT_AUTH"));
    assertThat(env.getProperty("AZURE_CONFIG_DIR")).startsWith(temp.toString());
  }

  @Test
  void addSpnToEnvironmentHandsTheScriptTheIdTokenAndAFreshTokenFile() throws Exception {
    String token = FakeAz.jwt("sc://demo-org/demo-project/wif", 600);
    Path out = dir.resolve("env.txt");
    TaskRun run =
        kit(federation(token))
            .input("addSpnToEnvironment", "true")
            .input(
                "inlineScript",
                "env | grep -E '^(servicePrincipal|idToken|tenantId|AZURE_|ARM_)' | sort > "
                    + out
                    + "; cat \"$AZURE_FEDERATED_TOKEN_FILE\" > "
                    + dir.resolve("token.txt")
                    + "; stat -c %a \"$AZURE_FEDERATED_TOKEN_FILE\" > "
                    + dir.resolve("mode.txt"))
            .run();
    assertThat(run).succeeded().hasNoLeaks();
    Properties env = properties(out);
    assertThat(env)
        .containsEntry("servicePrincipalId", "app-2")
        .containsEntry("idToken", token)
        .containsEntry("tenantId", "tenant-1")
        .containsEntry("AZURE_CLIENT_ID", "app-2")
        .containsEntry("AZURE_TENANT_ID", "tenant-1")
        .containsKey("AZURE_FEDERATED_TOKEN_FILE");
    assertThat(env.getProperty("ARM_OIDC_TOKEN_FILE_PATH"))
        .isEqualTo(env.getProperty("AZURE_FEDERATED_TOKEN_FILE"));
    assertThat(Files.readString(dir.resolve("token.txt"))).isEqualTo(token);
    assertThat(Files.readString(dir.resolve("mode.txt")).trim()).isEqualTo("600");
    assertThat(Path.of(env.getProperty("AZURE_FEDERATED_TOKEN_FILE"))).doesNotExist();
  }

  @Test
  void addSpnToEnvironmentHandsASecretConnectionsKeyAndNothingWhenOff() throws Exception {
    Path out = dir.resolve("env.txt");
    String script = "env | grep -E '^(servicePrincipal|idToken|tenantId)' | sort > " + out;
    assertThat(
            kit(secret()).input("addSpnToEnvironment", "true").input("inlineScript", script).run())
        .succeeded();
    assertThat(properties(out))
        .containsEntry("servicePrincipalId", "app-1")
        .containsEntry("servicePrincipalKey", "s3cr3t-\"key\\")
        .containsEntry("tenantId", "tenant-1");
    assertThat(kit(secret()).input("inlineScript", script).run()).succeeded();
    assertThat(properties(out)).isEmpty();
  }

  @Test
  void aCertificateGoesToAnOwnerOnlyFileThatIsDeletedAfterTheLogin() throws Exception {
    FakeEndpoint cert =
        endpoint("ServicePrincipal")
            .authParameter("serviceprincipalid", "app-3")
            .authParameter("authenticationType", "spnCertificate")
            .authParameter(
                "servicePrincipalCertificate",
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
            .build();
    assertThat(kit(cert).input("inlineScript", "true").run()).succeeded().hasNoLeaks();
    List<String> login = az.calls().get(2);
    String flag =
        login.stream().filter(a -> a.startsWith("--certificate=")).findFirst().orElseThrow();
    assertThat(az.lines()).contains("CERT\t600\t-----BEGIN CERTIFICATE-----");
    assertThat(Path.of(flag.substring("--certificate=".length()))).doesNotExist();
  }

  @Test
  void anOlderAzGetsTheCertificateAsAPasswordAndAUserAssignedIdentityIsPassed() throws Exception {
    FakeEndpoint msi = endpoint("ManagedServiceIdentity").data("msiclientId", "uai-1").build();
    assertThat(
            kit(msi).environment("FAKE_AZ_VERSION", "2.45.0").input("inlineScript", "true").run())
        .succeeded();
    assertThat(az.calls().get(2)).containsExactly("login", "--identity", "--username", "uai-1");
  }

  @Test
  void aFailingScriptFailsWithTheOfficialMessageAndStillSignsOut() throws Exception {
    TaskRun run = kit(secret()).input("inlineScript", "echo doing; exit 3").run();
    assertThat(run).failed().hasMessageContaining("Script failed with exit code: 3");
    assertThat(az.calls()).last().isEqualTo(List.of("account", "clear"));
    assertThat(Path.of(az.configDirs().get(0))).doesNotExist();
  }

  @Test
  void failOnStandardErrorFailsOnStderrOutputAndReportsTheLines() {
    TaskRun run =
        kit(secret())
            .input("failOnStandardError", "true")
            .input("inlineScript", "echo first >&2; echo second >&2")
            .run();
    assertThat(run)
        .failed()
        .hasMessageContaining(
            "Script has output to stderr. Failing as failOnStdErr is set to true.")
        .hasErrorContaining("first\nsecond");
    TaskRun lenient = kit(secret()).input("inlineScript", "echo warn >&2").run();
    assertThat(lenient).succeeded();
  }

  @Test
  void aFailedLoginExplainsTheAadstsCodeAndDoesNotSignOut() throws Exception {
    TaskRun run =
        kit(secret())
            .environment(
                "FAKE_AZ_LOGIN_ERROR", "AADSTS7000215: Invalid client secret provided. Trace ID: x")
            .input("inlineScript", "echo never")
            .run();
    assertThat(run)
        .failed()
        .hasMessageContaining("Azure login failed")
        .hasMessageContaining("AADSTS7000215")
        .hasMessageContaining("client secret is wrong");
    assertThat(az.calls()).noneMatch(c -> c.equals(List.of("account", "clear")));
    assertThat(run.output()).noneMatch(l -> l.contains("never"));
  }

  @Test
  void scriptArgumentsAreSplitAsACommandLineAndTheWorkingDirectoryIsUsed() throws Exception {
    Path script = work.resolve("args.sh");
    Files.writeString(
        script,
        "printf '[%s]' \"$@\" > "
            + dir.resolve("args.txt")
            + "; pwd >> "
            + dir.resolve("args.txt"));
    Path cwd = Files.createDirectories(dir.resolve("elsewhere"));
    assertThat(
            kit(secret())
                .input("scriptLocation", "scriptPath")
                .input("scriptPath", script.toString())
                .input("scriptArguments", "one \"two three\" $HOME")
                .input("cwd", cwd.toString())
                .run())
        .succeeded();
    assertThat(Files.readString(dir.resolve("args.txt")))
        .isEqualTo("[one][two three][$HOME]" + cwd + "\n");
  }

  @Test
  void badScriptSettingsAreNamedErrors() {
    assertThat(kit(secret()).input("scriptType", "ps").input("inlineScript", "x").run())
        .failed()
        .hasMessageContaining("The script type 'ps' runs only on Windows agents");
    assertThat(
            kit(secret())
                .input("scriptLocation", "scriptPath")
                .input("scriptPath", "missing.sh")
                .run())
        .failed()
        .hasMessageContaining("Script file could not be found at specified script location");
    assertThat(kit(secret()).input("scriptType", "python").input("inlineScript", "x").run())
        .failed()
        .hasMessageContaining("scriptType");
    assertThat(kit(secret()).input("keepAzSessionActive", "true").input("inlineScript", "x").run())
        .failed()
        .hasMessageContaining(
            "The 'keepAzSessionActive' input might be used only for workload identity federation");
  }

  @Test
  void aMissingAzureCliSaysHowToInstallIt() {
    TaskRun run =
        kit(secret()).environment("PATH", "/nonexistent").input("inlineScript", "x").run();
    assertThat(run)
        .failed()
        .hasMessageContaining("Azure CLI 2.x is not installed on this machine")
        .hasMessageContaining("apt-get install -y azure-cli");
  }

  @Test
  void thePowerShellWrapperSetsPreferencesAndPropagatesLastExitCode() {
    AzureCliInputs inputs =
        AzureCliInputs.bind(
            name ->
                java.util.Optional.ofNullable(
                    Map.of(
                            "connectedServiceNameARM", CONNECTION,
                            "scriptType", "pscore",
                            "scriptLocation", "inlineScript",
                            "inlineScript", "x",
                            "powerShellErrorActionPreference", "continue")
                        .get(name)));
    String wrapper = Script.powerShellWrapper(inputs, Path.of("/tmp/it's.ps1"), "-Name 'x'", false);
    assertThat(wrapper.split("\n"))
        .startsWith(
            "$ErrorActionPreference = 'continue'",
            "$ErrorView = 'NormalView'",
            ". '/tmp/it''s.ps1' -Name 'x'")
        .contains("    exit $LASTEXITCODE");
  }

  private static Properties properties(Path file) throws Exception {
    Properties properties = new Properties();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      properties.setProperty(line.substring(0, eq), line.substring(eq + 1));
    }
    return properties;
  }
}
