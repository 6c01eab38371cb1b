package io.pipelinetasks.tasks.azurecli;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.TaskLog.IssueSource;
import io.pipelinetasks.task.TaskResult;
import io.pipelinetasks.task.ToolException;
import io.pipelinetasks.task.ToolResult;
import io.pipelinetasks.task.ToolRunner;
import io.pipelinetasks.task.azure.AuthenticationException;
import io.pipelinetasks.task.azure.AzCli;
import io.pipelinetasks.task.azure.AzureRmConnection;
import io.pipelinetasks.task.azure.AzureRmConnections;
import io.pipelinetasks.task.azure.EntraErrors;
import io.pipelinetasks.task.azure.IdTokenClaims;
import io.pipelinetasks.task.azure.OidcTokenClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of AzureCLI@2, in the official order: {@code az --version}, a private {@code
 * AZURE_CONFIG_DIR}, the cloud, the login, the subscription, the script; and always {@code az
 * account clear}, then the config folder removed.
 */
final class AzureCliRun {
  private static final int STDERR_LINES_KEPT = 10;

  private final TaskContext context;
  private final AzureCliInputs inputs;
  private final Map<String, String> azEnvironment = new LinkedHashMap<>();
  private final AtomicBoolean loggedIn = new AtomicBoolean();
  private final AtomicBoolean loggedOut = new AtomicBoolean();
  private AzureRmConnection connection;
  private AzCli.Version version;
  private Path workingDirectory;
  private Optional<Path> certificateFile = Optional.empty();
  private Optional<IdTokenClaims> lastIdToken = Optional.empty();

  AzureCliRun(TaskContext context, AzureCliInputs inputs) {
    this.context = context;
    this.inputs = inputs;
  }

  void execute() {
    boolean windows = File.separatorChar == '\\';
    connection = AzureRmConnections.resolve(context, inputs.connectedServiceNameARM());
    if (inputs.keepAzSessionActive()
        && !(connection instanceof AzureRmConnection.WorkloadIdentityFederation)) {
      throw new TaskException(
          "KeepingAzSessionActiveUnsupportedScheme",
          context.loc("KeepingAzSessionActiveUnsupportedScheme", scheme()));
    }
    Script script = Script.prepare(context, inputs, windows);
    workingDirectory = workingDirectory();
    proxy();
    // The private config folder comes before 'az --version' (the official task runs it first),
    // so not even the version check writes into the agent's global Azure CLI configuration.
    if (!inputs.useGlobalConfig()) {
      Path configDir = context.tempFiles().createDirectory(".azclitask-");
      context.log().info(context.loc("SettingAzureConfigDir", configDir));
      azEnvironment.put("AZURE_CONFIG_DIR", configDir.toString());
    }
    version = azVersion();
    // Registered after the config folder, so it runs first: sign out, then delete the folder.
    context.onCleanup(this::logout);
    setCloud();
    Optional<Secret> idToken = login();
    Map<String, String> scriptEnvironment = new LinkedHashMap<>(azEnvironment);
    scriptEnvironment.putAll(connectionEnvironment(idToken));
    FederatedSession session = federatedSession(idToken, scriptEnvironment);
    try {
      runScript(script, scriptEnvironment);
    } finally {
      session.close();
      logout();
    }
  }

  private void runScript(Script script, Map<String, String> environment) {
    List<String> stderr = new ArrayList<>();
    int[] stderrCount = {0};
    ToolResult result =
        context
            .tool(script.tool())
            .args(script.arguments())
            .workingDirectory(workingDirectory)
            .env(environment)
            .ignoreReturnCode(true)
            .onStderr(
                line -> {
                  synchronized (stderr) {
                    if (stderr.size() < STDERR_LINES_KEPT) {
                      stderr.add(line);
                    }
                    stderrCount[0]++;
                  }
                })
            .run();
    if (inputs.failOnStandardError() && result.stderrLines() > 0) {
      context.log().error(String.join("\n", stderr), IssueSource.CustomerScript);
      throw new TaskException("ScriptFailedStdErr", context.loc("ScriptFailedStdErr"));
    }
    if (result.exitCode() != 0) {
      throw new TaskException(
          "ScriptFailedWithExitCode", context.loc("ScriptFailedWithExitCode", result.exitCode()));
    }
    context.setResult(TaskResult.Succeeded, context.loc("ScriptReturnCode", 0));
  }

