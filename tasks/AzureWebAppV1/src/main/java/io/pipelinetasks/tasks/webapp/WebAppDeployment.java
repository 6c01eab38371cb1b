package io.pipelinetasks.tasks.webapp;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.resourcemanager.appservice.AppServiceManager;
import com.azure.resourcemanager.appservice.fluent.models.SiteConfigResourceInner;
import com.azure.resourcemanager.appservice.fluent.models.UserInner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.azure.AzureAuth;
import io.pipelinetasks.task.azure.AzureCredentials;
import io.pipelinetasks.task.azure.AzureRmConnection;
import io.pipelinetasks.task.azure.AzureRmConnections;
import io.pipelinetasks.tasks.webapp.AzureWebAppInputs.AppType;
import io.pipelinetasks.tasks.webapp.SettingsInput.Setting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One run of AzureWebApp@1: find the package and the app, choose the deployment, upload it to Kudu
 * and follow it, then apply the runtime stack, startup command, configuration and app settings, and
 * set {@code AppServiceApplicationUrl}.
 *
 * <p>The ARM reads that do not depend on each other (the SCM basic-authentication policy, the
 * publishing credentials, the app settings, the site configuration, Kudu's latest deployment) run
 * in parallel once the site is known.
 */
final class WebAppDeployment {
  /** The pipeline variable that sets the deadline, in minutes. */
  static final String TIMEOUT_VARIABLE = "AzureWebApp.DeploymentTimeoutInMinutes";

  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);
  static final String OUTPUT_VARIABLE = "AppServiceApplicationUrl";
  private static final String SYNC_UPDATE = "WEBSITE_ENABLE_SYNC_UPDATE_SITE";

  private final TaskContext context;
  private final AzureWebAppInputs inputs;
  private final boolean linux;
  private final Set<String> registeredTokens = ConcurrentHashMap.newKeySet();

  WebAppDeployment(TaskContext context, AzureWebAppInputs inputs) {
    this.context = Objects.requireNonNull(context, "context");
    this.inputs = Objects.requireNonNull(inputs, "inputs");
    this.linux = inputs.appType() == AppType.WEB_APP_LINUX;
  }

  void run() throws InterruptedException {
    refuse(
        inputs.customWebConfig(), "customWebConfig", "put a web.config into the package instead.");
    refuse(
        inputs.siteContainersConfig(),
        "siteContainersConfig",
        "configure sidecar containers with the Azure CLI or a Bicep/ARM template.");
    Duration timeout = deploymentTimeout();
    Map<String, Setting> appSettings = settings("appSettings", inputs.appSettings().orElse(""));
    Map<String, Setting> configuration =
        settings("configurationStrings", inputs.configurationStrings().orElse(""));

    AzureRmConnection connection = AzureRmConnections.resolve(context, inputs.azureSubscription());
    context.log().info(context.loc("GotconnectiondetailsforazureRMWebApp0", inputs.appName()));
    context
        .commands()
        .publishTelemetry(
            "TaskEndpointId",
            "AzureWebAppDeployment",
            "{\"endpointId\":\"" + connection.endpointId() + "\"}");

    AppPackage appPackage = AppPackage.find(context, packagePattern());
    boolean publishProfile = connection instanceof AzureRmConnection.PublishProfile;
    DeploymentPlan plan =
        DeploymentPlan.choose(
            linux,
            appPackage.kind(),
            inputs.deploymentMethod(),
            publishProfile,
            appPackage::isMsBuildPackage,
            context::loc);
    context.log().debug("Deployment: " + plan + " of " + appPackage);
    Request request = new Request(appPackage, plan, appSettings, configuration, timeout);
    try {
      if (connection instanceof AzureRmConnection.PublishProfile profile) {
        deployWithPublishProfile(profile, request);
      } else {
        deployWithArm(connection, request);
      }
    } catch (RuntimeException failure) {
      // Failures of parallel reads arrive wrapped, ARM's as ManagementExceptions: report the
      // task's own message, or ARM's error code and message.
      TaskException reported = taskException(failure);
      throw reported != null ? reported : failure;
    }
  }

  /**
   * What to deploy and how, decided before any network call.
   *
   * @param appPackage the package
   * @param plan the deployment method and the app-setting changes it needs
   * @param appSettings the {@code appSettings} input
   * @param configuration the {@code configurationStrings} input
   * @param timeout the deadline's length
   */
  private record Request(
      AppPackage appPackage,
      DeploymentPlan plan,
      Map<String, Setting> appSettings,
      Map<String, Setting> configuration,
      Duration timeout) {}

  // ---------------------------------------------------------------- with an ARM connection

  private void deployWithArm(AzureRmConnection connection, Request request)
      throws InterruptedException {
    DeploymentPlan plan = request.plan();
    if (connection.scope().subscriptionId().isEmpty()) {
      throw new TaskException(
          "NoSubscriptionInConnection",
          context.loc("NoSubscriptionInConnection", connection.endpointId()));
    }
    long started = System.nanoTime();
    AzureAuth auth = AzureCredentials.create(context, connection);
    AppServiceManager manager =
        AppServiceManager.configure()
            .withHttpClient(auth.httpClient())
            .authenticate(auth.credential(), auth.profile());
    AppServiceSite site =
        AppServiceSite.find(context, manager, inputs.appName(), resourceGroup(), slot());
    context.log().debug("Found " + site.label() + " in " + millisSince(started) + " ms.");
    boolean linuxSite = site.kind().toLowerCase(Locale.ROOT).contains("linux");
    if (!site.kind().isEmpty() && linuxSite != linux) {
      context
          .log()
          .warning(
              context.loc(
                  "AppTypeMismatch",
                  site.label(),
                  linuxSite ? "Linux" : "Windows",
                  inputs.appType().value()));
    }
    ExecutorService pool = pool();
    Optional<String> applicationUrl = site.applicationUrl();
    try {
      // Independent reads, all at once.
      CompletableFuture<Boolean> basicAllowed =
          CompletableFuture.supplyAsync(site::basicAuthAllowed, pool)
              .exceptionally(
                  failed -> {
                    context.log().debug("The SCM basic-auth policy could not be read: " + failed);
                    return false;
                  });
      CompletableFuture<Optional<UserInner>> credentials =
          CompletableFuture.supplyAsync(
                  () -> {
                    UserInner user = site.publishingCredentials();
                    if (user != null && user.publishingPassword() != null) {
                      context.setSecret(user.publishingPassword());
                    }
                    return Optional.ofNullable(user);
                  },
                  pool)
              .exceptionally(
                  failed -> {
                    context.log().debug("The publishing credentials could not be read: " + failed);
                    return Optional.empty();
                  });
      boolean needSettings = plan.changesSettings() || !request.appSettings().isEmpty();
      CompletableFuture<Map<String, String>> currentSettings =
          needSettings
              ? CompletableFuture.supplyAsync(site::appSettings, pool)
              : CompletableFuture.completedFuture(Map.of());
      boolean needConfiguration =
          linux && (inputs.runtimeStack().isPresent() || inputs.startUpCommand().isPresent());
      CompletableFuture<Optional<SiteConfigResourceInner>> currentConfiguration =
          needConfiguration
              ? CompletableFuture.supplyAsync(() -> Optional.of(site.configuration()), pool)
              : CompletableFuture.completedFuture(Optional.empty());

      String scmHost =
          site.scmHost()
              .orElseThrow(
                  () -> new TaskException("NoScmHost", context.loc("NoScmHost", site.label())));
      Supplier<String> authorization;
      Optional<UserInner> user = credentials.join();
      boolean basic = basicAllowed.join();
      context
          .log()
          .debug("Read the SCM policy and credentials by " + millisSince(started) + " ms.");
      if (basic && user.isPresent() && user.get().publishingPassword() != null) {
        context.log().info(context.loc("KuduAuthBasic"));
        authorization = basic(user.get().publishingUsername(), user.get().publishingPassword());
        telemetryAuth("Basic");
      } else {
        context.log().info(context.loc("KuduAuthBearer"));
        authorization = bearer(auth);
        telemetryAuth("Bearer");
      }
      KuduClient kudu = kudu(scmHost, authorization);
      KuduDeployer deployer = deployer(kudu, request.timeout());
      CompletableFuture<KuduDeployer.Baseline> baseline =
          CompletableFuture.supplyAsync(deployer::baseline, pool);

      Map<String, String> settings = new LinkedHashMap<>(currentSettings.join());
      if (plan.changesSettings()) {
        settings = applyBeforeUpload(site, plan, settings);
      }
      KuduDeployer.Result result = upload(deployer, kudu, request, site.slot(), baseline.join());

      ObjectNode patch = configurationPatch(currentConfiguration.join(), request.configuration());
      if (!patch.isEmpty()) {
        context
            .log()
            .info(
                context.loc(
                    "UpdatingAppServiceConfigurationSettings", String.join(", ", names(patch))));
        site.patchConfiguration(patch);
        context.log().info(context.loc("UpdatedAppServiceConfigurationSettings"));
      }
      if (!request.appSettings().isEmpty()) {
        updateAppSettings(site, settings, request.appSettings());
      }
      context.log().debug("Kudu deployment " + result.id() + " is complete.");
    } finally {
      pool.shutdownNow();
      applicationUrl.ifPresent(this::setApplicationUrl);
    }
  }

  /** Deletes and sets the app settings the plan needs before the upload, in one write. */
  private Map<String, String> applyBeforeUpload(
      AppServiceSite site, DeploymentPlan plan, Map<String, String> current) {
    Map<String, String> next = new LinkedHashMap<>(current);
    List<String> removed = new ArrayList<>();
    for (String name : plan.removeSettings()) {
      if (next.remove(name) != null) {
        removed.add(name);
      }
    }
    List<String> set = new ArrayList<>();
    plan.setSettings()
        .forEach(
            (name, value) -> {
              if (!value.equals(next.get(name))) {
                next.put(name, value);
                set.add(name);
              }
            });
    if (removed.isEmpty() && set.isEmpty()) {
      return current;
    }
    if (!removed.isEmpty()) {
      context.log().info(context.loc("RemovingAppSettings", String.join(", ", removed)));
    }
    if (!set.isEmpty()) {
      context.log().info(context.loc("UpdatingAppSettings", String.join(", ", set)));
    }
    return site.replaceAppSettings(next);
  }

  /**
   * Merges the {@code appSettings} input into the settings and writes the whole bag, if anything
   * changed. Only names are logged: values often hold connection strings and keys.
   */
  private void updateAppSettings(
      AppServiceSite site, Map<String, String> current, Map<String, Setting> wanted) {
    Map<String, String> next = new LinkedHashMap<>(current);
    List<String> changed = new ArrayList<>();
    wanted.forEach(
        (name, setting) -> {
          if (!setting.value().equals(next.get(name))) {
            next.put(name, setting.value());
            changed.add(name);
          }
        });
    if (changed.isEmpty()) {
      context.log().info(context.loc("AppSettingsUnchanged"));
    } else {
      next.put(SYNC_UPDATE, "true");
      context.log().info(context.loc("UpdatingAppSettings", String.join(", ", changed)));
      site.replaceAppSettings(next);
      context.log().info(context.loc("UpdatedAppServiceApplicationSettings"));
    }
    updateSlotSettingNames(site, wanted);
  }

  private void updateSlotSettingNames(AppServiceSite site, Map<String, Setting> wanted) {
    Map<String, Boolean> sticky = new LinkedHashMap<>();
    wanted.forEach((name, setting) -> setting.slotSetting().ifPresent(s -> sticky.put(name, s)));
    if (sticky.isEmpty()) {
      return;
    }
    AppServiceSite.SlotSettingNames names = site.slotSettingNames();
    Set<String> next = new LinkedHashSet<>(names.appSettingNames());
    sticky.forEach(
        (name, stick) -> {
          if (stick) {
            next.add(name);
          } else {
            next.remove(name);
          }
        });
    if (!next.equals(new LinkedHashSet<>(names.appSettingNames()))) {
      context.log().info("Updating the slot setting names: " + String.join(", ", sticky.keySet()));
      site.replaceSlotSettingNames(names, List.copyOf(next));
    }
  }

  /**
   * The {@code config/web} properties to patch: the runtime stack and startup command of a Linux
   * app where they differ from what the app has, then the {@code configurationStrings}, which win.
   */
  private ObjectNode configurationPatch(
      Optional<SiteConfigResourceInner> current, Map<String, Setting> configuration) {
    ObjectNode patch = KuduClient.JSON.createObjectNode();
    if (current.isPresent()) {
      SiteConfigResourceInner config = current.get();
      inputs
          .runtimeStack()
          .filter(stack -> !stack.equals(config.linuxFxVersion()))
          .ifPresent(stack -> patch.put("linuxFxVersion", stack));
      inputs
          .startUpCommand()
          .filter(command -> !command.equals(config.appCommandLine()))
          .ifPresent(command -> patch.put("appCommandLine", command));
    }
    configuration.forEach(
        (name, setting) -> {
          String value = setting.value();
          if (value.equals("true") || value.equals("false")) {
            patch.put(name, Boolean.parseBoolean(value));
          } else {
            patch.put(name, value);
          }
        });
    return patch;
  }

  // ---------------------------------------------------------------- with a publish profile

  private void deployWithPublishProfile(
      AzureRmConnection.PublishProfile connection, Request request) throws InterruptedException {
    DeploymentPlan plan = request.plan();
    List<String> needArm = new ArrayList<>();
    if (!request.appSettings().isEmpty()) {
      needArm.add("appSettings");
    }
    if (!request.configuration().isEmpty()) {
      needArm.add("configurationStrings");
    }
    if (linux && inputs.runtimeStack().isPresent()) {
      needArm.add("runtimeStack");
    }
    if (linux && inputs.startUpCommand().isPresent()) {
      needArm.add("startUpCommand");
    }
    if (!plan.setSettings().isEmpty()) {
      needArm.add("deploymentMethod " + inputs.deploymentMethod().value());
    }
    if (!needArm.isEmpty()) {
      throw new TaskException(
          "PublishProfileNotSupported",
          context.loc("PublishProfileNotSupported", String.join(", ", needArm)));
    }
    PublishProfile profile =
        PublishProfile.parse(connection.profileXml().reveal())
            .orElseThrow(
                () ->
                    new TaskException(
                        "PublishProfileInvalid",
                        context.loc("PublishProfileInvalid", connection.endpointId())));
    context.setSecret(profile.password().reveal());
    if (!plan.removeSettings().isEmpty()) {
      context
          .log()
          .debug(
              "A publish profile cannot change app settings; not removing "
                  + String.join(", ", plan.removeSettings()));
    }
    try {
      telemetryAuth("Basic");
      KuduClient kudu =
          kudu(profile.scmHost(), basic(profile.userName(), profile.password().reveal()));
      KuduDeployer deployer = deployer(kudu, request.timeout());
      upload(deployer, kudu, request, Optional.empty(), deployer.baseline());
    } finally {
      profile.appUrl().ifPresent(this::setApplicationUrl);
    }
  }

  // ---------------------------------------------------------------- the upload

  private KuduDeployer.Result upload(
      KuduDeployer deployer,
      KuduClient kudu,
      Request request,
      Optional<String> slot,
      KuduDeployer.Baseline baseline)
      throws InterruptedException {
    AppPackage appPackage = request.appPackage();
    DeploymentPlan plan = request.plan();
    UploadBody body = body(appPackage, plan);
    DeploymentRecord record = new DeploymentRecord(context, slot);
    String warName = inputs.customDeployFolder().orElse(appPackage.baseName());
    context
        .commands()
        .publishTelemetry(
            "TaskDeploymentMethod",
            "AzureWebAppDeployment",
            "{\"deploymentMethod\":\"" + plan.method().telemetryName() + "\"}");
    switch (plan.method()) {
      case ZIP_DEPLOY -> context.log().info(context.loc("PackageDeploymentInitiated"));
      case WAR_DEPLOY -> context.log().info(context.loc("WARPackageDeploymentInitiated"));
      case RUN_FROM_PACKAGE -> {
        context.log().info(context.loc("RunFromPackageInitiated"));
        context.log().info(context.loc("RunFromZipPackageNote"));
      }
    }
    KuduDeployer.Result result =
        deployer.deploy(plan.uploadPath(warName, record.message()), body, baseline);
    if (plan.recordsDeployment()) {
      recordDeployment(kudu, record, result);
    }
    if (!result.succeeded()) {
      deployer.printLog(result);
      throw new TaskException(
          "PackageDeploymentFailed",
          context.loc("PackageDeploymentFailed")
              + " "
              + context.loc("ZipDeployFailed")
              + (result.statusText().isBlank()
                  ? ""
                  : " Kudu: "
                      + io.pipelinetasks.task.TaskCommands.neutraliseCommands(
                          result.statusText(), Set.of())));
    }
    if (context.system().debug()) {
      deployer.printLog(result);
    } else {
      context.log().info(context.loc("DeployLogsURL", result.logUrl()));
    }
    context.log().info(context.loc("PackageDeploymentSuccess"));
    return result;
  }

  private UploadBody body(AppPackage appPackage, DeploymentPlan plan) {
    try {
      return switch (plan.packaging()) {
        case AS_IS -> UploadBody.file(appPackage.path());
        case ZIP_FOLDER -> {
          List<ZipStream.Entry> entries = ZipStream.folderEntries(appPackage.path());
          long files = entries.stream().filter(e -> !e.folder()).count();
          context
              .log()
              .info(
                  context.loc(
                      "ZippingFolder",
                      appPackage.path(),
                      files,
                      KuduDeployer.human(ZipStream.sourceSize(entries))));
          yield UploadBody.zip(entries);
        }
        case ZIP_JAR ->
            UploadBody.zip(
                List.of(
                    ZipStream.Entry.file(
                        appPackage.path().getFileName().toString(), appPackage.path())));
        case ZIP_JAR_WITH_WEB_CONFIG -> {
          String jar = appPackage.path().getFileName().toString();
          yield UploadBody.zip(
              List.of(
                  ZipStream.Entry.file(jar, appPackage.path()),
                  ZipStream.Entry.generated("web.config", JavaWebConfig.forJar(jar))));
        }
      };
    } catch (IOException unreadable) {
      throw new TaskException(
          "InvalidAppServicePackage",
          context.loc("InvalidAppServicePackage", appPackage.path())
              + " "
              + unreadable.getMessage(),
          unreadable);
    }
  }

  /**
   * Writes the deployment record and, after a success, copies the deployment's manifest to it, as
   * the official task does; failures are warnings.
   */
  private void recordDeployment(
      KuduClient kudu, DeploymentRecord record, KuduDeployer.Result result)
      throws InterruptedException {
    Optional<String> id = record.id();
    if (id.isEmpty()) {
      context.log().debug("Not in a build or release: no deployment record is written.");
      return;
    }
    try {
      KuduClient.Response put =
          kudu.putJson("/api/deployments/" + id.get(), record.body(id.get(), result.succeeded()));
      if (put.status() / 100 != 2) {
        context
            .log()
            .warning(
                context.loc(
                    "FailedToUpdateDeploymentHistory", put.status() + " " + put.errorText()));
        return;
      }
      if (!result.succeeded()) {
        return;
      }
      KuduClient.Response manifest =
          kudu.get("/api/vfs/site/deployments/" + result.id() + "/manifest");
      if (manifest.status() == 200) {
        kudu.putBytes(
            "/api/vfs/site/deployments/" + id.get() + "/manifest",
            manifest.body().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException failed) {
      context.log().warning(context.loc("FailedToUpdateDeploymentHistory", failed.getMessage()));
    }
  }

  // ---------------------------------------------------------------- helpers

  private KuduDeployer deployer(KuduClient kudu, Duration timeout) {
    return new KuduDeployer(
        context, kudu, KuduDeployer.Deadline.after(timeout), KuduDeployer.PROGRESS_INTERVAL);
  }

  private KuduClient kudu(String scmHost, Supplier<String> authorization) {
    HttpClient http = KuduClient.httpClient(context.http());
    return new KuduClient(http, URI.create("https://" + scmHost + "/"), authorization);
  }

  private Supplier<String> basic(String user, String password) {
    String header =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return () -> header;
  }

  /** A fresh token for each request (the credential caches it until it is near expiry). */
  private Supplier<String> bearer(AzureAuth auth) {
    TokenRequestContext request = new TokenRequestContext().addScopes(auth.armScope());
    return () -> {
      AccessToken token = auth.credential().getTokenSync(request);
      if (registeredTokens.add(token.getToken())) {
        context.setSecret(token.getToken());
      }
      return "Bearer " + token.getToken();
    };
  }

  private void telemetryAuth(String method) {
    context
        .commands()
        .publishTelemetry(
            "TaskDeploymentMethod",
            "AzureAppServiceDeployment",
            "{\"authMethod\":\"" + method + "\"}");
  }

  private void setApplicationUrl(String url) {
    context.log().info(context.loc("AppServiceApplicationURL", url));
    context.setVariable(OUTPUT_VARIABLE, url);
  }

  private Optional<String> resourceGroup() {
    Optional<String> group =
        inputs.resourceGroupName().map(String::strip).filter(g -> !g.isEmpty());
    if (!inputs.deployToSlotOrASE() && group.isPresent()) {
      context
          .log()
          .warning(context.loc("HiddenInputIgnoredWarning", "resourceGroupName", group.get()));
    }
    return group;
  }

  /** The slot, unless it is {@code production} (in any case), which means the site itself. */
  private Optional<String> slot() {
    String slot = inputs.slotName().strip();
    if (slot.isEmpty() || slot.equalsIgnoreCase("production")) {
      return Optional.empty();
    }
    if (!inputs.deployToSlotOrASE()) {
      context.log().warning(context.loc("HiddenInputIgnoredWarning", "slotName", slot));
    }
    return Optional.of(slot);
  }

  private String packagePattern() {
    return inputs.package_().strip();
  }

  private Duration deploymentTimeout() {
    Optional<String> value =
        context.variable(TIMEOUT_VARIABLE).map(String::strip).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      double minutes = Double.parseDouble(value.get());
      if (!(minutes > 0) || Double.isInfinite(minutes)) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis((long) (minutes * 60_000));
    } catch (NumberFormatException invalid) {
      throw new TaskException("InvalidTimeout", context.loc("InvalidTimeout", value.get()));
    }
  }

  private Map<String, Setting> settings(String input, String text) {
    try {
      return SettingsInput.parse(text);
    } catch (SettingsInput.SyntaxException invalid) {
      throw new TaskException(
          "InvalidSettingsSyntax",
          context.loc("InvalidSettingsSyntax", input, invalid.getMessage()));
    }
  }

  private void refuse(Optional<String> value, String input, String instead) {
    if (value.isPresent() && !value.get().isBlank()) {
      throw new TaskException("UnsupportedInput", context.loc("UnsupportedInput", input, instead));
    }
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }

  private static List<String> names(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static ExecutorService pool() {
    return Executors.newFixedThreadPool(
        4,
        task -> {
          Thread thread = new Thread(task, "webapp-arm");
          thread.setDaemon(true);
          return thread;
        });
  }

  private static TaskException taskException(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TaskException own) {
        return own;
      }
      if (cause instanceof com.azure.core.management.exception.ManagementException arm) {
        return AppServiceSite.armFailure("An ARM request", arm);
      }
    }
    return null;
  }
}
