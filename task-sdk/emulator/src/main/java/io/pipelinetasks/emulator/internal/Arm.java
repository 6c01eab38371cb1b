package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.emulator.KeyVault;
import io.pipelinetasks.emulator.ResourceGroup;
import io.pipelinetasks.emulator.Subscription;
import io.pipelinetasks.emulator.Tenant;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Resource Manager: subscriptions, resource groups, the generic resource list, {@code
 * Microsoft.Web/sites} with slots and the configuration calls the web-app tasks make, {@code
 * Microsoft.KeyVault/vaults}, and the cloud metadata documents. Every call but the metadata needs a
 * bearer token issued by the emulator for an ARM audience, and each is authorised against the
 * caller's role assignments.
 */
final class Arm {
  private static final Pattern FILTER_TERM =
      Pattern.compile("\\s*(\\w+)\\s+eq\\s+'([^']*)'\\s*", Pattern.CASE_INSENSITIVE);

  private final Model model;
  private final Tokens tokens;
  private final Endpoints endpoints;

  Arm(Model model, Tokens tokens, Endpoints endpoints) {
    this.model = model;
    this.tokens = tokens;
    this.endpoints = endpoints;
  }

  /** The caller of an authenticated ARM or Kudu call. */
  record Caller(Tokens.AccessClaims claims, Model.Identity identity) {
    String objectId() {
      return claims.objectId();
    }
  }

  Res handle(Req req) throws IOException {
    Res res;
    try {
      res = route(req);
    } catch (ApiException e) {
      res = e.response;
    }
    String correlation = req.header("x-ms-correlation-request-id");
    return res.header("x-ms-request-id", UUID.randomUUID().toString())
        .header(
            "x-ms-correlation-request-id",
            correlation != null ? correlation : UUID.randomUUID().toString());
  }

  private Res route(Req req) throws IOException {
    List<String> s = req.segments;
    String first = s.get(0).toLowerCase(Locale.ROOT);
    if (first.equals("metadata")) {
      return metadata(req);
    }
    if (req.query("api-version") == null) {
      throw new ApiException(
          Res.armError(
              400,
              "MissingApiVersionParameter",
              "The api-version query parameter (?api-version=) is required for all requests."));
    }
    Caller caller = authenticate(req, null);
    if (first.equals("tenants") && s.size() == 1) {
      return tenants(caller);
    }
    if (!first.equals("subscriptions")) {
      return notFound(req);
    }
    if (s.size() == 1) {
      return listSubscriptions(req, caller);
    }
    Subscription subscription = model.subscription(s.get(1));
    if (subscription == null) {
      return Res.armError(
          404, "SubscriptionNotFound", "The subscription '" + s.get(1) + "' could not be found.");
    }
    checkTenant(caller, subscription);
    return subscriptionScope(req, caller, subscription, s.subList(2, s.size()));
  }

  // ---- authentication ---------------------------------------------------------------------

  /**
   * Checks the bearer token: issued by this emulator, unexpired, and for ARM (or, for Kudu, one of
   * {@code extraAudiences} too).
   */
  Caller authenticate(Req req, List<String> extraAudiences) {
    String token = req.bearer();
    String challenge =
        "Bearer authorization_uri=\"" + endpoints.origin() + "/\", error=\"invalid_token\"";
    if (token == null) {
      throw new ApiException(
          Res.armError(
                  401,
                  "AuthenticationFailed",
                  "Authentication failed. The 'Authorization' header is missing.")
              .header(
                  "WWW-Authenticate",
                  challenge
                      + ", error_description=\"The authentication failed because of missing"
                      + " 'Authorization' header.\""));
    }
    Tokens.AccessClaims claims;
    try {
      claims = tokens.verifyAccessToken(token, Instant.now());
    } catch (Tokens.Refused refused) {
      throw new ApiException(
          Res.armError(
                  401,
                  refused.expired ? "ExpiredAuthenticationToken" : "InvalidAuthenticationToken",
                  refused.expired ? refused.getMessage() : "The access token is invalid.")
              .header(
                  "WWW-Authenticate",
                  challenge + ", error_description=\"" + refused.getMessage() + "\""));
    }
    if (!armAudience(claims.audience())
        && (extraAudiences == null || !matchesAny(claims.audience(), extraAudiences))) {
      throw new ApiException(
          Res.armError(
                  401,
                  "InvalidAuthenticationToken",
                  "The access token has been obtained for wrong audience or resource '"
                      + claims.audience()
                      + "'. It should exactly match with one of the allowed audiences"
                      + " 'https://management.core.windows.net/','https://management.azure.com/',"
                      + "'"
                      + endpoints.origin()
                      + "/'.")
              .header(
                  "WWW-Authenticate",
                  challenge + ", error_description=\"The access token has the wrong audience\""));
    }
    Model.Identity identity = model.identity(claims.objectId());
    if (identity == null) {
      throw new ApiException(
          Res.armError(401, "InvalidAuthenticationToken", "The access token is invalid."));
    }
    return new Caller(claims, identity);
  }

