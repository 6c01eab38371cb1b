package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.emulator.KeyVault;
import io.pipelinetasks.emulator.ResourceGroup;
import io.pipelinetasks.emulator.Subscription;
import io.pipelinetasks.emulator.WebApp;
import java.util.Map;

/**
 * The JSON documents ARM returns for the emulated resources, shaped so that the ARM SDK for Java
 * deserialises them (it reads the site, {@code config/web} and {@code config/logs}).
 */
final class ArmDocuments {
  private ArmDocuments() {}

  static ObjectNode subscription(Subscription subscription) {
    ObjectNode node = Json.object();
    node.put("id", "/subscriptions/" + subscription.id());
    node.put("authorizationSource", "RoleBased");
    node.putArray("managedByTenants");
    node.put("subscriptionId", subscription.id());
    node.put("tenantId", subscription.tenantId());
    node.put("displayName", subscription.displayName());
    node.put("state", "Enabled");
    ObjectNode policies = node.putObject("subscriptionPolicies");
    policies.put("locationPlacementId", "Public_2014-09-01");
    policies.put("quotaId", "PayAsYouGo_2014-09-01");
    policies.put("spendingLimit", "Off");
    return node;
  }

  static ObjectNode resourceGroup(ResourceGroup group) {
    ObjectNode node = Json.object();
    node.put("id", "/subscriptions/" + group.subscriptionId() + "/resourceGroups/" + group.name());
    node.put("name", group.name());
    node.put("type", "Microsoft.Resources/resourceGroups");
    node.put("location", group.location());
    node.putObject("properties").put("provisioningState", "Succeeded");
    return node;
  }

  static String kind(Model.Site site) {
    return site.linux() ? "app,linux" : "app";
  }

  static String defaultHostName(Model.Site site, int port) {
    return site.label + ".azurewebsites.net:" + port;
  }

  static String scmHostName(Model.Site site, int port) {
    return site.label + ".scm.azurewebsites.net:" + port;
  }

  static ObjectNode site(Model.Site site, String location, int port) {
    String host = defaultHostName(site, port);
    String scm = scmHostName(site, port);
    ObjectNode node = Json.object();
    node.put("id", site.resourceId());
    node.put("name", site.displayName());
    node.put("type", site.slot == null ? "Microsoft.Web/sites" : "Microsoft.Web/sites/slots");
    node.put("kind", kind(site));
    node.put("location", location);
    node.putObject("tags");
    ObjectNode p = node.putObject("properties");
    p.put("name", site.displayName());
    p.put("state", site.state);
    p.putArray("hostNames").add(host);
    p.put("webSpace", site.app.resourceGroup() + "-" + location + "webspace");
    p.put("selfLink", "https://emulator/subscriptions/" + site.app.subscriptionId());
    p.put("repositorySiteName", site.app.name());
    p.put("usageState", "Normal");
    p.put("enabled", true);
    p.putArray("enabledHostNames").add(host).add(scm);
    p.put("availabilityState", "Normal");
    ArrayNode ssl = p.putArray("hostNameSslStates");
    hostState(ssl.addObject(), host, "Standard");
    hostState(ssl.addObject(), scm, "Repository");
    p.put(
        "serverFarmId",
        "/subscriptions/"
            + site.app.subscriptionId()
            + "/resourceGroups/"
            + site.app.resourceGroup()
            + "/providers/Microsoft.Web/serverfarms/"
            + site.app.name()
            + "-plan");
    p.put("reserved", site.linux());
    p.put("isXenon", false);
    p.put("hyperV", false);
    p.put("lastModifiedTimeUtc", "2026-01-01T00:00:00Z");
    p.putNull("siteConfig");
    p.put("scmSiteAlsoStopped", false);
    p.put("clientAffinityEnabled", true);
    p.put("clientCertEnabled", false);
    p.put("clientCertMode", "Required");
    p.put("hostNamesDisabled", false);
    p.put("customDomainVerificationId", Model.stableHex("domain/" + site.app.name()).toUpperCase());
    p.put("outboundIpAddresses", "127.0.0.1");
    p.put("possibleOutboundIpAddresses", "127.0.0.1");
    p.put("containerSize", 0);
    p.put("dailyMemoryTimeQuota", 0);
    p.put("resourceGroup", site.app.resourceGroup());
    p.put("defaultHostName", host);
    p.put("httpsOnly", true);
    p.put("redundancyMode", "None");
    p.put("publicNetworkAccess", "Enabled");
    p.put("keyVaultReferenceIdentity", "SystemAssigned");
    p.put("kind", kind(site));
    return node;
  }

  private static void hostState(ObjectNode node, String name, String hostType) {
    node.put("name", name);
    node.put("sslState", "Disabled");
    node.put("ipBasedSslState", "NotConfigured");
    node.put("hostType", hostType);
  }

