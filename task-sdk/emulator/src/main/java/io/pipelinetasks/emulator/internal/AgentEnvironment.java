package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.emulator.DevOpsOrganization;
import io.pipelinetasks.emulator.KeyVault;
import io.pipelinetasks.emulator.ServiceConnection;
import io.pipelinetasks.emulator.Subscription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment the Azure Pipelines agent would give a task in a job of an emulated organisation,
 * following the agent's variable families and casing rules, plus the variables the real {@code az}
 * and managed-identity clients need to reach the emulator.
 */
public final class AgentEnvironment {
  private AgentEnvironment() {}

  /** The agent environment for {@code organization}. */
  public static Map<String, String> agent(Server server, String organization, Path caPem) {
    Model model = server.model();
    Model.Org org =
        organization == null
            ? model.organizations.values().stream().findFirst().orElse(null)
            : model.organization(organization);
    if (org == null) {
      throw new IllegalArgumentException(
          organization == null
              ? "No Azure DevOps organisation is configured; add one or use demo()"
              : "No Azure DevOps organisation named " + organization);
    }
    Endpoints endpoints = server.endpoints();
    DevOpsOrganization config = org.config();
    String collection = collectionUri(endpoints, config);
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> publicVariables = new LinkedHashMap<>();
    publicVariables.put("System.CollectionUri", collection);
    publicVariables.put("System.TeamFoundationCollectionUri", collection);
    publicVariables.put("System.TeamFoundationServerUri", collection);
    publicVariables.put("System.CollectionId", config.id());
    publicVariables.put("System.TeamProjectId", config.projectId());
    publicVariables.put("System.TeamProject", config.project());
    publicVariables.put("System.PlanId", config.planId());
    publicVariables.put("System.JobId", config.jobId());
    publicVariables.put("System.HostType", "build");
    publicVariables.put("System.ServerType", "Hosted");
    publicVariables.put("System.OidcRequestUri", oidcRequestUri(endpoints, config));
    publicVariables.put("Build.BuildId", "1");
    publicVariables.put("Build.BuildNumber", "20260101.1");
    publicVariables.put("Agent.CAInfo", caPem.toString());
    publicVariables.forEach((name, value) -> env.put(variableName(name), value));
    env.put("SECRET_SYSTEM_ACCESSTOKEN", org.accessToken());
    env.put("VSTS_PUBLIC_VARIABLES", Json.string(new ArrayList<>(publicVariables.keySet())));
    env.put("VSTS_SECRET_VARIABLES", Json.string(List.of("System.AccessToken")));
    env.put("TF_BUILD", "True");

    Map<String, String> systemAuth = new LinkedHashMap<>();
    systemAuth.put("AccessToken", org.accessToken());
    endpoint(env, "SYSTEMVSSCONNECTION", collection, "OAuth", systemAuth, null);

    for (ServiceConnection connection : config.connections()) {
      Map<String, String> auth = authParameters(server, org, connection);
      Map<String, String> data = dataParameters(model, endpoints, connection);
      for (String key : List.of(connection.id(), connection.name())) {
        endpoint(env, key, endpoints.origin() + "/", connection.scheme().wireName(), auth, data);
      }
    }
    return env;
  }

  static String collectionUri(Endpoints endpoints, DevOpsOrganization config) {
    return endpoints.origin() + "/" + config.name() + "/";
  }

  static String oidcRequestUri(Endpoints endpoints, DevOpsOrganization config) {
    return collectionUri(endpoints, config)
        + config.projectId()
        + "/_apis/distributedtask/hubs/build/plans/"
        + config.planId()
        + "/jobs/"
        + config.jobId()
        + "/oidctoken";
  }