  boolean armAudience(String audience) {
    return matchesAny(
        audience,
        List.of(
            "https://management.azure.com",
            "https://management.core.windows.net",
            endpoints.origin(),
            "https://127.0.0.1:" + endpoints.port()));
  }

  private static boolean matchesAny(String audience, List<String> accepted) {
    String normalised = Model.trimSlashes(audience);
    for (String candidate : accepted) {
      if (normalised.equalsIgnoreCase(Model.trimSlashes(candidate))) {
        return true;
      }
    }
    return false;
  }

  private void checkTenant(Caller caller, Subscription subscription) {
    if (!subscription.tenantId().equalsIgnoreCase(caller.claims().tenantId())) {
      throw new ApiException(
          Res.armError(
              401,
              "InvalidAuthenticationTokenTenant",
              "The access token is from the wrong issuer '"
                  + Tokens.entraIssuer(caller.claims().tenantId())
                  + "'. It must match the tenant '"
                  + Tokens.entraIssuer(subscription.tenantId())
                  + "' associated with this subscription. Please use the authority (URL) '"
                  + endpoints.origin()
                  + "/"
                  + subscription.tenantId()
                  + "' to get the token."));
    }
  }

  /** Throws the ARM 403 unless {@code caller} may perform {@code action} at {@code scope}. */
  void authorize(Caller caller, String scope, String action) {
    if (!model.allowed(caller.objectId(), scope, action)) {
      throw new ApiException(
          Res.armError(
              403,
              "AuthorizationFailed",
              "The client '"
                  + caller.identity().clientId()
                  + "' with object id '"
                  + caller.objectId()
                  + "' does not have authorization to perform action '"
                  + action
                  + "' over scope '"
                  + scope
                  + "' or the scope is invalid. If access was recently granted, please refresh"
                  + " your credentials."));
    }
  }

  // ---- tenants and subscriptions ----------------------------------------------------------

  private Res tenants(Caller caller) {
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    Tenant tenant = model.tenant(caller.claims().tenantId());
    if (tenant != null) {
      ObjectNode node = value.addObject();
      node.put("id", "/tenants/" + tenant.id());
      node.put("tenantId", tenant.id());
      node.put("tenantCategory", "Home");
      node.put("displayName", tenant.displayName());
      node.put("defaultDomain", tenant.displayName() + ".onmicrosoft.com");
      node.put("tenantType", "AAD");
    }
    return Res.json(200, body);
  }

  private Res listSubscriptions(Req req, Caller caller) {
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    for (Subscription subscription : model.subscriptions.values()) {
      if (subscription.tenantId().equalsIgnoreCase(caller.claims().tenantId())
          && model.anyAccess(caller.objectId(), "/subscriptions/" + subscription.id())) {
        value.add(ArmDocuments.subscription(subscription));
      }
    }
    ObjectNode count = body.putObject("count");
    count.put("type", "Total");
    count.put("value", value.size());
    return Res.json(200, body);
  }

