package io.pipelinetasks.task.azure;

import io.pipelinetasks.task.Endpoint;
import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.internal.Json;
import io.pipelinetasks.taskjson.EndpointRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the endpoint a {@code connectedService:AzureRM} input names into an {@link
 * AzureRmConnection}: the scheme, the identity, the scope and the cloud. Every missing or malformed
 * field is a named error saying how to fix the connection.
 */
public final class AzureRmConnections {
  private AzureRmConnections() {}

  /**
   * Resolves a connection.
   *
   * @param context the task context
   * @param ref the input's value
   * @throws AuthenticationException for an unknown scheme or cloud, or a missing tenant, client id,
   *     secret or certificate
   * @throws io.pipelinetasks.task.EndpointException when the agent did not pass the endpoint
   */
  public static AzureRmConnection resolve(TaskContext context, EndpointRef ref) {
    return resolve(context, ref.id());
  }

  /**
   * Resolves a connection by endpoint id or, with the emulator, by name.
   *
   * @param context the task context
   * @param endpointId the endpoint id
   */
  public static AzureRmConnection resolve(TaskContext context, String endpointId) {
    Endpoint endpoint = context.endpoint(endpointId);
    String id = endpoint.id();
    String scheme = endpoint.scheme().orElse("").trim();
    ConnectionScope scope = scope(endpoint);
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "", "serviceprincipal" -> servicePrincipal(context, endpoint, scope);
      case "workloadidentityfederation" ->
          new AzureRmConnection.WorkloadIdentityFederation(
              id,
              tenant(endpoint),
              clientId(endpoint),
              endpoint.authParameter("workloadIdentityFederationIssuer").map(Secret::reveal),
              endpoint.authParameter("workloadIdentityFederationSubject").map(Secret::reveal),
              scope,
              cloud(context, endpoint));
      case "managedserviceidentity" ->
          new AzureRmConnection.ManagedServiceIdentity(
              id,
              tenant(endpoint),
              endpoint.dataParameter("msiclientId"),
              scope,
              cloud(context, endpoint));
      case "publishprofile" ->
          new AzureRmConnection.PublishProfile(
              id,
              endpoint.authParameter("tenantid").map(Secret::reveal).orElse(""),
              required(endpoint, "publishProfile", "publish profile XML"),
              endpoint.dataParameter("resourceId"),
              scope,
              cloud(context, endpoint));
      default ->
          throw new AuthenticationException(
              "AuthSchemeNotSupported",
              id,
              Optional.empty(),
              "Auth Scheme "
                  + scheme
                  + " is not supported. Service connection "
                  + id
                  + " must use ServicePrincipal, WorkloadIdentityFederation, ManagedServiceIdentity"
                  + " or PublishProfile.");
    };
  }

  private static AzureRmConnection servicePrincipal(
      TaskContext context, Endpoint endpoint, ConnectionScope scope) {
    String type =
        endpoint.authParameter("authenticationType").map(Secret::reveal).orElse("spnKey").trim();
    if (type.equalsIgnoreCase("spnCertificate")) {
      return new AzureRmConnection.ServicePrincipalCertificate(
          endpoint.id(),
          tenant(endpoint),
          clientId(endpoint),
          required(
              endpoint,
              "servicePrincipalCertificate",
              "certificate (a PEM with the certificate and its private key)"),
          scope,
          cloud(context, endpoint));
    }
    return new AzureRmConnection.ServicePrincipalSecret(
        endpoint.id(),
        tenant(endpoint),
        clientId(endpoint),
        required(endpoint, "serviceprincipalkey", "client secret"),
        scope,
        cloud(context, endpoint));
  }

  private static String tenant(Endpoint endpoint) {
    return endpoint
        .authParameter("tenantid")
        .map(Secret::reveal)
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .orElseThrow(
            () ->
                new AuthenticationException(
                    "TenantMissing",
                    endpoint.id(),
                    Optional.empty(),
                    "Service connection "
                        + endpoint.id()
                        + " has no tenant id (authorization parameter tenantid). Edit the"
                        + " connection and set the Directory (tenant) ID of the app or identity."));
  }

  private static String clientId(Endpoint endpoint) {
    return endpoint
        .authParameter("serviceprincipalid")
        .map(Secret::reveal)
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .orElseThrow(
            () ->
                new AuthenticationException(
                    "ClientIdMissing",
                    endpoint.id(),
                    Optional.empty(),
                    "Service connection "
                        + endpoint.id()
                        + " has no client id (authorization parameter serviceprincipalid). Edit"
                        + " the connection and set the Application (client) ID."));
  }

  private static Secret required(Endpoint endpoint, String key, String what) {
    Optional<Secret> value = endpoint.authParameter(key).filter(s -> !s.reveal().isBlank());
    return value.orElseThrow(
        () ->
            new AuthenticationException(
                key + "Missing",
                endpoint.id(),
                Optional.empty(),
                "Service connection "
                    + endpoint.id()
                    + " has no "
                    + what
                    + " (authorization parameter "
                    + key
                    + "). Edit the connection and provide it, or convert it to workload identity"
                    + " federation so no secret is stored."));
  }

  private static ConnectionScope scope(Endpoint endpoint) {
    Optional<String> resourceGroup =
        endpoint
            .authParameter("scope")
            .map(Secret::reveal)
            .flatMap(AzureRmConnections::resourceGroupOf)
            .or(() -> endpoint.dataParameter("resourceGroupName"));
    return new ConnectionScope(
        ScopeLevel.parse(endpoint.dataParameter("scopeLevel").orElse("")),
        endpoint.dataParameter("subscriptionId").map(String::trim),
        endpoint.dataParameter("subscriptionName"),
        resourceGroup,
        endpoint.dataParameter("managementGroupId"),
        endpoint.dataParameter("managementGroupName"),
        endpoint.dataParameter("mlWorkspaceName"),
        endpoint.dataParameter("mlWorkspaceLocation"));
  }

  private static Optional<String> resourceGroupOf(String scope) {
    String[] parts = scope.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equalsIgnoreCase("resourcegroups")) {
        return Optional.of(parts[i + 1]);
      }
    }
    return Optional.empty();
  }

  /** The cloud: built-in defaults, overridden by the connection's data, or Azure Stack metadata. */
  static AzureCloud cloud(TaskContext context, Endpoint endpoint) {
    String name = endpoint.dataParameter("environment").orElse("AzureCloud").trim();
    String armUrl = endpoint.url().filter(u -> !u.isBlank()).orElse(null);
    Optional<AzureCloud> builtIn = AzureCloud.builtIn(name);
    Optional<String> authority =
        endpoint
            .dataParameter("activeDirectoryAuthority")
            .or(() -> endpoint.dataParameter("environmentAuthorityUrl"));
    boolean adfsFlag =
        endpoint
            .dataParameter("EnableAdfsAuthentication")
            .map(v -> v.equalsIgnoreCase("true"))
            .orElse(false);
    if (builtIn.isPresent() && !name.equalsIgnoreCase("AzureStack")) {
      AzureCloud defaults = builtIn.get();
      String arm = armUrl != null ? armUrl : defaults.resourceManagerUrl();
      String host = authority.orElse(defaults.authorityHost());
      boolean adfs = adfsFlag || isAdfs(host);
      return new AzureCloud(
          defaults.name(),
          arm,
          adfs ? withoutAdfs(host) : host,
          adfs,
          arm,
          endpoint.dataParameter("AzureKeyVaultDnsSuffix").orElse(defaults.keyVaultDnsSuffix()),
          endpoint
              .dataParameter("AzureKeyVaultServiceEndpointResourceId")
              .orElse(defaults.keyVaultResource()),
          endpoint
              .dataParameter("microsoftGraphUrl")
              .or(() -> endpoint.dataParameter("graphUrl"))
              .orElse(defaults.graphUrl()));
    }
    if (armUrl == null) {
      throw new AuthenticationException(
          "CloudUrlMissing",
          endpoint.id(),
          Optional.empty(),
          "Service connection "
              + endpoint.id()
              + " is for the cloud '"
              + name
              + "' but has no Resource Manager URL. Edit the connection and set the environment"
              + " URL.");
    }
    boolean stack = name.equalsIgnoreCase("AzureStack");
    if (!stack && authority.isPresent()) {
      // A custom cloud whose connection carries its own endpoints.
      String host = hostAfterFirstDot(armUrl);
      boolean adfs = adfsFlag || isAdfs(authority.get());
      return new AzureCloud(
          name,
          armUrl,
          adfs ? withoutAdfs(authority.get()) : authority.get(),
          adfs,
          armUrl,
          endpoint.dataParameter("AzureKeyVaultDnsSuffix").orElse("vault." + host),
          endpoint
              .dataParameter("AzureKeyVaultServiceEndpointResourceId")
              .orElse("https://vault." + host),
          endpoint
              .dataParameter("microsoftGraphUrl")
              .or(() -> endpoint.dataParameter("graphUrl"))
              .orElse("https://graph.microsoft.com/"));
    }
    return fromMetadata(context, endpoint, name, armUrl, authority);
  }

  /** Azure Stack and unknown clouds: read {@code metadata/endpoints} from the ARM URL. */
  private static AzureCloud fromMetadata(
      TaskContext context,
      Endpoint endpoint,
      String name,
      String armUrl,
      Optional<String> authority) {
    String base = armUrl.endsWith("/") ? armUrl : armUrl + "/";
    URI uri = URI.create(base + "metadata/endpoints?api-version=2015-01-01");
    Map<String, Object> metadata;
    try {
      HttpClient client = context.http().httpClientBuilder().build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      metadata = Json.parseObject(response.body());
    } catch (IOException | IllegalArgumentException failed) {
      throw new AuthenticationException(
          "FailedToFetchAzureStackDependencyData",
          endpoint.id(),
          Optional.empty(),
          "Could not read the cloud metadata of service connection "
              + endpoint.id()
              + " from "
              + uri
              + " ("
              + failed.getMessage()
              + "). Check that the environment URL of the connection is the Resource Manager URL"
              + " of cloud '"
              + name
              + "' and that the agent can reach it.");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AuthenticationException(
          "Interrupted", endpoint.id(), Optional.empty(), "The task was cancelled.");
    }
    Object auth = metadata.get("authentication");
    String login = null;
    String audience = null;
    if (auth instanceof Map<?, ?> authentication) {
      if (authentication.get("loginEndpoint") instanceof String s && !s.isBlank()) {
        login = s.endsWith("/") ? s : s + "/";
      }
      if (authentication.get("audiences") instanceof List<?> audiences
          && !audiences.isEmpty()
          && audiences.get(0) instanceof String a) {
        audience = a;
      }
    }
    String loginEndpoint = authority.orElse(login);
    if (loginEndpoint == null) {
      throw new AuthenticationException(
          "UnableToFetchAuthorityURL",
          endpoint.id(),
          Optional.empty(),
          "The cloud metadata at "
              + uri
              + " names no login endpoint. Set activeDirectoryAuthority in service connection "
              + endpoint.id()
              + ".");
    }
    boolean adfs = isAdfs(loginEndpoint);
    String host = hostAfterFirstDot(armUrl).toLowerCase(Locale.ROOT);
    String resource =
        endpoint
            .dataParameter("activeDirectoryServiceEndpointResourceId")
            .orElse(audience != null ? audience : base);
    String graph =
        metadata.get("graphEndpoint") instanceof String g && !g.isBlank()
            ? g
            : "https://graph.microsoft.com/";
    return new AzureCloud(
        name,
        base,
        adfs ? withoutAdfs(loginEndpoint) : loginEndpoint,
        adfs,
        resource,
        endpoint.dataParameter("AzureKeyVaultDnsSuffix").orElse("vault." + host),
        endpoint
            .dataParameter("AzureKeyVaultServiceEndpointResourceId")
            .orElse(resource.replace("management", "vault").replaceAll("/+$", "")),
        graph);
  }

  /** Whether an authority is ADFS-style: its path ends with {@code /adfs}. */
  private static boolean isAdfs(String authority) {
    return authority.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith("/adfs");
  }

  private static String withoutAdfs(String authority) {
    String trimmed = authority.replaceAll("/+$", "");
    return trimmed.substring(0, trimmed.length() - "adfs".length());
  }

  private static String hostAfterFirstDot(String url) {
    String authority = URI.create(url).getAuthority();
    int dot = authority.indexOf('.');
    return dot < 0 ? authority : authority.substring(dot + 1);
  }
}
