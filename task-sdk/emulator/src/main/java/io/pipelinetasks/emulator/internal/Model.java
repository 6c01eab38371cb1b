package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.emulator.AppRegistration;
import io.pipelinetasks.emulator.DevOpsOrganization;
import io.pipelinetasks.emulator.KeyVault;
import io.pipelinetasks.emulator.ManagedIdentity;
import io.pipelinetasks.emulator.ResourceGroup;
import io.pipelinetasks.emulator.Role;
import io.pipelinetasks.emulator.RoleAssignment;
import io.pipelinetasks.emulator.ServiceConnection;
import io.pipelinetasks.emulator.Subscription;
import io.pipelinetasks.emulator.Tenant;
import io.pipelinetasks.emulator.VaultSecret;
import io.pipelinetasks.emulator.WebApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The emulated Azure: configuration resolved into lookup tables, plus the state that requests
 * change (app settings, site configuration, deployments, publishing policies).
 */
public final class Model {
  private static final SecureRandom RANDOM = new SecureRandom();

  final Config config;
  final Instant started = Instant.now();
  final Map<String, Tenant> tenants = new LinkedHashMap<>();
  final Map<String, AppRegistration> apps = new LinkedHashMap<>();
  final Map<String, ManagedIdentity> managedIdentities = new LinkedHashMap<>();
  final Map<String, Identity> identities = new LinkedHashMap<>();
  final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  final Map<String, ResourceGroup> resourceGroups = new LinkedHashMap<>();
  final Map<String, Site> sites = new LinkedHashMap<>();
  final Map<String, Site> sitesByLabel = new LinkedHashMap<>();
  final Map<String, Vault> vaults = new LinkedHashMap<>();
  final List<Grant> grants = new ArrayList<>();
  final Map<String, Org> organizations = new LinkedHashMap<>();
  final Set<String> resources = new HashSet<>();

  /** An identity that can hold a token: an app's service principal or a managed identity. */
  record Identity(
      String objectId,
      String clientId,
      String tenantId,
      String displayName,
      boolean managed,
      String resourceId) {}

  /** A role assignment resolved to an object id, with its patterns compiled. */
  record Grant(
      String objectId,
      String scope,
      Role role,
      List<Pattern> actions,
      List<Pattern> notActions,
      List<Pattern> dataActions) {}

  /** An Azure DevOps organisation with its generated access token. */
  record Org(DevOpsOrganization config, String accessToken) {
    ServiceConnection connection(String idOrName) {
      for (ServiceConnection c : config.connections()) {
        if (c.id().equalsIgnoreCase(idOrName) || c.name().equals(idOrName)) {
          return c;
        }
      }
      return null;
    }
  }

  /** One version of a secret, with the dates the service reports. */
  record SecretVersion(VaultSecret secret, String version, Instant created) {}

  /** A vault and its secrets, by lower-case name, each a list of versions (current last). */
  static final class Vault {
    final KeyVault config;
    final Map<String, List<SecretVersion>> secrets = new LinkedHashMap<>();

    Vault(KeyVault config, Instant created) {
      this.config = config;
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (VaultSecret secret : config.secrets()) {
        String key = secret.name().toLowerCase(Locale.ROOT);
        int index = counts.merge(key, 1, Integer::sum);
        String version =
            secret.version() != null
                ? secret.version()
                : stableHex(config.name() + "/" + key + "/" + index);
        secrets
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(new SecretVersion(secret, version, created.minusSeconds(3600L * (10 - index))));
      }
    }
  }

  /** A Kudu log entry; {@code details} are served at the entry's {@code details_url}. */
  record LogEntry(String id, Instant time, String message, int type, List<LogEntry> details) {}

  /** A Kudu deployment record. */
  static final class Deployment {
    final String id;
    final String deployer;
    final String message;
    final String author;
    final Instant received;
    volatile Instant end;
    volatile int status;
    volatile String statusText = "";
    volatile boolean active;
    final List<LogEntry> log = new ArrayList<>();

    Deployment(String id, String deployer, String message, String author, Instant received) {
      this.id = id;
      this.deployer = deployer;
      this.message = message;
      this.author = author;
      this.received = received;
    }

    boolean complete() {
      return status == 3 || status == 4;
    }
  }