  private Res subscriptionScope(
      Req req, Caller caller, Subscription subscription, List<String> rest) throws IOException {
    String scope = "/subscriptions/" + subscription.id();
    if (rest.isEmpty()) {
      requireMethod(req, "GET");
      authorize(caller, scope, "Microsoft.Resources/subscriptions/read");
      return Res.json(200, ArmDocuments.subscription(subscription));
    }
    String head = rest.get(0).toLowerCase(Locale.ROOT);
    if (head.equals("resourcegroups")) {
      if (rest.size() == 1) {
        requireMethod(req, "GET");
        ArrayNode value = Json.array();
        for (ResourceGroup group : model.resourceGroups.values()) {
          String groupScope = scope + "/resourceGroups/" + group.name();
          if (group.subscriptionId().equalsIgnoreCase(subscription.id())
              && model.allowed(
                  caller.objectId(),
                  groupScope,
                  "Microsoft.Resources/subscriptions/resourceGroups/read")) {
            value.add(ArmDocuments.resourceGroup(group));
          }
        }
        return list(value);
      }
      ResourceGroup group = model.resourceGroup(subscription.id(), rest.get(1));
      if (group == null) {
        return Res.armError(
            404,
            "ResourceGroupNotFound",
            "Resource group '" + rest.get(1) + "' could not be found.");
      }
      String groupScope = scope + "/resourceGroups/" + group.name();
      if (rest.size() == 2) {
        requireMethod(req, "GET");
        authorize(caller, groupScope, "Microsoft.Resources/subscriptions/resourceGroups/read");
        return Res.json(200, ArmDocuments.resourceGroup(group));
      }
      if (rest.size() == 3 && rest.get(2).equalsIgnoreCase("resources")) {
        return resources(req, caller, subscription, group.name());
      }
      if (rest.size() >= 5 && rest.get(2).equalsIgnoreCase("providers")) {
        return provider(req, caller, subscription, group, rest.subList(3, rest.size()));
      }
      return notFound(req);
    }
    if (head.equals("resources") && rest.size() == 1) {
      return resources(req, caller, subscription, null);
    }
    if (head.equals("providers") && rest.size() == 3) {
      requireMethod(req, "GET");
      String type = rest.get(1) + "/" + rest.get(2);
      ArrayNode value = Json.array();
      if (type.equalsIgnoreCase("Microsoft.Web/sites")) {
        for (Model.Site site : model.allSites()) {
          if (site.slot == null
              && site.app.subscriptionId().equalsIgnoreCase(subscription.id())
              && model.allowed(caller.objectId(), site.resourceId(), "Microsoft.Web/sites/read")) {
            value.add(
                ArmDocuments.site(
                    site,
                    location(site.app.subscriptionId(), site.app.resourceGroup()),
                    endpoints.port()));
          }
        }
        return list(value);
      }
      if (type.equalsIgnoreCase("Microsoft.KeyVault/vaults")) {
        for (Model.Vault vault : model.vaults.values()) {
          KeyVault config = vault.config;
          if (config.subscriptionId().equalsIgnoreCase(subscription.id())
              && model.allowed(
                  caller.objectId(), config.resourceId(), "Microsoft.KeyVault/vaults/read")) {
            value.add(vaultDocument(config));
          }
        }
        return list(value);
      }
    }
    return notFound(req);
  }

  private Res provider(
      Req req, Caller caller, Subscription subscription, ResourceGroup group, List<String> path)
      throws IOException {
    String type = path.get(0) + "/" + path.get(1);
    List<String> rest = path.subList(2, path.size());
    if (type.equalsIgnoreCase("Microsoft.Web/sites")) {
      return new WebApps(this, model, endpoints).handle(req, caller, subscription, group, rest);
    }
    if (type.equalsIgnoreCase("Microsoft.KeyVault/vaults")) {
      requireMethod(req, "GET");
      if (rest.isEmpty()) {
        ArrayNode value = Json.array();
        for (Model.Vault vault : model.vaults.values()) {
          KeyVault config = vault.config;
          if (config.subscriptionId().equalsIgnoreCase(subscription.id())
              && config.resourceGroup().equalsIgnoreCase(group.name())
              && model.allowed(
                  caller.objectId(), config.resourceId(), "Microsoft.KeyVault/vaults/read")) {
            value.add(vaultDocument(config));
          }
        }
        return list(value);
      }
      Model.Vault vault = model.vault(rest.get(0));
      if (rest.size() == 1
          && vault != null
          && vault.config.subscriptionId().equalsIgnoreCase(subscription.id())
          && vault.config.resourceGroup().equalsIgnoreCase(group.name())) {
        authorize(caller, vault.config.resourceId(), "Microsoft.KeyVault/vaults/read");
        return Res.json(200, vaultDocument(vault.config));
      }
      return resourceNotFound(
          "Microsoft.KeyVault/vaults", rest.isEmpty() ? "" : rest.get(0), group.name());
    }
    return notFound(req);
  }

