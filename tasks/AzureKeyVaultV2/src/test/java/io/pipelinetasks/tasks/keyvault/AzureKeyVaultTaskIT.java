package io.pipelinetasks.tasks.keyvault;

import static io.pipelinetasks.task.testing.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.DemoConnection;
import io.pipelinetasks.emulator.FaultRule;
import io.pipelinetasks.emulator.JournalEntry;
import io.pipelinetasks.task.LoggingCommand;
import io.pipelinetasks.task.TaskEvent;
import io.pipelinetasks.task.TaskResult;
import io.pipelinetasks.task.testing.TaskRun;
import io.pipelinetasks.task.testing.TaskRun.VariableSet;
import io.pipelinetasks.task.testing.TaskTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AzureKeyVault@2 in-process against the emulator, over real HTTPS and the Key Vault SDK. */
class AzureKeyVaultTaskIT {
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure = TestVaults.builder().start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @AfterEach
  void reset() {
    azure.clearFaults();
    azure.setLatency(Duration.ZERO);
    azure.journal().clear();
  }

  private static TaskTestKit<AzureKeyVaultInputs> kit(String vault, String filter) {
    return kit(EntryPoint.STEP, azure.agentEnvironment(), vault, filter);
  }

  private static TaskTestKit<AzureKeyVaultInputs> kit(
      EntryPoint entry, Map<String, String> env, String vault, String filter) {
    return TaskTestKit.task(new AzureKeyVaultTask(entry), AzureKeyVaultInputs::bind)
        .taskDirectory(Path.of("").toAbsolutePath())
        .environment(env)
        .input("ConnectedServiceName", "demo-wif")
        .input("KeyVaultName", vault)
        .input("SecretsFilter", filter);
  }

  private static List<String> variableNames(TaskRun run) {
    return run.variablesSet().stream().map(VariableSet::name).toList();
  }

  private static List<JournalEntry> vaultRequests(String vault) {
    return azure.journal().entries().stream()
        .filter(e -> e.host().equals(vault + ".vault.azure.net"))
        .toList();
  }

  // ---------------------------------------------------------------- filters

  @Test
  void starSetsEveryEnabledValidSecretAndSaysWhichItSkippedAndWhy() {
    TaskRun run = kit(Demo.VAULT, "*").run();

    assertThat(run)
        .succeeded()
        .setVariable(Demo.SECRET_PASSWORD, "Demo-P@ssw0rd-1")
        .setSecretVariable(Demo.SECRET_PASSWORD)
        .setVariable(
            Demo.SECRET_CONNECTION_STRING, Demo.SECRET_VALUES.get(Demo.SECRET_CONNECTION_STRING))
        .setVariable(Demo.SECRET_ROTATED, "rotated-value-2")
        .setVariable(Demo.SECRET_JSON, "{\"user\":\"demo\",\"password\":\"Demo-P@ssw0rd-3\"}")
        .printed("Value of secret demo-json has been converted to single line.")
        .printed("Skipped secret demo-disabled: it is disabled.")
        .printed("Skipped secret demo-expired: it expired on 2024-01-01T00:00:00Z.")
        .printed("Skipped secret demo-not-yet-valid: it is not valid before 2099-01-01T00:00:00Z.")
        .printed("Number of secrets found in ")
        .printed("Key vault demo-kv: 4 secrets downloaded, 4 skipped, 0 failed.")
        .hasWarningContaining("Secret demo-multiline has several lines")
        .hasNoLeaks();
    assertThat(variableNames(run))
        .containsExactlyInAnyOrder(
            Demo.SECRET_PASSWORD,
            Demo.SECRET_CONNECTION_STRING,
            Demo.SECRET_ROTATED,
            Demo.SECRET_JSON);
    // Nothing was read that the task does not use.
    assertThat(vaultRequests(Demo.VAULT).stream().map(JournalEntry::path))
        .doesNotContain(
            "/secrets/" + Demo.SECRET_DISABLED,
            "/secrets/" + Demo.SECRET_EXPIRED,
            "/secrets/" + Demo.SECRET_NOT_YET_VALID);
  }