  /** A production site or a slot, with everything ARM and Kudu may change. */
  static final class Site {
    final WebApp app;
    final String slot;
    final String label;
    final Path root;
    final Map<String, String> appSettings = new LinkedHashMap<>();
    final Map<String, String> metadata = new LinkedHashMap<>();
    final List<String> slotConfigNames = new ArrayList<>();
    private ObjectNode siteConfig;
    final String publishingUser;
    final String publishingPassword;
    final List<Deployment> deployments = new ArrayList<>();
    final Set<String> deployedFiles = new HashSet<>();
    volatile boolean basicScm;
    volatile boolean basicFtp;
    volatile Duration deploymentDuration;
    volatile String deploymentFailure;
    volatile String state = "Running";

    Site(WebApp app, String slot, Path stateDirectory) {
      this.app = app;
      this.slot = slot;
      this.label = slot == null ? app.name() : app.name() + "-" + slot;
      this.root = stateDirectory.resolve("sites").resolve(label.toLowerCase(Locale.ROOT));
      this.appSettings.putAll(app.appSettings());
      this.publishingUser = "$" + (slot == null ? app.name() : app.name() + "__" + slot);
      this.publishingPassword = randomToken(45);
      this.basicScm = app.basicAuthAllowed();
      this.basicFtp = app.basicAuthAllowed();
      this.deploymentDuration = app.deploymentDuration();
      this.deploymentFailure = app.deploymentFailure();
    }

    /** Made on first use: it is the only JSON built at start-up, and Jackson loads slowly. */
    synchronized ObjectNode siteConfig() {
      if (siteConfig == null) {
        siteConfig = ArmDocuments.initialSiteConfig(app);
      }
      return siteConfig;
    }

    Path wwwroot() {
      return root.resolve("site").resolve("wwwroot");
    }

    String resourceId() {
      return slot == null ? app.resourceId() : app.resourceId() + "/slots/" + slot;
    }

    String displayName() {
      return slot == null ? app.name() : app.name() + "/" + slot;
    }

    boolean linux() {
      return app.os() == WebApp.Os.LINUX;
    }
  }

  Model(Config config) {
    this.config = config;
    for (Tenant tenant : config.tenants()) {
      tenants.put(key(tenant.id()), tenant);
    }
    for (AppRegistration app : config.apps()) {
      requireTenant(app.tenantId(), "App registration " + app.clientId());
      apps.put(key(app.tenantId()) + "|" + key(app.clientId()), app);
      identities.put(
          key(app.objectId()),
          new Identity(
              app.objectId(), app.clientId(), app.tenantId(), app.displayName(), false, null));
    }
    for (ManagedIdentity mi : config.managedIdentities()) {
      requireTenant(mi.tenantId(), "Managed identity " + mi.clientId());
      managedIdentities.put(key(mi.clientId()), mi);
      identities.put(
          key(mi.objectId()),
          new Identity(
              mi.objectId(), mi.clientId(), mi.tenantId(), mi.name(), true, managedResourceId(mi)));
    }
    for (Subscription subscription : config.subscriptions()) {
      requireTenant(subscription.tenantId(), "Subscription " + subscription.id());
      subscriptions.put(key(subscription.id()), subscription);
    }
    for (ResourceGroup group : config.resourceGroups()) {
      requireSubscription(group.subscriptionId(), "Resource group " + group.name());
      resourceGroups.put(key(group.subscriptionId()) + "|" + key(group.name()), group);
    }
    for (WebApp app : config.webApps()) {
      requireGroup(app.subscriptionId(), app.resourceGroup(), "Web app " + app.name());
      List<Site> all = new ArrayList<>();
      all.add(new Site(app, null, config.stateDirectory()));
      for (String slot : app.slots()) {
        all.add(new Site(app, slot, config.stateDirectory()));
      }
      for (Site site : all) {
        if (sitesByLabel.putIfAbsent(key(site.label), site) != null) {
          throw new IllegalArgumentException(
              "Two web apps or slots share the host name " + site.label + ".azurewebsites.net");
        }
        sites.put(key(site.resourceId()), site);
      }
    }
    for (KeyVault vault : config.keyVaults()) {
      requireGroup(vault.subscriptionId(), vault.resourceGroup(), "Key vault " + vault.name());
      requireTenant(vault.tenantId(), "Key vault " + vault.name());
      if (vaults.putIfAbsent(key(vault.name()), new Vault(vault, started)) != null) {
        throw new IllegalArgumentException("Two key vaults are named " + vault.name());
      }
    }
    for (RoleAssignment assignment : config.roleAssignments()) {
      grants.add(
          new Grant(
              resolvePrincipal(assignment.principal()),
              normaliseScope(assignment.scope()),
              assignment.role(),
              patterns(assignment.role().actions()),
              patterns(assignment.role().notActions()),
              patterns(assignment.role().dataActions())));
    }
    for (DevOpsOrganization org : config.organizations()) {
      for (ServiceConnection connection : org.connections()) {
        requireTenant(connection.tenantId(), "Service connection " + connection.name());
        requireSubscription(connection.subscriptionId(), "Service connection " + connection.name());
      }
      organizations.put(
          key(org.name()),
          new Org(org, org.accessToken() != null ? org.accessToken() : randomToken(64)));
    }
    for (String resource :
        List.of(
            "https://management.azure.com",
            "https://management.core.windows.net",
            "https://vault.azure.net",
            "https://graph.microsoft.com",
            "https://graph.windows.net",
            "https://appservice.azure.com",
            "https://storage.azure.com",
            "https://database.windows.net",
            "https://ossrdbms-aad.database.windows.net",
            "499b84ac-1321-427f-aa17-267ca6975798")) {
      resources.add(resource);
    }
    for (String resource : config.extraResources()) {
      resources.add(trimSlashes(resource).toLowerCase(Locale.ROOT));
    }
  }