  private ObjectNode vaultDocument(KeyVault vault) {
    return ArmDocuments.vault(
        vault, model, location(vault.subscriptionId(), vault.resourceGroup()), endpoints.port());
  }

  String location(String subscriptionId, String group) {
    ResourceGroup resourceGroup = model.resourceGroup(subscriptionId, group);
    return resourceGroup == null ? "westeurope" : resourceGroup.location();
  }

  /**
   * {@code GET …/resources?$filter=resourceType eq '…' and name eq '…'}, as the webapp task asks.
   */
  private Res resources(Req req, Caller caller, Subscription subscription, String group) {
    requireMethod(req, "GET");
    Map<String, String> filter = parseFilter(req.query("$filter"));
    ArrayNode value = Json.array();
    List<ObjectNode> candidates = new ArrayList<>();
    for (Model.Site site : model.allSites()) {
      if (!site.app.subscriptionId().equalsIgnoreCase(subscription.id())) {
        continue;
      }
      ObjectNode node = Json.object();
      node.put("id", site.resourceId());
      node.put("name", site.displayName());
      node.put("type", site.slot == null ? "Microsoft.Web/sites" : "Microsoft.Web/sites/slots");
      node.put("kind", ArmDocuments.kind(site));
      node.put("location", location(site.app.subscriptionId(), site.app.resourceGroup()));
      node.put("resourceGroup", site.app.resourceGroup());
      candidates.add(node);
    }
    for (Model.Vault vault : model.vaults.values()) {
      KeyVault config = vault.config;
      if (!config.subscriptionId().equalsIgnoreCase(subscription.id())) {
        continue;
      }
      ObjectNode node = Json.object();
      node.put("id", config.resourceId());
      node.put("name", config.name());
      node.put("type", "Microsoft.KeyVault/vaults");
      node.put("location", location(config.subscriptionId(), config.resourceGroup()));
      node.put("resourceGroup", config.resourceGroup());
      candidates.add(node);
    }
    for (ObjectNode node : candidates) {
      String id = node.get("id").asText();
      if (group != null && !node.get("resourceGroup").asText().equalsIgnoreCase(group)) {
        continue;
      }
      if (!matchesFilter(node, filter)
          || !model.allowed(caller.objectId(), id, node.get("type").asText() + "/read")) {
        continue;
      }
      node.remove("resourceGroup");
      value.add(node);
    }
    return list(value);
  }

  private static Map<String, String> parseFilter(String filter) {
    Map<String, String> terms = new LinkedHashMap<>();
    if (filter == null || filter.isBlank()) {
      return terms;
    }
    for (String term : filter.split("(?i)\\s+and\\s+")) {
      Matcher matcher = FILTER_TERM.matcher(term);
      if (!matcher.matches()) {
        throw new ApiException(
            Res.armError(
                400,
                "InvalidFilterInQueryString",
                "The $filter '"
                    + filter
                    + "' is not supported: use terms like name eq 'x' joined"
                    + " by and."));
      }
      terms.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
    }
    return terms;
  }

  private static boolean matchesFilter(ObjectNode node, Map<String, String> filter) {
    for (Map.Entry<String, String> term : filter.entrySet()) {
      String field =
          switch (term.getKey()) {
            case "resourcetype" -> "type";
            case "resourcegroup" -> "resourceGroup";
            default -> term.getKey();
          };
      JsonNode value = node.get(field);
      if (value == null || !value.asText().equalsIgnoreCase(term.getValue())) {
        return false;
      }
    }
    return true;
  }