  @Test
  void namedSecretsWithSpacesAroundThemAreEachSetOnceUnderTheirNames() {
    TaskRun run = kit(TestVaults.TEAM, "db-password ,  awkward,db-password").run();

    assertThat(run)
        .succeeded()
        .setVariable("db-password", TestVaults.TEAM_VALUES.get("db-password"))
        .setVariable("awkward", TestVaults.AWKWARD)
        .hasNoLeaks();
    assertThat(variableNames(run)).containsExactlyInAnyOrder("db-password", "awkward");
    assertThat(vaultRequests(TestVaults.TEAM).stream().map(JournalEntry::path))
        .noneMatch(path -> path.equals("/secrets"));
  }

  @Test
  void aNameWithAVersionSetsBothTheVersionedAndThePlainName() {
    String entry = "rotated/" + TestVaults.OLD_VERSION;
    TaskRun run = kit(TestVaults.TEAM, entry).run();

    assertThat(run)
        .succeeded()
        .setVariable(entry, "rotated-old-value")
        .setVariable("rotated", "rotated-old-value")
        .hasNoLeaks();
    assertThat(variableNames(run)).containsExactlyInAnyOrder(entry, "rotated");
  }

  @Test
  void inAMixedFilterThePlainNameBelongsToTheUnversionedEntry() {
    String old = "rotated/" + TestVaults.OLD_VERSION;
    TaskRun run = kit(TestVaults.TEAM, old + ", rotated, db-password").run();

    assertThat(run)
        .succeeded()
        .setVariable(old, "rotated-old-value")
        .setVariable("rotated", "rotated-new-value")
        .setVariable("db-password", TestVaults.TEAM_VALUES.get("db-password"));
    assertThat(variableNames(run)).containsExactlyInAnyOrder(old, "rotated", "db-password");
  }

  @Test
  void starNextToNamesIsRefusedBeforeAnyRequest() {
    TaskRun run = kit(TestVaults.TEAM, "db-password, *").run();

    assertThat(run).failed().hasMessageContaining("SecretsFilter lists '*' together");
    assertThat(vaultRequests(TestVaults.TEAM)).isEmpty();
  }

  @Test
  void namedDisabledExpiredAndNotYetValidSecretsAreSkippedToo() {
    TaskRun run =
        kit(Demo.VAULT, "demo-disabled, demo-expired, demo-not-yet-valid, " + Demo.SECRET_PASSWORD)
            .run();

    assertThat(run)
        .succeeded()
        .setVariable(Demo.SECRET_PASSWORD, "Demo-P@ssw0rd-1")
        .printed("Skipped secret demo-disabled: it is disabled.")
        .printed("Skipped secret demo-expired: it expired on 2024-01-01T00:00:00Z.")
        .printed("Skipped secret demo-not-yet-valid: it is not valid before 2099-01-01T00:00:00Z.")
        .printed("Key vault demo-kv: 1 secrets downloaded, 3 skipped, 0 failed.")
        .hasNoLeaks();
    assertThat(variableNames(run)).containsExactly(Demo.SECRET_PASSWORD);
  }

  @Test
  void missingAndMalformedNamesFailTheTaskAfterTheOthersAreSet() {
    TaskRun run = kit(TestVaults.TEAM, "no-such-secret, bad_name, db-password, rotated/x-y").run();

    assertThat(run)
        .failed()
        .setVariable("db-password", TestVaults.TEAM_VALUES.get("db-password"))
        .hasMessageContaining("Key vault team-kv: 1 secrets downloaded, 0 skipped, 3 failed.")
        .hasMessageContaining(
            "no-such-secret: A secret with (name/id) no-such-secret was not found")
        .hasMessageContaining("(HTTP 404 SecretNotFound)")
        .hasMessageContaining(
            "bad_name: Secret not found: bad_name. Secret name must be a string 1-127 characters")
        .hasMessageContaining("rotated/x-y: Secret version 'x-y' of rotated is not valid")
        .hasNoLeaks();
  }