  static ObjectNode initialSiteConfig(WebApp app) {
    ObjectNode p = Json.object();
    p.put("numberOfWorkers", 1);
    p.putArray("defaultDocuments").add("index.html").add("default.html").add("hostingstart.html");
    boolean linux = app.os() == WebApp.Os.LINUX;
    p.put("netFrameworkVersion", linux ? "v4.0" : app.runtime());
    p.put("phpVersion", "");
    p.put("pythonVersion", "");
    p.put("nodeVersion", "");
    p.put("powerShellVersion", "");
    p.put("linuxFxVersion", linux ? app.runtime() : "");
    p.putNull("windowsFxVersion");
    p.put("requestTracingEnabled", false);
    p.put("remoteDebuggingEnabled", false);
    p.put("httpLoggingEnabled", false);
    p.put("acrUseManagedIdentityCreds", false);
    p.put("logsDirectorySizeLimit", 35);
    p.put("detailedErrorLoggingEnabled", false);
    p.put("publishingUsername", "$" + app.name());
    p.put("scmType", "None");
    p.put("use32BitWorkerProcess", !linux);
    p.put("webSocketsEnabled", false);
    p.put("alwaysOn", false);
    p.put("appCommandLine", "");
    p.put("managedPipelineMode", "Integrated");
    ObjectNode root = p.putArray("virtualApplications").addObject();
    root.put("virtualPath", "/");
    root.put("physicalPath", "site\\wwwroot");
    root.put("preloadEnabled", false);
    p.put("loadBalancing", "LeastRequests");
    p.putObject("experiments").putArray("rampUpRules");
    p.put("autoHealEnabled", false);
    p.put("vnetRouteAllEnabled", false);
    p.put("http20Enabled", false);
    p.put("minTlsVersion", "1.2");
    p.put("scmMinTlsVersion", "1.2");
    p.put("ftpsState", "FtpsOnly");
    p.put("preWarmedInstanceCount", 0);
    p.put("functionsRuntimeScaleMonitoringEnabled", false);
    p.put("minimumElasticInstanceCount", 0);
    p.putObject("azureStorageAccounts");
    return p;
  }

  static ObjectNode config(Model.Site site, String name, String location, ObjectNode properties) {
    ObjectNode node = Json.object();
    node.put("id", site.resourceId() + "/config/" + name);
    node.put("name", name);
    node.put(
        "type",
        site.slot == null ? "Microsoft.Web/sites/config" : "Microsoft.Web/sites/slots/config");
    node.put("location", location);
    node.set("properties", properties);
    return node;
  }

  static ObjectNode logsConfig() {
    ObjectNode p = Json.object();
    ObjectNode application = p.putObject("applicationLogs");
    application.putObject("fileSystem").put("level", "Off");
    application.putNull("azureTableStorage");
    application.putNull("azureBlobStorage");
    ObjectNode http = p.putObject("httpLogs");
    ObjectNode fileSystem = http.putObject("fileSystem");
    fileSystem.put("retentionInMb", 35);
    fileSystem.putNull("retentionInDays");
    fileSystem.put("enabled", false);
    http.putNull("azureBlobStorage");
    p.putObject("failedRequestsTracing").put("enabled", false);
    p.putObject("detailedErrorMessages").put("enabled", false);
    return p;
  }

  static ObjectNode stringMap(Map<String, String> map) {
    ObjectNode node = Json.object();
    map.forEach(node::put);
    return node;
  }

  static ObjectNode vault(KeyVault vault, Model model, String location, int port) {
    ObjectNode node = Json.object();
    node.put("id", vault.resourceId());
    node.put("name", vault.name());
    node.put("type", "Microsoft.KeyVault/vaults");
    node.put("location", location);
    node.putObject("tags");
    ObjectNode p = node.putObject("properties");
    ObjectNode sku = p.putObject("sku");
    sku.put("family", "A");
    sku.put("name", "standard");
    p.put("tenantId", vault.tenantId());
    ArrayNode policies = p.putArray("accessPolicies");
    for (KeyVault.AccessPolicy policy : vault.accessPolicies()) {
      ObjectNode entry = policies.addObject();
      entry.put("tenantId", vault.tenantId());
      entry.put("objectId", model.resolvePrincipal(policy.principal()));
      ObjectNode permissions = entry.putObject("permissions");
      permissions.putArray("keys");
      ArrayNode secrets = permissions.putArray("secrets");
      policy.secretPermissions().stream().sorted().forEach(secrets::add);
      permissions.putArray("certificates");
    }
    p.put("enabledForDeployment", false);
    p.put("enabledForDiskEncryption", false);
    p.put("enabledForTemplateDeployment", false);
    p.put("enableSoftDelete", true);
    p.put("softDeleteRetentionInDays", 90);
    p.put("enableRbacAuthorization", vault.accessPolicies().isEmpty());
    p.put("vaultUri", "https://" + vault.name() + ".vault.azure.net:" + port + "/");
    p.put("provisioningState", "Succeeded");
    p.put("publicNetworkAccess", "Enabled");
    return node;
  }
}
