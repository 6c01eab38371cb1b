package io.pipelinetasks.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An App Service web app ({@code Microsoft.Web/sites}), served by ARM, by Kudu at {@code
 * <name>.scm.azurewebsites.net} and as content at {@code <name>.azurewebsites.net}. A slot {@code
 * s} is served at {@code <name>-s.azurewebsites.net} and {@code <name>-s.scm.azurewebsites.net}.
 *
 * @param subscriptionId the subscription
 * @param resourceGroup the resource group
 * @param name the site name
 * @param os Linux or Windows
 * @param runtime {@code linuxFxVersion} on Linux (such as {@code NODE|20-lts}), {@code
 *     netFrameworkVersion} on Windows
 * @param slots deployment slot names besides production
 * @param basicAuthAllowed the initial {@code basicPublishingCredentialsPolicies/scm} value: whether
 *     Kudu accepts the publishing credentials over Basic authentication
 * @param appSettings initial application settings
 * @param deploymentDuration how long a Kudu deployment takes before it reaches its final status
 * @param deploymentFailure {@code null} for deployments that succeed, otherwise the message of the
 *     Kudu log entry with which every deployment fails
 */
public record WebApp(
    String subscriptionId,
    String resourceGroup,
    String name,
    Os os,
    String runtime,
    List<String> slots,
    boolean basicAuthAllowed,
    Map<String, String> appSettings,
    Duration deploymentDuration,
    String deploymentFailure) {

  /** The operating system of the App Service plan. */
  public enum Os {
    /** Kind {@code app,linux}. */
    LINUX,
    /** Kind {@code app}. */
    WINDOWS
  }

  /** Checks and copies the fields. */
  public WebApp {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(os, "os");
    runtime = runtime == null ? (os == Os.LINUX ? "NODE|20-lts" : "v4.0") : runtime;
    slots = List.copyOf(slots == null ? List.of() : slots);
    appSettings =
        appSettings == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(appSettings));
    deploymentDuration = deploymentDuration == null ? Duration.ZERO : deploymentDuration;
  }

  /** A Linux web app with basic authentication allowed and no slots. */
  public static WebApp linux(String subscriptionId, String resourceGroup, String name) {
    return new WebApp(
        subscriptionId, resourceGroup, name, Os.LINUX, null, null, true, null, null, null);
  }

  /** A Windows web app with basic authentication allowed and no slots. */
  public static WebApp windows(String subscriptionId, String resourceGroup, String name) {
    return new WebApp(
        subscriptionId, resourceGroup, name, Os.WINDOWS, null, null, true, null, null, null);
  }

  /** The same app with another runtime. */
  public WebApp withRuntime(String value) {
    return new WebApp(
        subscriptionId,
        resourceGroup,
        name,
        os,
        value,
        slots,
        basicAuthAllowed,
        appSettings,
        deploymentDuration,
        deploymentFailure);
  }

  /** The same app with one more slot. */
  public WebApp withSlot(String slot) {
    List<String> list = new ArrayList<>(slots);
    list.add(Objects.requireNonNull(slot, "slot"));
    return new WebApp(
        subscriptionId,
        resourceGroup,
        name,
        os,
        runtime,
        list,
        basicAuthAllowed,
        appSettings,
        deploymentDuration,
        deploymentFailure);
  }

  /** The same app with basic authentication to Kudu allowed or not. */
  public WebApp withBasicAuth(boolean allowed) {
    return new WebApp(
        subscriptionId,
        resourceGroup,
        name,
        os,
        runtime,
        slots,
        allowed,
        appSettings,
        deploymentDuration,
        deploymentFailure);
  }

  /** The same app with one more application setting. */
  public WebApp withAppSetting(String key, String value) {
    Map<String, String> map = new LinkedHashMap<>(appSettings);
    map.put(key, value);
    return new WebApp(
        subscriptionId,
        resourceGroup,
        name,
        os,
        runtime,
        slots,
        basicAuthAllowed,
        map,
        deploymentDuration,
        deploymentFailure);
  }

  /** The same app with deployments that take {@code duration}. */
  public WebApp withDeploymentDuration(Duration duration) {
    return new WebApp(
        subscriptionId,
        resourceGroup,
        name,
        os,
        runtime,
        slots,
        basicAuthAllowed,
        appSettings,
        duration,
        deploymentFailure);
  }

  /** The same app with deployments that fail with {@code message} in the Kudu log. */
  public WebApp withFailingDeployments(String message) {
    return new WebApp(
        subscriptionId,
        resourceGroup,
        name,
        os,
        runtime,
        slots,
        basicAuthAllowed,
        appSettings,
        deploymentDuration,
        Objects.requireNonNull(message, "message"));
  }

  /** The ARM resource id. */
  public String resourceId() {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.Web/sites/"
        + name;
  }
}