  @Test
  void anEmptyVaultSucceedsAndSaysSo() {
    TaskRun run = kit(TestVaults.EMPTY, "*").run();

    assertThat(run).succeeded().printed("No secrets found in: https://empty-kv.vault.azure.net:");
    assertThat(run.variablesSet()).isEmpty();
  }

  @Test
  void aVaultOfManyPagesIsReadWhole() {
    TaskRun run = kit(TestVaults.BIG, "*").run();

    assertThat(run)
        .succeeded()
        .setVariable("secret-000", "big-value-0")
        .setVariable("secret-129", "big-value-129")
        .printed("Number of secrets found in https://big-kv.vault.azure.net:")
        .hasNoLeaks();
    assertThat(run.variablesSet()).hasSize(TestVaults.BIG_SIZE);
    assertThat(vaultRequests(TestVaults.BIG).stream().filter(e -> e.path().equals("/secrets")))
        .filteredOn(e -> e.status() == 200)
        .hasSize((TestVaults.BIG_SIZE + 24) / 25);
  }

  // ---------------------------------------------------------------- multi-line values

  @Test
  void jsonIsFlattenedWithItsNumbersAndSpacingInStringsKept() {
    TaskRun run = kit(TestVaults.TEAM, "config").run();

    assertThat(run)
        .succeeded()
        .setVariable("config", "{\"user\":\"team\",\"n\":12345678901234567890,\"list\":[1,2.50]}")
        .printed("Value of secret config has been converted to single line.")
        .hasNoLeaks();
  }

  @Test
  void aMultiLineValueHasEachLineRegisteredEscapedAndIsNotSetUnlessTheAgentAllowsIt() {
    TaskRun run = kit(TestVaults.TEAM, "pem, db-password").run();

    assertThat(run)
        .succeeded()
        .hasWarningContaining("Secret pem has several lines. Each line is masked")
        .hasWarningContaining("SYSTEM_UNSAFEALLOWMULTILINESECRET")
        .printed("Key vault team-kv: 1 secrets downloaded, 1 skipped, 0 failed.")
        .hasNoLeaks();
    assertThat(variableNames(run)).containsExactly("db-password");
    List<String> lines = List.of(TestVaults.PEM.split("\\r\\n|\\r|\\n"));
    assertThat(run.secretsRegistered()).containsAll(lines);
    // Escaped as every command is: % first, then CR, LF; ; and ] are fine in data.
    assertThat(rawLines(run)).contains("##vso[task.setsecret]bGluZSBvbmU;x]%AZP250A");
    // The task never switches the flag on for the rest of the job.
    assertThat(variableNames(run)).doesNotContain("SYSTEM_UNSAFEALLOWMULTILINESECRET");
  }

  @Test
  void aMultiLineValueIsSetWholeWhenTheAgentAllowsMultiLineSecrets() {
    TaskRun run =
        kit(TestVaults.TEAM, "pem").variable("SYSTEM_UNSAFEALLOWMULTILINESECRET", "true").run();

    assertThat(run).succeeded().setVariable("pem", TestVaults.PEM).hasNoLeaks();
    assertThat(run.secretsRegistered()).contains("-----BEGIN TEST KEY-----", "bGluZSB0d28=");
    assertThat(rawLines(run))
        .anyMatch(
            line ->
                line.startsWith("##vso[task.setvariable variable=pem;")
                    && line.endsWith("%0AbGluZSB0d28=%0D-----END TEST KEY-----"));
  }

  @Test
  void aSingleLineValueWithCommandCharactersIsEscapedInTheCommand() {
    TaskRun run = kit(TestVaults.TEAM, "awkward, empty").run();

    assertThat(run)
        .succeeded()
        .setVariable("awkward", TestVaults.AWKWARD)
        .printed("Skipped secret empty: its value is empty.");
    assertThat(rawLines(run))
        .contains(
            "##vso[task.setvariable variable=awkward;isOutput=false;issecret=true;]"
                + "k3y;with]all%AZP250Athe%AZP25AZP25escapes%AZP25");
  }

  // ---------------------------------------------------------------- errors