  private static Map<String, String> authParameters(
      Server server, Model.Org org, ServiceConnection connection) {
    Map<String, String> auth = new LinkedHashMap<>();
    switch (connection.scheme()) {
      case WORKLOAD_IDENTITY_FEDERATION -> {
        String[] identity = server.federatedIdentity(org.config().name(), connection.id());
        auth.put("serviceprincipalid", connection.clientId());
        auth.put("tenantid", connection.tenantId());
        auth.put("workloadIdentityFederationIssuer", identity[0]);
        auth.put("workloadIdentityFederationSubject", identity[1]);
      }
      case SERVICE_PRINCIPAL -> {
        auth.put("serviceprincipalid", connection.clientId());
        if (connection.clientSecret() != null) {
          auth.put("authenticationType", "spnKey");
          auth.put("serviceprincipalkey", connection.clientSecret());
        } else {
          auth.put("authenticationType", "spnCertificate");
          auth.put("servicePrincipalCertificate", server.model().certificatePem(connection));
        }
        auth.put("tenantid", connection.tenantId());
      }
      case MANAGED_SERVICE_IDENTITY -> auth.put("tenantid", connection.tenantId());
    }
    return auth;
  }

  private static Map<String, String> dataParameters(
      Model model, Endpoints endpoints, ServiceConnection connection) {
    Subscription subscription = model.subscription(connection.subscriptionId());
    String origin = endpoints.origin();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("environment", endpoints.cloudName());
    data.put("scopeLevel", "Subscription");
    data.put("subscriptionId", subscription.id());
    data.put("subscriptionName", subscription.displayName());
    data.put("creationMode", "Manual");
    data.put("activeDirectoryAuthority", origin + "/");
    data.put("environmentAuthorityUrl", origin + "/");
    data.put("activeDirectoryServiceEndpointResourceId", "https://management.core.windows.net/");
    data.put("AzureKeyVaultDnsSuffix", endpoints.keyVaultDnsSuffix());
    data.put("AzureKeyVaultServiceEndpointResourceId", "https://vault.azure.net");
    data.put("graphUrl", "https://graph.windows.net/");
    data.put("microsoftGraphUrl", "https://graph.microsoft.com/");
    data.put("galleryUrl", origin + "/gallery/");
    data.put("armManagementPortalUrl", origin + "/portal/");
    data.put("serviceManagementUrl", "https://management.core.windows.net/");
    if (connection.scheme() == ServiceConnection.Scheme.MANAGED_SERVICE_IDENTITY
        && connection.clientId() != null) {
      data.put("msiclientId", connection.clientId());
    }
    return data;
  }

  private static void endpoint(
      Map<String, String> env,
      String id,
      String url,
      String scheme,
      Map<String, String> auth,
      Map<String, String> data) {
    env.put("ENDPOINT_URL_" + id, url);
    ObjectNode authorization = Json.object();
    ObjectNode parameters = authorization.putObject("parameters");
    auth.forEach(parameters::put);
    authorization.put("scheme", scheme);
    env.put("ENDPOINT_AUTH_" + id, Json.string(authorization));
    env.put("ENDPOINT_AUTH_SCHEME_" + id, scheme);
    auth.forEach(
        (key, value) -> env.put("ENDPOINT_AUTH_PARAMETER_" + id + "_" + keyName(key), value));
    if (data != null) {
      ObjectNode json = Json.object();
      data.forEach(json::put);
      env.put("ENDPOINT_DATA_" + id, Json.string(json));
      data.forEach((key, value) -> env.put("ENDPOINT_DATA_" + id + "_" + keyName(key), value));
    }
  }

  /** The agent's rule: '.' and ' ' become '_', then upper case. */
  static String variableName(String name) {
    return name.replace('.', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
  }

  private static String keyName(String key) {
    return variableName(key);
  }

  /** What the real {@code az} needs to reach the emulator (ADFS-style cloud, CA bundle). */
  public static Map<String, String> azureCli(Endpoints endpoints, Path caPem) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(
        "ARM_CLOUD_METADATA_URL",
        endpoints.origin() + "/metadata/endpoints?api-version=2022-09-01");
    env.put("REQUESTS_CA_BUNDLE", caPem.toString());
    env.put("SSL_CERT_FILE", caPem.toString());
    env.put("AZURE_CORE_COLLECT_TELEMETRY", "false");
    return env;
  }