  private Optional<Secret> login() {
    Optional<Secret> idToken = Optional.empty();
    AzCli.LoginMaterial material = AzCli.LoginMaterial.none();
    if (connection instanceof AzureRmConnection.WorkloadIdentityFederation wif) {
      idToken = Optional.of(OidcTokenClient.of(context).idToken(wif.endpointId()));
      lastIdToken = IdTokenClaims.of(idToken.get());
      material = new AzCli.LoginMaterial(idToken, Optional.empty());
    } else if (connection instanceof AzureRmConnection.ServicePrincipalCertificate sp) {
      Path pem = context.tempFiles().writeFile("spnCert", ".pem", sp.certificatePem().reveal());
      certificateFile = Optional.of(pem);
      material = new AzCli.LoginMaterial(Optional.empty(), certificateFile);
    }
    List<String> args = AzCli.login(connection, version, material, inputs.visibleAzLogin());
    String message =
        connection instanceof AzureRmConnection.ManagedServiceIdentity
            ? context.loc("MSILoginFailed")
            : context.loc("LoginFailed");
    runAzOrFail(args, message);
    loggedIn.set(true);
    AzCli.accountSet(connection)
        .ifPresent(set -> runAzOrFail(set, context.loc("ErrorInSettingUpSubscription")));
    return idToken;
  }

  /** Signs in again with a fresh idToken; the keep-alive calls this while the script runs. */
  void relogin(Secret idToken) {
    List<String> args =
        AzCli.login(
            connection,
            version,
            new AzCli.LoginMaterial(Optional.of(idToken), Optional.empty()),
            false);
    runAzOrFail(args, context.loc("LoginFailed"));
    AzCli.accountSet(connection)
        .ifPresent(set -> runAzOrFail(set, context.loc("ErrorInSettingUpSubscription")));
  }

  private void runAzOrFail(List<String> args, String failure) {
    StringBuilder errors = new StringBuilder();
    ToolResult result =
        az().args(args)
            .ignoreReturnCode(true)
            .onStderr(line -> errors.append(line).append('\n'))
            .run();
    if (result.exitCode() == 0) {
      return;
    }
    String azError = errors.toString().trim();
    Optional<Integer> code = EntraErrors.code(azError);
    if (code.isPresent()) {
      AuthenticationException explained =
          EntraErrors.explain(
              azError,
              connection,
              lastIdToken,
              context.system().collectionUri(),
              context.system().teamProject());
      String text =
          code.get() == 7000222 && context.system().collectionUri().isPresent()
              ? context.loc(
                  "ExpiredServicePrincipalMessageWithLink",
                  context.system().collectionUri().get()
                      + context.system().teamProject().orElse("")
                      + "/_settings/adminservices?resourceId="
                      + connection.endpointId())
              : explained.getMessage();
      throw new TaskException(explained.code(), failure + ". " + context.loc("ScriptFailed", text));
    }
    throw new TaskException(
        "LoginFailed",
        failure
            + " (exit code "
            + result.exitCode()
            + "). "
            + context.loc(
                "ScriptFailed", azError.isEmpty() ? "see the az output above" : lastLine(azError)));
  }

  private void setCloud() {
    Optional<String> environment =
        context.endpoint(connection.endpointId()).dataParameter("environment").map(String::trim);
    if (environment.isEmpty() || environment.get().isEmpty()) {
      return;
    }
    context.log().info(context.loc("SettingAzureCloud", environment.get()));
    if (environment.get().equalsIgnoreCase("AzureStack")) {
      ToolResult known =
          az().args("cloud", "show", "-n", connection.cloud().name())
              .ignoreReturnCode(true)
              .echoOutput(false)
              .run();
      if (known.exitCode() != 0) {
        runAzOrFail(
            AzCli.cloudRegister(connection.cloud()), "Could not register the Azure Stack cloud");
      }
    }
    runAzOrFail(AzCli.cloudSet(connection.cloud()), "Could not set the active cloud");
  }

  private Map<String, String> connectionEnvironment(Optional<Secret> idToken) {
    Map<String, String> env = new LinkedHashMap<>();
    if (connection instanceof AzureRmConnection.WorkloadIdentityFederation wif) {
      env.put("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID", wif.endpointId());
      env.put("AZURESUBSCRIPTION_CLIENT_ID", wif.clientId());
      env.put("AZURESUBSCRIPTION_TENANT_ID", wif.tenantId());
      if (inputs.addSpnToEnvironment()) {
        env.put("servicePrincipalId", wif.clientId());
        env.put("idToken", idToken.orElseThrow().reveal());
        env.put("tenantId", wif.tenantId());
        env.put("AZURE_CLIENT_ID", wif.clientId());
        env.put("AZURE_TENANT_ID", wif.tenantId());
      }
    } else if (connection instanceof AzureRmConnection.ServicePrincipalSecret sp
        && inputs.addSpnToEnvironment()) {
      env.put("servicePrincipalId", sp.clientId());
      env.put("servicePrincipalKey", sp.clientSecret().reveal());
      env.put("tenantId", sp.tenantId());
    } else if (connection instanceof AzureRmConnection.ServicePrincipalCertificate sp
        && inputs.addSpnToEnvironment()) {
      env.put("servicePrincipalId", sp.clientId());
      env.put("tenantId", sp.tenantId());
    }
    return env;
  }

