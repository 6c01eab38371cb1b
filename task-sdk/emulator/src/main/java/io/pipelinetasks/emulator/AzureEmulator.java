package io.pipelinetasks.emulator;

import io.pipelinetasks.emulator.internal.AgentEnvironment;
import io.pipelinetasks.emulator.internal.Config;
import io.pipelinetasks.emulator.internal.DemoCertificate;
import io.pipelinetasks.emulator.internal.FederationIds;
import io.pipelinetasks.emulator.internal.JsonConfig;
import io.pipelinetasks.emulator.internal.Server;
import io.pipelinetasks.emulator.internal.SharedKeys;
import io.pipelinetasks.emulator.internal.Snapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A local Azure for tests and demos: Entra ID token endpoints, the Azure DevOps {@code oidctoken}
 * endpoint, ARM, Kudu and the Key Vault data plane over HTTPS on loopback, plus the
 * managed-identity endpoints over plain HTTP. Built with {@link #builder()}, started with {@link
 * Builder#start()}, stopped with {@link #close()}.
 *
 * <pre>{@code
 * try (AzureEmulator azure = AzureEmulator.builder().demo().start()) {
 *   var credential = new ClientSecretCredentialBuilder()
 *       .authorityHost(azure.baseUrl().toString())
 *       .tenantId(Demo.TENANT_ID).clientId(DemoConnection.SECRET.clientId())
 *       .clientSecret(Demo.CLIENT_SECRET).disableInstanceDiscovery()
 *       .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(azure.sslContext())).build())
 *       .build();
 * }
 * }</pre>
 *
 * <p>Host names: Entra, ARM and Azure DevOps answer on {@code localhost}; Kudu on {@code
 * <site>.scm.azurewebsites.net}, web app content on {@code <site>.azurewebsites.net}, Key Vault on
 * {@code <vault>.vault.azure.net}, all on the same port. Clients reach those names through {@link
 * #hostsFile()} ({@code -Djdk.net.hosts.file}); the TLS certificate, issued by the emulator's own
 * CA ({@link #caPemFile()}, {@link #sslContext()}), covers them all.
 */
public final class AzureEmulator implements AutoCloseable {
  /** The cloud name in the {@code 2022-09-01} cloud metadata and in connections' environment. */
  public static final String CLOUD_NAME = "AzureEmulator";

  /** The password of {@link #trustStore()}. */
  public static final String TRUST_STORE_PASSWORD = "changeit";

  private final Server server;
  private final Path stateDirectory;
  private final boolean deleteStateDirectory;
  private final Path hostsFile;
  private final Path caPem;
  private final String identityHeader;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Path trustStore;
  private final CompletableFuture<ClientCertificate> demoCertificate;

  private AzureEmulator(
      Server server,
      Path stateDirectory,
      boolean deleteStateDirectory,
      String identityHeader,
      CompletableFuture<ClientCertificate> demoCertificate)
      throws IOException {
    this.demoCertificate = demoCertificate;
    this.server = server;
    this.stateDirectory = stateDirectory;
    this.deleteStateDirectory = deleteStateDirectory;
    this.hostsFile = server.hostsFile();
    this.identityHeader = identityHeader;
    this.caPem =
        Files.writeString(
            stateDirectory.resolve("ca.pem"), server.tls().caPem(), StandardCharsets.US_ASCII);
  }

  /** A builder with nothing configured; call {@link Builder#demo()} for the demo organisation. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- where it is -----------------------------------------------------------------------

  /** {@code https://localhost:<port>/}: Entra authority host, ARM endpoint, Azure DevOps host. */
  public URI baseUrl() {
    return URI.create(server.endpoints().origin() + "/");
  }

  /** The HTTPS port. */
  public int port() {
    return server.endpoints().port();
  }

  /** {@code http://127.0.0.1:<port>/}: the managed-identity endpoints. */
  public URI managedIdentityUrl() {
    return URI.create(server.endpoints().managedIdentityOrigin() + "/");
  }

  /** The collection URI of an organisation, such as {@code https://localhost:<port>/demo-org/}. */
  public URI collectionUrl(String organization) {
    return URI.create(server.endpoints().origin() + "/" + organization + "/");
  }

  /** {@code https://<vault>.vault.azure.net:<port>/}; resolvable through {@link #hostsFile()}. */
  public URI keyVaultUrl(String vault) {
    return URI.create("https://" + vault + "." + server.endpoints().keyVaultDnsSuffix() + "/");
  }

  /** {@code https://<site>.scm.azurewebsites.net:<port>/}, the Kudu endpoint of a site or slot. */
  public URI kuduUrl(String webApp, String slot) {
    return URI.create("https://" + label(webApp, slot) + ".scm.azurewebsites.net:" + port() + "/");
  }

  /** The cloud name ({@value #CLOUD_NAME}). */
  public String cloudName() {
    return server.endpoints().cloudName();
  }

  /** The state directory: CA files, hosts file, site content, uploaded packages. */
  public Path stateDirectory() {
    return stateDirectory;
  }

  // ---- trust -------------------------------------------------------------------------------

  /** The emulator's CA certificate, fresh at every start. */
  public X509Certificate caCertificate() {
    return server.tls().ca();
  }

  /**
   * The CA certificate in PEM, for {@code REQUESTS_CA_BUNDLE}, {@code SSL_CERT_FILE} and {@code
   * AGENT_CAINFO}.
   */
  public Path caPemFile() {
    return caPem;
  }

  /**
   * The CA in a PKCS12 trust store (password {@value #TRUST_STORE_PASSWORD}), written on first use.
   */
  public Path trustStore() {
    Path store = trustStore;
    if (store == null) {
      synchronized (this) {
        store = trustStore;
        if (store == null) {
          store = stateDirectory.resolve("truststore.p12");
          try {
            server.tls().writeTrustStore(store, TRUST_STORE_PASSWORD.toCharArray());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          trustStore = store;
        }
      }
    }
    return store;
  }

  /** A client {@link SSLContext} that trusts the emulator's CA (and nothing else). */
  public SSLContext sslContext() {
    return server.tls().clientContext();
  }

  /**
   * The hosts file ({@code 127.0.0.1 localhost <every name served>}) for {@code
   * -Djdk.net.hosts.file}. It replaces name resolution for the whole JVM, so it lists {@code
   * localhost} too.
   */
  public Path hostsFile() {
    return hostsFile;
  }

  /** Every host name the emulator serves. */
  public List<String> hostNames() {
    return List.copyOf(server.hostNames());
  }

  // ---- observation and faults --------------------------------------------------------------

  /** The journal of received requests, secrets redacted. */
  public RequestJournal journal() {
    return server.journal();
  }

  /** Adds a fault rule after the configured ones. */
  public void addFault(FaultRule rule) {
    server.faults().add(Objects.requireNonNull(rule, "rule"));
  }

  /** Removes every fault rule. */
  public void clearFaults() {
    server.faults().clear();
  }

  /** How many requests {@code rule} has been applied to. */
  public int faultApplications(FaultRule rule) {
    return server.faults().applied(rule);
  }

  /** Changes the latency added to every request. */
  public void setLatency(Duration latency) {
    server.latency(Objects.requireNonNull(latency, "latency"));
  }

  // ---- environments ------------------------------------------------------------------------

  /**
   * The agent environment a task would get in a job of the first configured organisation (the demo
   * organisation after {@link Builder#demo()}): system variables, the job access token as a secret
   * variable and as the system connection, every service connection's {@code ENDPOINT_*} variables
   * under its id and its name, and {@code AGENT_CAINFO}. {@code AGENT_TEMPDIRECTORY} is left to the
   * caller.
   */
  public Map<String, String> agentEnvironment() {
    return AgentEnvironment.agent(server, null, caPem);
  }

  /** The agent environment for a job of {@code organization}. */
  public Map<String, String> agentEnvironment(String organization) {
    return AgentEnvironment.agent(server, Objects.requireNonNull(organization), caPem);
  }

  /**
   * What the real {@code az} needs: {@code ARM_CLOUD_METADATA_URL} (cloud {@link #cloudName()}),
   * {@code REQUESTS_CA_BUNDLE}, {@code SSL_CERT_FILE} and {@code AZURE_CORE_COLLECT_TELEMETRY}.
   */
  public Map<String, String> azureCliEnvironment() {
    return AgentEnvironment.azureCli(server.endpoints(), caPem);
  }

  /**
   * Managed-identity redirection: {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} (App
   * Service form, which MSAL prefers) and {@code AZURE_POD_IDENTITY_AUTHORITY_HOST} (IMDS form).
   * MSAL reads them from the real process environment only.
   */
  public Map<String, String> managedIdentityEnvironment() {
    return AgentEnvironment.managedIdentity(server.endpoints(), identityHeader);
  }

  /**
   * Writes {@link #agentEnvironment()}, {@link #azureCliEnvironment()} and {@link
   * #managedIdentityEnvironment()} to {@code file} in the {@link EnvFile} format.
   */
  public Path writeEnvFile(Path file) {
    Map<String, String> all = new LinkedHashMap<>(agentEnvironment());
    all.putAll(azureCliEnvironment());
    all.putAll(managedIdentityEnvironment());
    EnvFile.write(all, file);
    return file;
  }

  /** A summary of every endpoint, file and id, for a terminal; contains no secret. */
  public String describe() {
    return AgentEnvironment.describe(server, caPem, hostsFile, stateDirectory);
  }

  // ---- tokens for tests --------------------------------------------------------------------

  /**
   * An access token for the app registration or managed identity with {@code clientId}, as Entra
   * would issue it for {@code resource} (such as {@code https://management.azure.com/}).
   */
  public String accessToken(String clientId, String resource) {
    return server.accessToken(clientId, resource);
  }

  /** An OIDC token for a service connection (id or name) of the first organisation. */
  public String oidcToken(String connection) {
    return server.oidcToken(firstOrganization(), connection);
  }

  private String firstOrganization() {
    return server.model().organizationNames().stream()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No Azure DevOps organisation is configured"));
  }

  /**
   * The certificate and private key of {@link DemoConnection#CERT}, registered on its app (the same
   * PEM is in the connection's {@code servicePrincipalCertificate}).
   *
   * @throws IllegalStateException when the demo organisation is not configured
   */
  public ClientCertificate demoCertificate() {
    if (demoCertificate == null) {
      throw new IllegalStateException("The demo organisation is not configured");
    }
    SharedKeys.prefetch();
    return demoCertificate.join();
  }

  // ---- web apps ----------------------------------------------------------------------------

  /** A snapshot of a web app's production site. */
  public WebAppState webApp(String name) {
    return webApp(name, null);
  }

  /** A snapshot of a web app's slot, or of its production site when {@code slot} is null. */
  public WebAppState webApp(String name, String slot) {
    return Snapshots.webApp(server.model(), name, slot);
  }

  /** The wwwroot directory of a web app's production site. */
  public Path wwwroot(String webApp) {
    return webApp(webApp).wwwroot();
  }

  /**
   * Changes how the next deployments of a site behave: how long they take and whether they fail
   * (with {@code failureMessage} in the Kudu log) or succeed ({@code null}).
   */
  public void configureDeployments(
      String webApp, String slot, Duration duration, String failureMessage) {
    Snapshots.configureDeployments(
        server.model(), webApp, slot, Objects.requireNonNull(duration), failureMessage);
  }

  private static String label(String webApp, String slot) {
    return slot == null ? webApp : webApp + "-" + slot;
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** Blocks until {@link #close()} is called, for a command that runs until interrupted. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Stops both listeners and deletes the state directory if the emulator created it. */
  @Override
  public void close() {
    if (closed.getCount() == 0) {
      return;
    }
    server.close();
    closed.countDown();
    if (deleteStateDirectory) {
      try (Stream<Path> walk = Files.walk(stateDirectory)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        // A leftover temporary directory is harmless.
      }
    }
  }

  /**
   * Configures an emulator. Resources are kept by name (tenants and subscriptions by id): adding
   * one with the name of an existing one replaces it, and the {@code update…} methods change one in
   * place, which is how a test adjusts the demo organisation.
   */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port;
    private int managedIdentityPort;
    private Path stateDirectory;
    private Path hostsFile;
    private final Map<String, Tenant> tenants = new LinkedHashMap<>();
    private final Map<String, AppRegistration> apps = new LinkedHashMap<>();
    private final Map<String, ManagedIdentity> managedIdentities = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, ResourceGroup> resourceGroups = new LinkedHashMap<>();
    private final Map<String, WebApp> webApps = new LinkedHashMap<>();
    private final Map<String, KeyVault> keyVaults = new LinkedHashMap<>();
    private final List<RoleAssignment> roleAssignments = new ArrayList<>();
    private final Map<String, DevOpsOrganization> organizations = new LinkedHashMap<>();
    private final List<FaultRule> faults = new ArrayList<>();
    private final List<String> extraResources = new ArrayList<>();
    private IssuerStyle issuerStyle = IssuerStyle.AZURE_DEVOPS;
    private Duration oidcTokenLifetime = Duration.ofMinutes(10);
    private Duration accessTokenLifetime = Duration.ofSeconds(3599);
    private Duration managedIdentityTokenLifetime = Duration.ofSeconds(86399);
    private Duration latency = Duration.ZERO;
    private String identityHeader;
    private Consumer<String> requestLog;
    private CompletableFuture<ClientCertificate> demoCertificate;

    private Builder() {}

    /** The HTTPS port; 0 (the default) picks a free one. */
    public Builder port(int value) {
      this.port = checkPort(value);
      return this;
    }

    /** The managed-identity (plain HTTP) port; 0 (the default) picks a free one. */
    public Builder managedIdentityPort(int value) {
      this.managedIdentityPort = checkPort(value);
      return this;
    }

    private static int checkPort(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("Not a port: " + value);
      }
      return value;
    }

    /** The loopback address to bind; {@code 127.0.0.1} by default. */
    public Builder bindAddress(String address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Where site content, uploads, the CA and the hosts file go. By default a new temporary
     * directory, deleted on {@link #close()}; a given directory is kept.
     */
    public Builder stateDirectory(Path directory) {
      this.stateDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Where to write the hosts file; by default {@code hosts} in the state directory. Tests point
     * it at the path their JVM got as {@code -Djdk.net.hosts.file}.
     */
    public Builder hostsFile(Path file) {
      this.hostsFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Adds or replaces a tenant. */
    public Builder tenant(Tenant tenant) {
      tenants.put(key(tenant.id()), tenant);
      return this;
    }

    /** Adds or replaces an app registration (by tenant and client id). */
    public Builder app(AppRegistration app) {
      apps.put(key(app.tenantId() + "|" + app.clientId()), app);
      return this;
    }

    /** Changes the app registration with {@code clientId}. */
    public Builder updateApp(String clientId, UnaryOperator<AppRegistration> change) {
      String found =
          apps.keySet().stream()
              .filter(k -> k.endsWith("|" + key(clientId)))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("No app with client id " + clientId));
      AppRegistration changed = change.apply(apps.get(found));
      apps.remove(found);
      return app(changed);
    }

    /** Adds or replaces a managed identity of the emulated host (by client id). */
    public Builder managedIdentity(ManagedIdentity identity) {
      managedIdentities.put(key(identity.clientId()), identity);
      return this;
    }

    /** Adds or replaces a subscription. */
    public Builder subscription(Subscription subscription) {
      subscriptions.put(key(subscription.id()), subscription);
      return this;
    }

    /** Adds or replaces a resource group. */
    public Builder resourceGroup(ResourceGroup group) {
      resourceGroups.put(key(group.subscriptionId() + "|" + group.name()), group);
      return this;
    }

    /** Adds or replaces a web app (by name: site names are global, as their host names are). */
    public Builder webApp(WebApp app) {
      webApps.put(key(app.name()), app);
      return this;
    }

    /** Changes the web app named {@code name}. */
    public Builder updateWebApp(String name, UnaryOperator<WebApp> change) {
      WebApp app = webApps.get(key(name));
      if (app == null) {
        throw new IllegalArgumentException("No web app named " + name);
      }
      return webApp(change.apply(app));
    }

    /** Adds or replaces a key vault (by name). */
    public Builder keyVault(KeyVault vault) {
      keyVaults.put(key(vault.name()), vault);
      return this;
    }

    /** Changes the key vault named {@code name}. */
    public Builder updateKeyVault(String name, UnaryOperator<KeyVault> change) {
      KeyVault vault = keyVaults.get(key(name));
      if (vault == null) {
        throw new IllegalArgumentException("No key vault named " + name);
      }
      return keyVault(change.apply(vault));
    }

    /** Adds a role assignment. */
    public Builder roleAssignment(RoleAssignment assignment) {
      roleAssignments.add(Objects.requireNonNull(assignment, "assignment"));
      return this;
    }

    /** Removes every role assignment of {@code principal} (client id or object id). */
    public Builder removeRoleAssignments(String principal) {
      roleAssignments.removeIf(a -> a.principal().equalsIgnoreCase(principal));
      return this;
    }

    /** Adds or replaces an Azure DevOps organisation. */
    public Builder organization(DevOpsOrganization organization) {
      organizations.put(key(organization.name()), organization);
      return this;
    }

    /** Which issuer signs OIDC tokens; {@link IssuerStyle#AZURE_DEVOPS} by default. */
    public Builder issuerStyle(IssuerStyle style) {
      this.issuerStyle = Objects.requireNonNull(style, "style");
      return this;
    }

    /**
     * The lifetime of OIDC tokens ({@code exp - nbf}); 10 minutes by default, as in Azure DevOps.
     */
    public Builder oidcTokenLifetime(Duration lifetime) {
      this.oidcTokenLifetime = positive(lifetime);
      return this;
    }

    /** The lifetime of access tokens from the token endpoints; 3599 s by default. */
    public Builder accessTokenLifetime(Duration lifetime) {
      this.accessTokenLifetime = positive(lifetime);
      return this;
    }

    /** The lifetime of managed-identity tokens; about 24 hours by default, as in Azure. */
    public Builder managedIdentityTokenLifetime(Duration lifetime) {
      this.managedIdentityTokenLifetime = positive(lifetime);
      return this;
    }

    private static Duration positive(Duration value) {
      if (value == null || value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("A lifetime must be positive: " + value);
      }
      return value;
    }

    /** A delay added to every request, for benchmarks; zero by default. */
    public Builder latency(Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException("Latency must not be negative: " + value);
      }
      this.latency = value;
      return this;
    }

    /** Adds a fault rule. */
    public Builder fault(FaultRule rule) {
      faults.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Another resource the token endpoints issue tokens for (such as {@code api://my-api}). */
    public Builder resource(String resource) {
      extraResources.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /** The App Service {@code IDENTITY_HEADER} value; random by default. */
    public Builder identityHeader(String value) {
      this.identityHeader = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Receives one line per request ({@code METHOD host/path -> status (ms)}); never a body. */
    public Builder requestLog(Consumer<String> log) {
      this.requestLog = log;
      return this;
    }

    /** Applies a JSON configuration file (format in the module README). */
    public Builder config(Path file) {
      try {
        JsonConfig.apply(this, Files.readString(file, StandardCharsets.UTF_8), file.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /**
     * Applies a JSON configuration given as text; relative paths resolve against the working
     * directory.
     */
    public Builder configJson(String json) {
      JsonConfig.apply(this, json, null);
      return this;
    }

    /**
     * Adds the fixed demo organisation ({@link Demo}, {@link DemoConnection}): tenant, subscription
     * {@code demo-sub}, resource group {@code demo-rg}, the four connections with their identities
     * (each Contributor on the subscription and allowed to get and list secrets), the vault {@code
     * demo-kv}, the Linux web app {@code demo-app} with slot {@code staging} and the Windows web
     * app {@code demo-winapp}.
     */
    public Builder demo() {
      String t = Demo.TENANT_ID;
      String sub = Demo.SUBSCRIPTION_ID;
      tenant(new Tenant(t, "demo-tenant"));
      subscription(new Subscription(sub, Demo.SUBSCRIPTION_NAME, t));
      resourceGroup(new ResourceGroup(sub, Demo.RESOURCE_GROUP, Demo.LOCATION));
      if (demoCertificate == null) {
        demoCertificate = DemoCertificate.generate();
      }
      app(
          AppRegistration.of(t, DemoConnection.WIF.clientId())
              .withDisplayName("demo-wif-app")
              .withFederatedCredential(
                  new FederatedCredential(
                      "azure-devops-issuer",
                      FederationIds.devOpsIssuer(Demo.ORGANIZATION_ID),
                      FederationIds.devOpsSubject(
                          Demo.ORGANIZATION, Demo.PROJECT, DemoConnection.WIF.connectionName()),
                      null))
              .withFederatedCredential(
                  new FederatedCredential(
                      "entra-issuer",
                      FederationIds.entraIssuer(t),
                      FederationIds.entraSubject(
                          t, Demo.ORGANIZATION_ID, DemoConnection.WIF.connectionId()),
                      null)));
      app(
          AppRegistration.of(t, DemoConnection.SECRET.clientId())
              .withDisplayName("demo-secret-app")
              .withSecret(Demo.CLIENT_SECRET));
      // Its certificate is added at start-up, once the background key exists.
      app(AppRegistration.of(t, DemoConnection.CERT.clientId()).withDisplayName("demo-cert-app"));
      managedIdentity(
          ManagedIdentity.userAssigned(
              t, DemoConnection.MSI.clientId(), Demo.USER_ASSIGNED_IDENTITY));
      managedIdentity(ManagedIdentity.systemAssigned(t, Demo.SYSTEM_ASSIGNED_CLIENT_ID));
      List<String> principals = new ArrayList<>();
      for (DemoConnection connection : DemoConnection.values()) {
        principals.add(connection.clientId());
      }
      principals.add(Demo.SYSTEM_ASSIGNED_CLIENT_ID);
      for (String principal : principals) {
        roleAssignment(new RoleAssignment(principal, "/subscriptions/" + sub, Role.CONTRIBUTOR));
      }
      webApp(
          WebApp.linux(sub, Demo.RESOURCE_GROUP, Demo.WEB_APP)
              .withRuntime("NODE|20-lts")
              .withSlot(Demo.SLOT));
      webApp(WebApp.windows(sub, Demo.RESOURCE_GROUP, Demo.WINDOWS_WEB_APP).withBasicAuth(false));
      Map<String, String> values = Demo.SECRET_VALUES;
      KeyVault vault =
          KeyVault.of(sub, Demo.RESOURCE_GROUP, Demo.VAULT, t)
              .withSecret(Demo.SECRET_PASSWORD, values.get(Demo.SECRET_PASSWORD))
              .withSecret(Demo.SECRET_CONNECTION_STRING, values.get(Demo.SECRET_CONNECTION_STRING))
              .withSecret(Demo.SECRET_MULTILINE, values.get(Demo.SECRET_MULTILINE))
              .withSecret(
                  VaultSecret.of(Demo.SECRET_JSON, values.get(Demo.SECRET_JSON))
                      .withContentType("application/json"))
              .withSecret(Demo.SECRET_ROTATED, Demo.ROTATED_OLD_VALUE)
              .withSecret(Demo.SECRET_ROTATED, values.get(Demo.SECRET_ROTATED))
              .withSecret(
                  VaultSecret.of(Demo.SECRET_DISABLED, values.get(Demo.SECRET_DISABLED)).disabled())
              .withSecret(
                  VaultSecret.of(Demo.SECRET_EXPIRED, values.get(Demo.SECRET_EXPIRED))
                      .expiringOn(Demo.EXPIRED_ON))
              .withSecret(
                  VaultSecret.of(Demo.SECRET_NOT_YET_VALID, values.get(Demo.SECRET_NOT_YET_VALID))
                      .notBefore(Demo.NOT_BEFORE));
      for (String principal : principals) {
        vault = vault.withAccessPolicy(principal, "get", "list");
      }
      keyVault(vault);
      organization(
          new DevOpsOrganization(
              Demo.ORGANIZATION,
              Demo.ORGANIZATION_ID,
              Demo.PROJECT,
              Demo.PROJECT_ID,
              Demo.PLAN_ID,
              Demo.JOB_ID,
              null,
              List.of(
                  ServiceConnection.workloadIdentity(
                      DemoConnection.WIF.connectionName(),
                      DemoConnection.WIF.connectionId(),
                      t,
                      DemoConnection.WIF.clientId(),
                      sub),
                  ServiceConnection.servicePrincipalSecret(
                      DemoConnection.SECRET.connectionName(),
                      DemoConnection.SECRET.connectionId(),
                      t,
                      DemoConnection.SECRET.clientId(),
                      Demo.CLIENT_SECRET,
                      sub),
                  ServiceConnection.servicePrincipalCertificate(
                      DemoConnection.CERT.connectionName(),
                      DemoConnection.CERT.connectionId(),
                      t,
                      DemoConnection.CERT.clientId(),
                      DemoCertificate.PENDING_PEM,
                      sub),
                  ServiceConnection.managedIdentity(
                      DemoConnection.MSI.connectionName(),
                      DemoConnection.MSI.connectionId(),
                      t,
                      DemoConnection.MSI.clientId(),
                      sub))));
      return this;
    }

    /** Starts the emulator; it serves until {@link AzureEmulator#close()}. */
    public AzureEmulator start() {
      try {
        boolean temporary = stateDirectory == null;
        Path state =
            temporary
                ? Files.createTempDirectory("azure-emulator-")
                : stateDirectory.toAbsolutePath();
        Path hosts = hostsFile == null ? state.resolve("hosts") : hostsFile.toAbsolutePath();
        String header = identityHeader == null ? UUID.randomUUID().toString() : identityHeader;
        Config config =
            new Config(
                bindAddress,
                port,
                managedIdentityPort,
                state,
                hosts,
                new ArrayList<>(tenants.values()),
                new ArrayList<>(apps.values()),
                new ArrayList<>(managedIdentities.values()),
                new ArrayList<>(subscriptions.values()),
                new ArrayList<>(resourceGroups.values()),
                new ArrayList<>(webApps.values()),
                new ArrayList<>(keyVaults.values()),
                roleAssignments,
                new ArrayList<>(organizations.values()),
                issuerStyle,
                oidcTokenLifetime,
                accessTokenLifetime,
                managedIdentityTokenLifetime,
                latency,
                faults,
                extraResources,
                header,
                requestLog,
                CLOUD_NAME,
                DemoConnection.CERT.clientId(),
                demoCertificate);
        Server server;
        try {
          server = Server.start(config);
        } catch (IOException | RuntimeException e) {
          if (temporary) {
            deleteQuietly(state);
          }
          throw e;
        }
        // Token-signing and demo-certificate keys are made in the background from now on.
        SharedKeys.prefetch();
        return new AzureEmulator(server, state, temporary, header, demoCertificate);
      } catch (IOException e) {
        throw new UncheckedIOException("The Azure emulator could not start: " + e.getMessage(), e);
      }
    }

    private static void deleteQuietly(Path directory) {
      try (Stream<Path> walk = Files.walk(directory)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        // Best effort.
      }
    }

    private static String key(String value) {
      return value.toLowerCase(Locale.ROOT);
    }
  }
}