  // ---- cloud metadata ---------------------------------------------------------------------

  /**
   * {@code GET /metadata/endpoints}: the Azure Stack document for old api-versions (what {@code az
   * cloud register} and the Stack code path read), and from {@code 2019-05-01} on the cloud list
   * {@code az} loads through {@code ARM_CLOUD_METADATA_URL}, with one ADFS-style cloud so that MSAL
   * skips instance discovery.
   */
  private Res metadata(Req req) {
    if (req.segments.size() != 2 || !req.segments.get(1).equalsIgnoreCase("endpoints")) {
      return notFound(req);
    }
    String version = req.query("api-version");
    if (version == null) {
      return Res.armError(
          400,
          "MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    String origin = endpoints.origin();
    if (version.compareTo("2019-05-01") < 0) {
      ObjectNode doc = Json.object();
      doc.put("galleryEndpoint", origin + "/gallery/");
      doc.put("graphEndpoint", "https://graph.windows.net/");
      doc.put("portalEndpoint", origin + "/portal/");
      ObjectNode authentication = doc.putObject("authentication");
      authentication.put("loginEndpoint", origin + "/adfs");
      authentication.putArray("audiences").add("https://management.core.windows.net/");
      return Res.json(200, doc);
    }
    ArrayNode clouds = Json.array();
    ObjectNode cloud = clouds.addObject();
    cloud.put("name", endpoints.cloudName());
    cloud.put("resourceManager", origin + "/");
    cloud.put("portal", origin + "/portal/");
    cloud.put("gallery", origin + "/gallery/");
    ObjectNode authentication = cloud.putObject("authentication");
    authentication.put("loginEndpoint", origin + "/adfs");
    authentication.putArray("audiences").add("https://management.core.windows.net/");
    authentication.put("tenant", "adfs");
    authentication.put("identityProvider", "ADFS");
    cloud.put("graphAudience", "https://graph.microsoft.com/");
    cloud.put("graph", "https://graph.microsoft.com/");
    cloud.put("microsoftGraphResourceId", "https://graph.microsoft.com/");
    cloud.put("media", origin + "/media/");
    cloud.put("batch", "https://batch.core.windows.net/");
    cloud.put("sqlManagement", "https://management.core.windows.net:8443/");
    cloud.put("activeDirectoryDataLake", "https://datalake.azure.net/");
    cloud.put("appInsightsResourceId", "https://api.applicationinsights.io");
    cloud.put("logAnalyticsResourceId", "https://api.loganalytics.io");
    ObjectNode suffixes = cloud.putObject("suffixes");
    suffixes.put("storage", "core.windows.net");
    suffixes.put("keyVaultDns", endpoints.keyVaultDnsSuffix());
    suffixes.put("acrLoginServer", "azurecr.io");
    suffixes.put("sqlServerHostname", "database.windows.net");
    suffixes.put("mhsmDns", "managedhsm.azure.net");
    return Res.json(200, clouds);
  }

  // ---- helpers ------------------------------------------------------------------------------

  static Res list(ArrayNode value) {
    ObjectNode body = Json.object();
    body.set("value", value);
    return Res.json(200, body);
  }

  static void requireMethod(Req req, String... methods) {
    for (String method : methods) {
      if (req.method.equals(method)) {
        return;
      }
    }
    throw new ApiException(
        Res.armError(
            405,
            "MethodNotAllowed",
            "The requested resource does not support http method '" + req.method + "'."));
  }

  static Res resourceNotFound(String type, String name, String group) {
    return Res.armError(
        404,
        "ResourceNotFound",
        "The Resource '"
            + type
            + "/"
            + name
            + "' under resource group '"
            + group
            + "' was not found. For more details please go to"
            + " https://aka.ms/ARMResourceNotFoundFix");
  }

  static Res notFound(Req req) {
    return Res.armError(
        404,
        "InvalidResourceType",
        "The resource type or path '" + req.path + "' is not served by the emulator.");
  }
}