  /**
   * Managed-identity variables. MSAL (Java and Python) prefers the App Service form ({@code
   * IDENTITY_ENDPOINT} with {@code IDENTITY_HEADER}) over the IMDS override, so with all of them
   * set clients use the App Service form.
   */
  public static Map<String, String> managedIdentity(Endpoints endpoints, String identityHeader) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("IDENTITY_ENDPOINT", endpoints.managedIdentityOrigin() + "/msi/token");
    env.put("IDENTITY_HEADER", identityHeader);
    env.put("AZURE_POD_IDENTITY_AUTHORITY_HOST", endpoints.managedIdentityOrigin());
    return env;
  }

  /** A human-readable summary of every endpoint and id; never a secret. */
  public static String describe(Server server, Path caPem, Path hostsFile, Path stateDirectory) {
    Model model = server.model();
    Endpoints endpoints = server.endpoints();
    String origin = endpoints.origin();
    StringBuilder out = new StringBuilder();
    out.append("pipelinetasks Azure emulator\n");
    line(out, "Entra ID, ARM, Azure DevOps", origin + "/");
    line(out, "Entra token endpoint", origin + "/<tenant>/oauth2/v2.0/token");
    line(out, "ADFS-style authority (az)", origin + "/adfs");
    line(
        out,
        "Cloud metadata (az)",
        origin
            + "/metadata/endpoints?api-version=2022-09-01 (cloud "
            + endpoints.cloudName()
            + ")");
    line(
        out,
        "Managed identity (HTTP)",
        endpoints.managedIdentityOrigin() + "/metadata/identity/oauth2/token and /msi/token");
    line(out, "CA certificate (PEM)", caPem.toString());
    line(out, "Hosts file", hostsFile + " (run JVMs with -Djdk.net.hosts.file=" + hostsFile + ")");
    line(out, "State directory", stateDirectory.toString());
    for (Model.Org org : model.organizations.values()) {
      DevOpsOrganization config = org.config();
      out.append("\nAzure DevOps organisation ")
          .append(config.name())
          .append(" (")
          .append(config.id())
          .append("), project ")
          .append(config.project())
          .append(" (")
          .append(config.projectId())
          .append(")\n");
      line(out, "Collection URI", collectionUri(endpoints, config));
      line(out, "OIDC request URI", oidcRequestUri(endpoints, config));
      line(
          out,
          "OIDC issuer",
          model.config.issuerStyle()
              + ", OpenID configuration at "
              + origin
              + "/_vstoken/"
              + config.id()
              + "/.well-known/openid-configuration");
      for (ServiceConnection connection : config.connections()) {
        line(
            out,
            "Connection " + connection.name(),
            connection.id()
                + " "
                + connection.scheme().wireName()
                + (connection.clientId() == null ? "" : ", client id " + connection.clientId()));
      }
    }
    out.append('\n');
    for (Subscription subscription : model.subscriptions.values()) {
      line(
          out,
          "Subscription " + subscription.displayName(),
          subscription.id() + ", tenant " + subscription.tenantId());
    }
    for (Model.Site site : model.allSites()) {
      line(
          out,
          "Web app " + site.displayName(),
          "https://"
              + ArmDocuments.defaultHostName(site, endpoints.port())
              + "/ (Kudu https://"
              + ArmDocuments.scmHostName(site, endpoints.port())
              + "/, "
              + (site.linux() ? "Linux" : "Windows")
              + ", basic auth "
              + (site.basicScm ? "allowed" : "disabled")
              + ")");
    }
    for (Model.Vault vault : model.vaults.values()) {
      KeyVault config = vault.config;
      line(
          out,
          "Key vault " + config.name(),
          "https://"
              + config.name()
              + "."
              + endpoints.keyVaultDnsSuffix()
              + "/ ("
              + vault.secrets.size()
              + " secrets)");
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append("  ").append(label).append(": ").append(value).append('\n');
  }
}