  @Test
  void aForbiddenSecretNamesTheIdentityAndTheRoleWhileTheOthersAreStillSet() {
    TaskRun run = kit(TestVaults.DENY, "*").input("ConnectedServiceName", "demo-secret").run();

    assertThat(run)
        .failed()
        .setVariable("open-1", "open-value-1")
        .setVariable("open-2", "open-value-2")
        .hasMessageContaining("Key vault deny-kv: 2 secrets downloaded, 0 skipped, 1 failed.")
        .hasMessageContaining("blocked: Caller is not authorized")
        .hasMessageContaining("(HTTP 403 Forbidden/ForbiddenByRbac)")
        .hasMessageContaining("the identity with object id " + DemoConnection.SECRET.objectId())
        .hasMessageContaining("Key Vault Secrets User")
        .hasNoLeaks();
    assertThat(run.message().lines().findFirst())
        .hasValue("Key vault deny-kv: 2 secrets downloaded, 0 skipped, 1 failed.");
  }

  @Test
  void anAccessPolicyWithoutGetNamesThePermission() {
    TaskRun run = kit(TestVaults.POLICY_GET_MISSING, "*").run();

    assertThat(run)
        .failed()
        .hasMessageContaining("0 secrets downloaded, 0 skipped, 1 failed.")
        .hasMessageContaining("(HTTP 403 Forbidden/AccessDenied)")
        .hasMessageContaining("lacks the secret permission Get")
        .hasMessageContaining("the identity with object id " + DemoConnection.WIF.objectId());
  }

  @Test
  void listingWithoutTheListPermissionFailsWithTheListPermissionNamed() {
    TaskRun run = kit(TestVaults.LIST_MISSING, "*").run();

    assertThat(run)
        .failed()
        .hasMessageContaining("Get secrets failed. Error: ")
        .hasMessageContaining("lacks the secret permission List");
    // Named secrets need no list permission.
    assertThat(kit(TestVaults.LIST_MISSING, "one").run())
        .succeeded()
        .setVariable("one", "value-one");
  }

  @Test
  void aMissingVaultIsAClearError() {
    TaskRun run = kit("no-such-kv", "*").run();

    assertThat(run)
        .failed()
        .hasMessageContaining(
            "Key vault no-such-kv was not found: the host no-such-kv.vault.azure.net")
        .hasMessageContaining("AzureEmulator");
  }

  @Test
  void anInvalidVaultNameIsRefusedWithTheOfficialMessage() {
    TaskRun run = kit("demo-kv/secrets", "*").run();

    assertThat(run).failed().hasMessageContaining("demo-kv/secrets is an invalid KeyVault name.");
  }

  @Test
  void aFailedLoginIsAClearErrorThatNamesTheEntraCode() {
    Map<String, String> env = new HashMap<>(azure.agentEnvironment());
    env.put("ENDPOINT_AUTH_PARAMETER_demo-secret_SERVICEPRINCIPALKEY", "wrong-secret-value");
    env.remove("ENDPOINT_AUTH_demo-secret");
    TaskRun run =
        kit(EntryPoint.STEP, env, TestVaults.TEAM, "*")
            .input("ConnectedServiceName", "demo-secret")
            .run();

    assertThat(run).failed().hasMessageContaining("AADSTS7000215").hasNoLeaks();
    assertThat(run.variablesSet()).isEmpty();
  }

  // ---------------------------------------------------------------- retries and deadline