  // ---- lookups ----------------------------------------------------------------------------

  static String key(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  Tenant tenant(String idOrName) {
    Tenant tenant = tenants.get(key(idOrName));
    if (tenant == null) {
      for (Tenant t : tenants.values()) {
        if (t.displayName().equalsIgnoreCase(idOrName)) {
          return t;
        }
      }
    }
    return tenant;
  }

  AppRegistration app(String tenantId, String clientId) {
    return apps.get(key(tenantId) + "|" + key(clientId));
  }

  /** For the tenant-less ADFS endpoint: the app with this client id in any tenant. */
  AppRegistration appInAnyTenant(String clientId) {
    for (AppRegistration app : apps.values()) {
      if (app.clientId().equalsIgnoreCase(clientId)) {
        return app;
      }
    }
    return null;
  }

  Identity identity(String objectId) {
    return identities.get(key(objectId));
  }

  Identity identityOf(AppRegistration app) {
    return identities.get(key(app.objectId()));
  }

  Identity identityOf(ManagedIdentity mi) {
    return identities.get(key(mi.objectId()));
  }

  Subscription subscription(String id) {
    return subscriptions.get(key(id));
  }

  ResourceGroup resourceGroup(String subscriptionId, String name) {
    return resourceGroups.get(key(subscriptionId) + "|" + key(name));
  }

  Site site(String subscriptionId, String group, String name, String slot) {
    String id =
        "/subscriptions/"
            + subscriptionId
            + "/resourceGroups/"
            + group
            + "/providers/Microsoft.Web/sites/"
            + name
            + (slot == null ? "" : "/slots/" + slot);
    return sites.get(key(id));
  }

  Collection<Site> allSites() {
    return sites.values();
  }

  Vault vault(String name) {
    return vaults.get(key(name));
  }

  /** The configured organisation names, in order. */
  public List<String> organizationNames() {
    return organizations.values().stream().map(o -> o.config().name()).toList();
  }

  Org organization(String name) {
    return organizations.get(key(name));
  }

  /** The certificates of an app, with the demo certificate once it exists. */
  List<java.security.cert.X509Certificate> certificates(AppRegistration app) {
    if (config.demoCertificate() != null
        && app.clientId().equalsIgnoreCase(config.demoCertificateClientId())) {
      List<java.security.cert.X509Certificate> all = new ArrayList<>(app.certificates());
      SharedKeys.prefetch();
      all.add(config.demoCertificate().join().certificate());
      return all;
    }
    return app.certificates();
  }

  /** A connection's PEM, with the demo placeholder resolved. */
  String certificatePem(ServiceConnection connection) {
    String pem = connection.certificatePem();
    if (DemoCertificate.PENDING_PEM.equals(pem) && config.demoCertificate() != null) {
      SharedKeys.prefetch();
      return config.demoCertificate().join().pem();
    }
    return pem;
  }

  /** Whether Entra issues tokens for this resource (compared without trailing slashes). */
  boolean knownResource(String resource, String ownOrigin) {
    String normalised = trimSlashes(resource).toLowerCase(Locale.ROOT);
    return resources.contains(normalised)
        || normalised.equals(trimSlashes(ownOrigin).toLowerCase(Locale.ROOT))
        || normalised.startsWith("api://");
  }

  // ---- authorisation ----------------------------------------------------------------------

  /** Whether any assignment of {@code objectId} at or above {@code scope} allows {@code action}. */
  boolean allowed(String objectId, String scope, String action) {
    String target = normaliseScope(scope);
    boolean allowed = false;
    for (Grant grant : grants) {
      if (grant.objectId().equalsIgnoreCase(objectId)
          && covers(grant.scope(), target)
          && anyMatch(grant.actions(), action)
          && !anyMatch(grant.notActions(), action)) {
        allowed = true;
        break;
      }
    }
    return allowed;
  }

  boolean allowedData(String objectId, String scope, String dataAction) {
    String target = normaliseScope(scope);
    for (Grant grant : grants) {
      if (grant.objectId().equalsIgnoreCase(objectId)
          && covers(grant.scope(), target)
          && anyMatch(grant.dataActions(), dataAction)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code objectId} holds any assignment at, above or below {@code scope}. */
  boolean anyAccess(String objectId, String scope) {
    String target = normaliseScope(scope);
    for (Grant grant : grants) {
      if (grant.objectId().equalsIgnoreCase(objectId)
          && (covers(grant.scope(), target) || covers(target, grant.scope()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean covers(String assigned, String target) {
    return assigned.equals("/")
        || target.equals(assigned)
        || target.startsWith(assigned.endsWith("/") ? assigned : assigned + "/");
  }

  private static boolean anyMatch(List<Pattern> patterns, String action) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(action).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> patterns(List<String> wildcards) {
    List<Pattern> list = new ArrayList<>();
    for (String wildcard : wildcards) {
      StringBuilder regex = new StringBuilder();
      for (String part : wildcard.split("\\*", -1)) {
        if (regex.length() > 0) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(part));
      }
      list.add(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
    }
    return list;
  }

  static String normaliseScope(String scope) {
    String s = scope.trim().toLowerCase(Locale.ROOT);
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.startsWith("/") ? s : "/" + s;
  }

  /** A principal given as a client id or an object id, as the object id. */
  String resolvePrincipal(String principal) {
    if (identities.containsKey(key(principal))) {
      return principal;
    }
    for (Identity identity : identities.values()) {
      if (identity.clientId().equalsIgnoreCase(principal)) {
        return identity.objectId();
      }
    }
    return principal;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void requireTenant(String tenantId, String what) {
    if (!tenants.containsKey(key(tenantId))) {
      throw new IllegalArgumentException(
          what + " refers to tenant " + tenantId + ", which is not configured; add the tenant");
    }
  }

  private void requireSubscription(String id, String what) {
    if (!subscriptions.containsKey(key(id))) {
      throw new IllegalArgumentException(
          what + " refers to subscription " + id + ", which is not configured; add it");
    }
  }

  private void requireGroup(String subscriptionId, String group, String what) {
    requireSubscription(subscriptionId, what);
    if (resourceGroup(subscriptionId, group) == null) {
      throw new IllegalArgumentException(
          what + " refers to resource group " + group + ", which is not configured; add it");
    }
  }

  private String managedResourceId(ManagedIdentity mi) {
    Subscription first = subscriptions.isEmpty() ? null : subscriptions.values().iterator().next();
    String subscription = first == null ? "00000000-0000-0000-0000-000000000000" : first.id();
    return mi.systemAssigned()
        ? "/subscriptions/"
            + subscription
            + "/resourcegroups/emulator/providers/Microsoft.Compute/virtualMachines/emulator-host"
        : "/subscriptions/"
            + subscription
            + "/resourcegroups/emulator/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
            + mi.name();
  }

  static String trimSlashes(String value) {
    String s = value;
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  static String randomToken(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  static String randomHex(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return HexFormat.of().formatHex(buffer);
  }

  /** 32 hex digits derived from {@code seed}, so ids stay the same between runs. */
  static String stableHex(String seed) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