  private FederatedSession federatedSession(Optional<Secret> idToken, Map<String, String> env) {
    if (!(connection instanceof AzureRmConnection.WorkloadIdentityFederation wif)
        || (!inputs.keepAzSessionActive() && !inputs.addSpnToEnvironment())) {
      return FederatedSession.none();
    }
    Optional<Path> tokenFile = Optional.empty();
    if (inputs.addSpnToEnvironment()) {
      Path file =
          context.tempFiles().writeFile("federated-token", ".jwt", idToken.orElseThrow().reveal());
      tokenFile = Optional.of(file);
      env.put("AZURE_FEDERATED_TOKEN_FILE", file.toString());
      env.put("ARM_OIDC_TOKEN_FILE_PATH", file.toString());
    }
    return FederatedSession.start(
        context,
        OidcTokenClient.of(context),
        wif.endpointId(),
        idToken.orElseThrow(),
        tokenFile,
        inputs.keepAzSessionActive() ? Optional.of(this::relogin) : Optional.empty());
  }

  /** Signs out; runs once, from the end of the run or from a cancellation. */
  private void logout() {
    if (!loggedIn.get() || !loggedOut.compareAndSet(false, true)) {
      return;
    }
    try {
      ToolResult result = az().args(AzCli.accountClear()).ignoreReturnCode(true).run();
      if (result.exitCode() != 0) {
        context.log().warning(context.loc("FailedToLogout", "exit code " + result.exitCode()));
      }
    } catch (ToolException failed) {
      context.log().warning(context.loc("FailedToLogout", failed.getMessage()));
    }
    certificateFile.ifPresent(file -> context.tempFiles().delete(file));
  }

  private AzCli.Version azVersion() {
    ToolResult result;
    try {
      result = az().arg("--version").captureOutput(true).ignoreReturnCode(true).run();
    } catch (ToolException notFound) {
      if ("ToolNotFound".equals(notFound.code())) {
        throw new TaskException(
            "AzureSDKNotFound",
            context.loc("AzureSDKNotFound")
                + " Install it on the agent (https://learn.microsoft.com/cli/azure/install-azure-cli;"
                + " on Debian and Ubuntu: apt-get install -y azure-cli).");
      }
      throw notFound;
    }
    String output = result.stdout().orElse("");
    if (result.exitCode() != 0) {
      throw new TaskException(
          "AzVersionFailed", context.loc("AzVersionFailed", "exit code " + result.exitCode()));
    }
    return AzCli.Version.parse(output)
        .orElseThrow(
            () ->
                new TaskException(
                    "AzVersionFailed",
                    context.loc("AzVersionFailed", "no 'azure-cli <version>' line in its output")));
  }

  private ToolRunner az() {
    return context.tool("az").env(azEnvironment).workingDirectory(workingDirectory);
  }

  private Path workingDirectory() {
    Path dir =
        inputs
            .cwd()
            .or(() -> context.system().defaultWorkingDirectory())
            .orElse(Path.of(""))
            .toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException failed) {
      throw new TaskException(
          "WorkingDirectoryFailed",
          "Cannot create the working directory "
              + dir
              + ": "
              + failed.getMessage()
              + ". Fix the cwd input.");
    }
    return dir;
  }

  /** With AZP_AZURECLIV2_SETUP_PROXY_ENV, az uses the agent's proxy, as in the official task. */
  private void proxy() {
    boolean flag =
        context
            .environment()
            .env("AZP_AZURECLIV2_SETUP_PROXY_ENV")
            .map(v -> v.equalsIgnoreCase("true"))
            .orElse(false);
    if (flag && context.http().proxy().isPresent()) {
      Secret url = context.http().proxy().get().formattedUrl();
      context.masker().add(url.reveal());
      azEnvironment.put("HTTP_PROXY", url.reveal());
      azEnvironment.put("HTTPS_PROXY", url.reveal());
    }
  }

  private String scheme() {
    return context.endpoint(connection.endpointId()).scheme().orElse("ServicePrincipal");
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1];
  }
}