  @Test
  void throttlingIsRetriedAfterTheRetryAfterTheVaultAsksFor() {
    FaultRule throttle =
        FaultRule.status(429)
            .onHost("^team-kv\\.")
            .onPath("^/secrets/")
            .withRetryAfter(Duration.ofSeconds(1))
            .times(3);
    azure.addFault(throttle);

    TaskRun run = kit(TestVaults.TEAM, "db-password, awkward, rotated").run();

    assertThat(run).succeeded().printed("trying again in 1.0 s").hasNoLeaks();
    assertThat(run.variablesSet()).hasSize(3);
    assertThat(azure.faultApplications(throttle)).isEqualTo(3);
    List<JournalEntry> gets =
        vaultRequests(TestVaults.TEAM).stream()
            .filter(e -> e.path().startsWith("/secrets/"))
            .toList();
    JournalEntry lastThrottled =
        gets.stream().filter(e -> e.status() == 429).reduce((a, b) -> b).orElseThrow();
    List<JournalEntry> afterwards =
        gets.stream().filter(e -> e.sequence() > lastThrottled.sequence()).toList();
    assertThat(afterwards).isNotEmpty().allMatch(e -> e.status() == 200);
    // Retry-After is honoured: nothing was sent again before the second was over.
    JournalEntry firstThrottled =
        gets.stream().filter(e -> e.status() == 429).findFirst().orElseThrow();
    assertThat(Duration.between(firstThrottled.time(), afterwards.get(0).time()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void serverErrorsOnTheListAndOnValuesAreRetried() {
    azure.addFault(FaultRule.status(503).onHost("^team-kv\\.").onPath("^/secrets$").times(2));
    azure.addFault(
        FaultRule.status(500).onHost("^team-kv\\.").onPath("^/secrets/db-password/?$").times(1));

    TaskRun run = kit(TestVaults.TEAM, "*").run();

    assertThat(run)
        .succeeded()
        .setVariable("db-password", TestVaults.TEAM_VALUES.get("db-password"))
        .printed("Reading the secret list failed (HTTP 503")
        .printed("Reading db-password failed (HTTP 500");
    List<Integer> listStatuses =
        vaultRequests(TestVaults.TEAM).stream()
            .filter(e -> e.path().equals("/secrets") && e.status() != 401)
            .map(JournalEntry::status)
            .toList();
    assertThat(listStatuses).containsExactly(503, 503, 200);
  }

  @Test
  void aDroppedConnectionIsRetried() {
    azure.addFault(
        FaultRule.reset().onHost("^team-kv\\.").onPath("^/secrets/db-password/?$").times(2));

    TaskRun run = kit(TestVaults.TEAM, "db-password").run();

    assertThat(run)
        .succeeded()
        .setVariable("db-password", TestVaults.TEAM_VALUES.get("db-password"));
  }

  @Test
  void aSlowResponseIsCutAtTheRequestTimeoutAndSentAgain() {
    azure.addFault(
        FaultRule.delay(Duration.ofSeconds(5))
            .onHost("^team-kv\\.")
            .onPath("^/secrets/db-password/?$")
            .times(1));

    long started = System.nanoTime();
    TaskRun run =
        kit(TestVaults.TEAM, "db-password")
            .variable("AzureKeyVault.RequestTimeoutSeconds", "1")
            .run();

    assertThat(run)
        .succeeded()
        .setVariable("db-password", TestVaults.TEAM_VALUES.get("db-password"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void theDeadlineStopsAHangingValueAndTheOthersAreStillSet() {
    azure.addFault(
        FaultRule.delay(Duration.ofSeconds(20))
            .onHost("^team-kv\\.")
            .onPath("^/secrets/awkward/?$"));

    long started = System.nanoTime();
    TaskRun run =
        kit(TestVaults.TEAM, "db-password, awkward")
            .variable("AzureKeyVault.TimeoutSeconds", "2")
            .run();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    assertThat(run)
        .failed()
        .setVariable("db-password", TestVaults.TEAM_VALUES.get("db-password"))
        .hasMessageContaining("1 secrets downloaded, 0 skipped, 1 failed.")
        .hasMessageContaining(
            "awkward: not read before the task's time limit of 2 seconds (pipeline variable"
                + " AzureKeyVault.TimeoutSeconds)");
  }

  // ---------------------------------------------------------------- entry points, connections

  @Test
  void preJobModeReadsInThePreJobEntryPointAndSkipsTheStep() {
    TaskRun preJob =
        kit(EntryPoint.PRE_JOB, azure.agentEnvironment(), TestVaults.TEAM, "db-password")
            .input("RunAsPreJob", "true")
            .run();
    TaskRun step =
        kit(EntryPoint.STEP, azure.agentEnvironment(), TestVaults.TEAM, "db-password")
            .input("RunAsPreJob", "true")
            .run();

    assertThat(preJob)
        .succeeded()
        .setVariable("db-password", TestVaults.TEAM_VALUES.get("db-password"));
    assertThat(step)
        .hasResult(TaskResult.Skipped)
        .hasMessageContaining("Skipped according to the task's configuration. RunAsPreJob: true");
    assertThat(step.variablesSet()).isEmpty();
  }

  @Test
  void withoutPreJobModeThePreJobEntryPointIsSkipped() {
    TaskRun preJob =
        kit(EntryPoint.PRE_JOB, azure.agentEnvironment(), TestVaults.TEAM, "db-password").run();

    assertThat(preJob)
        .hasResult(TaskResult.Skipped)
        .hasMessageContaining("Skipped according to the task's configuration. RunAsPreJob: false");
    assertThat(vaultRequests(TestVaults.TEAM)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo-wif", "demo-secret", "demo-cert", "azureSubscription"})
  void eachConnectionSchemeReadsTheVault(String connection) {
    TaskTestKit<AzureKeyVaultInputs> kit = kit(TestVaults.TEAM, "db-password");
    if (connection.equals("azureSubscription")) {
      // The official alias of ConnectedServiceName.
      kit =
          TaskTestKit.task(new AzureKeyVaultTask(), AzureKeyVaultInputs::bind)
              .taskDirectory(Path.of("").toAbsolutePath())
              .environment(azure.agentEnvironment())
              .input("azureSubscription", "demo-secret")
              .input("KeyVaultName", TestVaults.TEAM)
              .input("SecretsFilter", "db-password");
    } else {
      kit = kit.input("ConnectedServiceName", connection);
    }
    TaskRun run = kit.run();

    assertThat(run)
        .succeeded()
        .setVariable("db-password", TestVaults.TEAM_VALUES.get("db-password"))
        .printed("SubscriptionId: " + Demo.SUBSCRIPTION_ID + ".")
        .printed("Key vault name: team-kv.")
        .hasNoLeaks();
  }

  // ---------------------------------------------------------------- no value in clear

  @Test
  void noValueAppearsInTheOutputOutsideTheCommandsThatRegisterIt() {
    List<TaskRun> runs = new ArrayList<>();
    runs.add(kit(Demo.VAULT, "*").variable("SYSTEM_UNSAFEALLOWMULTILINESECRET", "true").run());
    runs.add(kit(Demo.VAULT, "*").run());
    runs.add(kit(TestVaults.TEAM, "*").variable("SYSTEM_UNSAFEALLOWMULTILINESECRET", "true").run());
    runs.add(kit(TestVaults.TEAM, "*").run());
    List<String> values = new ArrayList<>();
    for (String value : Demo.SECRET_VALUES.values()) {
      values.addAll(pieces(value));
    }
    values.add(Demo.ROTATED_OLD_VALUE);
    for (String value : TestVaults.TEAM_VALUES.values()) {
      values.addAll(pieces(value));
    }
    values.add("rotated-old-value");
    values.add(Demo.CLIENT_SECRET);
    for (TaskRun run : runs) {
      assertThat(run.leaks()).isZero();
      for (TaskEvent event : run.events()) {
        Optional<String> line = event.toAgentLine();
        if (line.isEmpty()
            || LoggingCommand.parse(line.get())
                .map(LoggingCommand::registersSecret)
                .orElse(false)) {
          continue;
        }
        for (String value : values) {
          assertThat(line.get()).doesNotContain(value);
        }
      }
    }
  }

  /** A value and each of its lines longer than a few characters. */
  private static List<String> pieces(String value) {
    List<String> pieces = new ArrayList<>();
    if (!value.isEmpty()) {
      pieces.add(value);
    }
    for (String line : value.split("\\r\\n|\\r|\\n")) {
      if (line.length() > 4) {
        pieces.add(line.trim());
      }
    }
    return pieces;
  }

  private static List<String> rawLines(TaskRun run) {
    List<String> lines = new ArrayList<>();
    for (TaskEvent event : run.events()) {
      event.toAgentLine().ifPresent(lines::add);
    }
    return lines;
  }
}
