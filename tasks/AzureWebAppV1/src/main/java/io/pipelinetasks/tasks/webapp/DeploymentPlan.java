package io.pipelinetasks.tasks.webapp;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.tasks.webapp.AzureWebAppInputs.DeploymentMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How a package goes to an app: the official task's provider matrix (which Kudu API, and which app
 * settings change before the upload), decided before any network call.
 *
 * @param method the Kudu deployment API
 * @param removeSettings app settings to delete before the upload
 * @param setSettings app settings to set before the upload
 * @param packaging how the package becomes the upload body
 */
record DeploymentPlan(
    Method method,
    List<String> removeSettings,
    Map<String, String> setSettings,
    Packaging packaging) {

  static final String RUN_FROM_PACKAGE = "WEBSITE_RUN_FROM_PACKAGE";
  static final String RUN_FROM_ZIP = "WEBSITE_RUN_FROM_ZIP";
  static final String INIT_SCRIPT = "INIT_SCRIPT";

  /** The Kudu deployment API, with the official task's query strings and telemetry names. */
  enum Method {
    ZIP_DEPLOY("Zip Deploy"),
    RUN_FROM_PACKAGE("Run from Package"),
    WAR_DEPLOY("War Deploy");

    private final String telemetryName;

    Method(String telemetryName) {
      this.telemetryName = telemetryName;
    }

    String telemetryName() {
      return telemetryName;
    }
  }

  /** How the package becomes the bytes that are uploaded. */
  enum Packaging {
    /** A zip or war file, sent as it is. */
    AS_IS,
    /** A folder, zipped while it uploads. */
    ZIP_FOLDER,
    /** A jar, put into a zip of its own (Linux). */
    ZIP_JAR,
    /** A jar, put into a zip with a web.config that starts it (Windows). */
    ZIP_JAR_WITH_WEB_CONFIG
  }

  DeploymentPlan {
    Objects.requireNonNull(method, "method");
    removeSettings = List.copyOf(removeSettings);
    setSettings = Map.copyOf(setSettings);
    Objects.requireNonNull(packaging, "packaging");
  }

  /**
   * Chooses the plan.
   *
   * @param linux whether the app runs on Linux ({@code appType})
   * @param kind the package's kind
   * @param requested the {@code deploymentMethod} input, which only Windows apps read
   * @param publishProfile whether the connection is a publish profile
   * @param msBuildPackage whether the zip is an MSBuild web deploy package; only asked when it
   *     matters
   * @param messages the task's messages, for the errors
   * @throws TaskException {@code MSBuildPackageNotSupported} for an MSBuild package on Windows
   */
  static DeploymentPlan choose(
      boolean linux,
      AppPackage.Kind kind,
      DeploymentMethod requested,
      boolean publishProfile,
      BooleanSupplier msBuildPackage,
      java.util.function.Function<String, String> messages) {
    Packaging packaging =
        switch (kind) {
          case FOLDER -> Packaging.ZIP_FOLDER;
          case ZIP, WAR -> Packaging.AS_IS;
          case JAR -> linux ? Packaging.ZIP_JAR : Packaging.ZIP_JAR_WITH_WEB_CONFIG;
        };
    if (kind == AppPackage.Kind.WAR) {
      return new DeploymentPlan(Method.WAR_DEPLOY, List.of(), Map.of(), packaging);
    }
    if (linux) {
      List<String> remove = kind == AppPackage.Kind.JAR ? List.of(INIT_SCRIPT) : List.of();
      return new DeploymentPlan(Method.ZIP_DEPLOY, remove, Map.of(), packaging);
    }
    List<String> notRunFromPackage = List.of(RUN_FROM_PACKAGE, RUN_FROM_ZIP);
    if (kind == AppPackage.Kind.JAR) {
      return new DeploymentPlan(Method.ZIP_DEPLOY, notRunFromPackage, Map.of(), packaging);
    }
    if (msBuildPackage.getAsBoolean()) {
      throw new TaskException(
          "MSBuildPackageNotSupported", messages.apply("MSBuildPackageNotSupported"));
    }
    boolean runFromPackage =
        requested == DeploymentMethod.RUN_FROM_PACKAGE
            || (requested == DeploymentMethod.AUTO && !publishProfile);
    if (runFromPackage) {
      return new DeploymentPlan(
          Method.RUN_FROM_PACKAGE, List.of(RUN_FROM_ZIP), Map.of(RUN_FROM_PACKAGE, "1"), packaging);
    }
    return new DeploymentPlan(Method.ZIP_DEPLOY, notRunFromPackage, Map.of(), packaging);
  }

  /**
   * The Kudu path and query string of the upload.
   *
   * @param warName the folder a war deploys into
   * @param message the deployment message JSON the official task sends with run-from-package and
   *     war deployments
   */
  String uploadPath(String warName, String message) {
    String encoded = URLEncoder.encode(message, StandardCharsets.UTF_8);
    return switch (method) {
      case ZIP_DEPLOY -> "/api/zipdeploy?isAsync=true&deployer=VSTS_ZIP_DEPLOY";
      case RUN_FROM_PACKAGE -> "/api/zipdeploy?isAsync=true&deployer=VSTS&message=" + encoded;
      case WAR_DEPLOY ->
          "/api/wardeploy?isAsync=true&name="
              + URLEncoder.encode(warName, StandardCharsets.UTF_8)
              + "&message="
              + encoded;
    };
  }

  /** Whether the plan changes app settings before the upload. */
  boolean changesSettings() {
    return !removeSettings.isEmpty() || !setSettings.isEmpty();
  }

  /** Whether Kudu gets a deployment record afterwards; run-from-package writes none. */
  boolean recordsDeployment() {
    return method != Method.RUN_FROM_PACKAGE;
  }
}
