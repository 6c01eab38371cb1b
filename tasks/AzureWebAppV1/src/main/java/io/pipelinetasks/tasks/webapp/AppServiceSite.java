package io.pipelinetasks.tasks.webapp;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.appservice.AppServiceManager;
import com.azure.resourcemanager.appservice.fluent.WebAppsClient;
import com.azure.resourcemanager.appservice.fluent.models.SiteConfigResourceInner;
import com.azure.resourcemanager.appservice.fluent.models.SiteInner;
import com.azure.resourcemanager.appservice.fluent.models.SlotConfigNamesResourceInner;
import com.azure.resourcemanager.appservice.fluent.models.StringDictionaryInner;
import com.azure.resourcemanager.appservice.fluent.models.UserInner;
import com.azure.resourcemanager.appservice.models.HostType;
import com.azure.resourcemanager.appservice.models.HostnameSslState;
import com.azure.resourcemanager.resources.fluent.models.GenericResourceExpandedInner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.TaskContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One App Service site or slot as ARM describes it, with the ARM calls the deployment makes on it.
 * Reads and writes go through the ARM SDK's typed client ({@code azure-resourcemanager-appservice})
 * and its pipeline (token, retries with {@code Retry-After}); only the {@code config/web} patch is
 * sent as JSON, so any site configuration property the user names reaches ARM unchanged.
 */
final class AppServiceSite {
  private static final String CONFIG_API_VERSION = "2024-11-01";

  private final AppServiceManager manager;
  private final String resourceGroup;
  private final String name;
  private final Optional<String> slot;
  private final SiteInner site;

  private AppServiceSite(
      AppServiceManager manager,
      String resourceGroup,
      String name,
      Optional<String> slot,
      SiteInner site) {
    this.manager = manager;
    this.resourceGroup = resourceGroup;
    this.name = name;
    this.slot = slot;
    this.site = site;
  }

  /**
   * Finds the site, or its slot. Without a resource group the app is looked up by name in the
   * subscription with the same resources filter as the official task.
   *
   * @throws TaskException {@code ResourceDoesntExist}, {@code
   *     MultipleResourceGroupFoundForAppService} or {@code SlotNotFound}
   */
  static AppServiceSite find(
      TaskContext context,
      AppServiceManager manager,
      String name,
      Optional<String> resourceGroup,
      Optional<String> slot) {
    String group = resourceGroup.orElseGet(() -> resourceGroupOf(context, manager, name));
    WebAppsClient sites = manager.serviceClient().getWebApps();
    try {
      SiteInner site =
          slot.isPresent()
              ? sites.getSlot(group, name, slot.get())
              : sites.getByResourceGroup(group, name);
      if (site == null) {
        throw notFound(context, name, group, slot);
      }
      return new AppServiceSite(manager, group, name, slot, site);
    } catch (ManagementException failed) {
      if (failed.getResponse() != null && failed.getResponse().getStatusCode() == 404) {
        throw notFound(context, name, group, slot);
      }
      throw armFailure("Reading the app", failed);
    }
  }

  private static TaskException notFound(
      TaskContext context, String name, String group, Optional<String> slot) {
    return slot.isPresent()
        ? new TaskException("SlotNotFound", context.loc("SlotNotFound", slot.get(), name, group))
        : new TaskException("ResourceDoesntExist", context.loc("ResourceDoesntExist", name));
  }

  private static String resourceGroupOf(
      TaskContext context, AppServiceManager manager, String name) {
    String filter =
        "resourceType EQ 'Microsoft.Web/Sites' AND name EQ '" + name.replace("'", "''") + "'";
    List<String> ids = new ArrayList<>();
    try {
      for (GenericResourceExpandedInner resource :
          manager
              .resourceManager()
              .serviceClient()
              .getResources()
              .list(filter, null, null, Context.NONE)) {
        ids.add(resource.id());
      }
    } catch (ManagementException failed) {
      throw armFailure("Looking up the app's resource group", failed);
    }
    if (ids.isEmpty()) {
      throw new TaskException("ResourceDoesntExist", context.loc("ResourceDoesntExist", name));
    }
    if (ids.size() > 1) {
      throw new TaskException(
          "MultipleResourceGroupFoundForAppService",
          context.loc("MultipleResourceGroupFoundForAppService", name));
    }
    String[] parts = ids.get(0).split("/");
    return parts.length > 4 ? parts[4] : "";
  }

  /** {@code app} or {@code app/slot}, for messages. */
  String label() {
    return slot.map(s -> name + "/" + s).orElse(name);
  }

  Optional<String> slot() {
    return slot;
  }

  /** The site's kind, such as {@code app,linux}. */
  String kind() {
    return site.kind() == null ? "" : site.kind();
  }

  /**
   * The SCM (Kudu) host ARM reports: the host name of type Repository, else an enabled host name
   * with {@code .scm.} in it. Never built from the default host name.
   */
  Optional<String> scmHost() {
    List<HostnameSslState> states = site.hostnameSslStates();
    if (states != null) {
      for (HostnameSslState state : states) {
        if (state.hostType() == HostType.REPOSITORY && state.name() != null) {
          return Optional.of(state.name());
        }
      }
    }
    List<String> enabled = site.enabledHostNames();
    if (enabled != null) {
      for (String host : enabled) {
        if (host.toLowerCase(Locale.ROOT).contains(".scm.")) {
          return Optional.of(host);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code https://} and the site's default host name: what the publish profile would say. */
  Optional<String> applicationUrl() {
    return Optional.ofNullable(site.defaultHostname())
        .filter(h -> !h.isBlank())
        .map(h -> "https://" + h);
  }

  /**
   * Whether Kudu takes the publishing credentials over Basic authentication ({@code
   * basicPublishingCredentialsPolicies/scm}).
   */
  boolean basicAuthAllowed() {
    WebAppsClient sites = manager.serviceClient().getWebApps();
    var policy =
        slot.isPresent()
            ? sites.getScmAllowedSlot(resourceGroup, name, slot.get())
            : sites.getScmAllowed(resourceGroup, name);
    return policy != null && Boolean.TRUE.equals(policy.allow());
  }

  /** The publishing user and password. */
  UserInner publishingCredentials() {
    WebAppsClient sites = manager.serviceClient().getWebApps();
    return slot.isPresent()
        ? sites.listPublishingCredentialsSlot(resourceGroup, name, slot.get())
        : sites.listPublishingCredentials(resourceGroup, name);
  }

  /** The application settings. */
  Map<String, String> appSettings() {
    WebAppsClient sites = manager.serviceClient().getWebApps();
    try {
      StringDictionaryInner settings =
          slot.isPresent()
              ? sites.listApplicationSettingsSlot(resourceGroup, name, slot.get())
              : sites.listApplicationSettings(resourceGroup, name);
      return copy(settings);
    } catch (ManagementException failed) {
      throw armFailure("Reading the application settings", failed);
    }
  }

  /**
   * Replaces the application settings with this bag, as ARM's API requires.
   *
   * @return the settings ARM now holds
   */
  Map<String, String> replaceAppSettings(Map<String, String> settings) {
    WebAppsClient sites = manager.serviceClient().getWebApps();
    StringDictionaryInner body = new StringDictionaryInner().withProperties(settings);
    try {
      StringDictionaryInner updated =
          slot.isPresent()
              ? sites.updateApplicationSettingsSlot(resourceGroup, name, slot.get(), body)
              : sites.updateApplicationSettings(resourceGroup, name, body);
      return copy(updated);
    } catch (ManagementException failed) {
      throw armFailure("Updating the application settings", failed);
    }
  }

  private static Map<String, String> copy(StringDictionaryInner settings) {
    Map<String, String> copy = new LinkedHashMap<>();
    if (settings != null && settings.properties() != null) {
      settings.properties().forEach((key, value) -> copy.put(key, value == null ? "" : value));
    }
    return copy;
  }

  /** The site configuration ({@code config/web}). */
  SiteConfigResourceInner configuration() {
    WebAppsClient sites = manager.serviceClient().getWebApps();
    try {
      return slot.isPresent()
          ? sites.getConfigurationSlot(resourceGroup, name, slot.get())
          : sites.getConfiguration(resourceGroup, name);
    } catch (ManagementException failed) {
      throw armFailure("Reading the site configuration", failed);
    }
  }

  /**
   * Patches {@code config/web} with these properties, sent as given so that any property ARM knows
   * can be set.
   */
  void patchConfiguration(ObjectNode properties) {
    ObjectNode body = KuduClient.JSON.createObjectNode();
    body.set("properties", properties);
    String url =
        manager.environment().getResourceManagerEndpoint().replaceAll("/+$", "")
            + site.id()
            + "/config/web?api-version="
            + CONFIG_API_VERSION;
    HttpRequest request =
        new HttpRequest(HttpMethod.PATCH, url)
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
            .setBody(body.toString());
    try (HttpResponse response = manager.httpPipeline().sendSync(request, Context.NONE)) {
      int status = response.getStatusCode();
      if (status / 100 != 2) {
        String text = response.getBodyAsBinaryData().toString();
        throw new TaskException(
            "ArmRequestFailed",
            "Updating the site configuration failed: ARM answered "
                + status
                + ": "
                + (text.length() > 1000 ? text.substring(0, 1000) + "..." : text));
      }
    }
  }

  /**
   * The names of settings that stick to their slot, which ARM keeps on the production site.
   *
   * @param appSettingNames the app setting names
   * @param inner ARM's document, whose other name lists a write must keep
   */
  record SlotSettingNames(List<String> appSettingNames, SlotConfigNamesResourceInner inner) {}

  SlotSettingNames slotSettingNames() {
    try {
      SlotConfigNamesResourceInner names =
          manager.serviceClient().getWebApps().listSlotConfigurationNames(resourceGroup, name);
      return new SlotSettingNames(
          names == null || names.appSettingNames() == null
              ? List.of()
              : List.copyOf(names.appSettingNames()),
          names == null ? new SlotConfigNamesResourceInner() : names);
    } catch (ManagementException failed) {
      throw armFailure("Reading the slot setting names", failed);
    }
  }

  void replaceSlotSettingNames(SlotSettingNames current, List<String> appSettingNames) {
    SlotConfigNamesResourceInner body =
        new SlotConfigNamesResourceInner()
            .withAppSettingNames(appSettingNames)
            .withConnectionStringNames(current.inner().connectionStringNames())
            .withAzureStorageConfigNames(current.inner().azureStorageConfigNames());
    try {
      manager.serviceClient().getWebApps().updateSlotConfigurationNames(resourceGroup, name, body);
    } catch (ManagementException failed) {
      throw armFailure("Updating the slot setting names", failed);
    }
  }

  /** A failure of an ARM call, with ARM's error code and message (which never hold secrets). */
  static TaskException armFailure(String what, ManagementException failed) {
    String detail =
        failed.getValue() != null
            ? failed.getValue().getCode() + ": " + failed.getValue().getMessage()
            : failed.getMessage();
    int status = failed.getResponse() == null ? 0 : failed.getResponse().getStatusCode();
    return new TaskException(
        "ArmRequestFailed",
        what + " failed: ARM answered " + status + " " + Objects.toString(detail, ""),
        failed);
  }
}
