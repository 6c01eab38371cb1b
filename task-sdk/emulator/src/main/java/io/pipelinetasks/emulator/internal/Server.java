package io.pipelinetasks.emulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running emulator: one HTTPS listener on loopback that routes by Host header (Entra, ARM and
 * Azure DevOps on {@code localhost}, Kudu, site content and Key Vault on their Azure host names),
 * and one plain-HTTP listener for the managed-identity endpoints. Every request passes the latency,
 * fault rules and journal on its way in.
 */
public final class Server implements AutoCloseable {
  private static final String SCM_SUFFIX = ".scm.azurewebsites.net";
  private static final String SITE_SUFFIX = ".azurewebsites.net";
  private static final String VAULT_SUFFIX = ".vault.azure.net";
  private static final String VSTOKEN_HOST = "vstoken.dev.azure.com";

  private final Config config;
  private final Model model;
  private final Tls tls;
  private final Journal journal = new Journal();
  private final Faults faults = new Faults();
  private final AtomicLong sequence = new AtomicLong();
  private final ExecutorService executor;
  private final List<HttpServer> servers = new ArrayList<>();
  private final Endpoints endpoints;
  private final Tokens tokens;
  private final Entra entra;
  private final DevOps devOps;
  private final Arm arm;
  private final Kudu kudu;
  private final KeyVaultPlane keyVault;
  private final ManagedIdentityEndpoint managedIdentity;
  private final SiteContent siteContent;
  private volatile java.time.Duration latency;

  static {
    // The JDK server writes response headers and body separately; without TCP_NODELAY the body
    // waits for the client's delayed ACK, and every keep-alive request costs about 40 ms. The
    // property is read once, when the JDK's server configuration class loads, so it only takes
    // effect if no HttpServer was created in this JVM before the first emulator.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private Server(Config config) throws IOException {
    this.config = config;
    this.model = new Model(config);
    this.latency = config.latency();
    config.faults().forEach(faults::add);
    this.tls = Tls.generate(certificateNames(), List.of("127.0.0.1", "::1"));
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "azure-emulator-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    InetAddress loopback = InetAddress.getByName(config.bindAddress());
    HttpsServer https = HttpsServer.create(new InetSocketAddress(loopback, config.port()), 128);
    https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    servers.add(https);
    int port = https.getAddress().getPort();
    HttpServer msi =
        HttpServer.create(new InetSocketAddress(loopback, config.managedIdentityPort()), 64);
    servers.add(msi);
    if (loopback.isLoopbackAddress() && loopback.getAddress().length == 4) {
      // Clients that resolve localhost to ::1 first (Node, Python) then find the emulator there.
      try {
        HttpsServer https6 =
            HttpsServer.create(new InetSocketAddress(InetAddress.getByName("::1"), port), 128);
        https6.setHttpsConfigurator(https.getHttpsConfigurator());
        servers.add(https6);
      } catch (IOException | RuntimeException e) {
        // No IPv6 loopback on this machine; IPv4 is enough.
      }
    }
    this.endpoints = new Endpoints(port, msi.getAddress().getPort(), config.cloudName());
    this.tokens = new Tokens(SharedKeys.entra(), SharedKeys.devOps());
    this.entra = new Entra(model, tokens);
    this.devOps = new DevOps(model, tokens);
    this.arm = new Arm(model, tokens, endpoints);
    this.kudu = new Kudu(arm, endpoints, executor);
    this.keyVault = new KeyVaultPlane(model, tokens, endpoints);
    this.managedIdentity =
        new ManagedIdentityEndpoint(model, tokens, config.identityHeader(), endpoints.origin());
    this.siteContent = new SiteContent();
    for (HttpServer server : servers) {
      boolean isMsi = server == msi;
      server.createContext("/", exchange -> dispatch(exchange, isMsi));
      server.setExecutor(executor);
    }
  }

  /** Validates the configuration, binds, and starts serving. */
  public static Server start(Config config) throws IOException {
    Server server = new Server(config);
    Files.createDirectories(config.stateDirectory());
    server.writeHostsFile(config.hostsFile());
    for (HttpServer listener : server.servers) {
      listener.start();
    }
    return server;
  }

  public Path hostsFile() {
    return config.hostsFile();
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public Tls tls() {
    return tls;
  }

  public Journal journal() {
    return journal;
  }

  public Faults faults() {
    return faults;
  }

  public Model model() {
    return model;
  }

  public void latency(java.time.Duration value) {
    this.latency = value;
  }

  /**
   * An access token as Entra would issue it to {@code clientId}, for tests that call ARM directly.
   */
  public String accessToken(String clientId, String resource) {
    for (Model.Identity identity : model.identities.values()) {
      if (identity.clientId().equalsIgnoreCase(clientId)) {
        return tokens.accessToken(
            identity,
            identity.tenantId(),
            Tokens.audienceFor(resource),
            "1",
            java.time.Instant.now(),
            config.accessTokenLifetime());
      }
    }
    throw new IllegalArgumentException(
        "No app registration or managed identity has client id " + clientId);
  }

  /** An OIDC token for a connection of an organisation, as the oidctoken endpoint issues it. */
  public String oidcToken(String organization, String connection) {
    Model.Org org = model.organization(organization);
    if (org == null) {
      throw new IllegalArgumentException("No organisation " + organization);
    }
    var sc = org.connection(connection);
    if (sc == null) {
      throw new IllegalArgumentException(
          "No service connection " + connection + " in " + organization);
    }
    return tokens.oidcToken(
        org, sc, config.issuerStyle(), java.time.Instant.now(), config.oidcTokenLifetime());
  }

  /** Issuer and subject the connection's OIDC tokens carry in the configured style. */
  public String[] federatedIdentity(String organization, String connection) {
    Model.Org org = model.organization(organization);
    var ids = new Tokens.DevOpsIds(org, org.connection(connection));
    return new String[] {ids.issuer(config.issuerStyle()), ids.subject(config.issuerStyle())};
  }

  /** Every host name the emulator serves, for the hosts file. */
  public List<String> hostNames() {
    List<String> names = new ArrayList<>();
    names.add("localhost");
    names.add(VSTOKEN_HOST);
    for (Model.Site site : model.allSites()) {
      names.add(site.label.toLowerCase(Locale.ROOT) + SITE_SUFFIX);
      names.add(site.label.toLowerCase(Locale.ROOT) + SCM_SUFFIX);
    }
    for (Model.Vault vault : model.vaults.values()) {
      names.add(vault.config.name().toLowerCase(Locale.ROOT) + VAULT_SUFFIX);
    }
    return names;
  }

  private List<String> certificateNames() {
    List<String> names = new ArrayList<>(hostNames());
    names.add("*" + SITE_SUFFIX);
    names.add("*" + SCM_SUFFIX);
    names.add("*" + VAULT_SUFFIX);
    return names;
  }

  private void writeHostsFile(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Path temp =
        Files.createTempFile(
            file.getParent() == null ? Path.of(".") : file.getParent(), ".hosts", ".tmp");
    Files.writeString(temp, "127.0.0.1 " + String.join(" ", hostNames()) + "\n");
    // Atomic, so a JVM reading the file concurrently never sees it half written.
    Files.move(
        temp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() {
    for (HttpServer server : servers) {
      server.stop(0);
    }
    executor.shutdownNow();
  }

  // ---- dispatch ------------------------------------------------------------------------------

  private void dispatch(HttpExchange exchange, boolean managedIdentityListener) {
    long started = System.nanoTime();
    Req req;
    try {
      req = new Req(exchange, sequence.incrementAndGet(), "localhost");
    } catch (RuntimeException e) {
      exchange.close();
      return;
    }
    Res res = null;
    try {
      if (req.isForm()) {
        req.form(); // read now, so the journal has the fields whatever the handler does
      }
      sleep(latency);
      var fault = faults.match(req);
      if (fault != null) {
        switch (fault.action()) {
          case DELAY -> sleep(fault.delay());
          case RESET -> {
            // The whole request arrives before the drop, as when a server fails after taking an
            // upload: a client can then tell "lost answer" from "lost request" without racing the
            // close against its own writes.
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            journal.record(req, -1);
            log(req, -1, started);
            exchange.close(); // no response headers sent: the connection is dropped
            return;
          }
          case STATUS -> res = Faults.response(fault);
        }
      }
      if (res == null) {
        try {
          res = managedIdentityListener ? managedIdentityRoute(req) : route(req);
        } catch (ApiException e) {
          res = e.response;
        }
      }
    } catch (ApiException e) {
      res = e.response; // such as a form body too large to read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    } catch (IOException | RuntimeException e) {
      // Only the exception type and where it was thrown go out, never its message, which could
      // quote request content.
      String failure = e.getClass().getSimpleName() + where(e);
      if (config.requestLog() != null) {
        config.requestLog().accept("emulator failure: " + failure);
      }
      res = Res.armError(500, "InternalServerError", "The emulator failed: " + failure);
    }
    // Recorded before the answer goes out, so a client that asserts on the journal right after
    // its response always finds its request there.
    journal.record(req, res.status);
    try {
      send(exchange, req, res);
    } catch (IOException | RuntimeException e) {
      // The client has gone.
    } finally {
      exchange.close();
    }
    log(req, res.status, started);
  }

  private static String where(Throwable e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().startsWith("io.pipelinetasks.")) {
        return " at " + frame.getFileName() + ":" + frame.getLineNumber();
      }
    }
    return "";
  }

  private void log(Req req, int status, long started) {
    if (config.requestLog() != null) {
      config
          .requestLog()
          .accept(
              req.method
                  + " "
                  + req.hostHeader
                  + req.path
                  + " -> "
                  + (status < 0 ? "reset" : status)
                  + " ("
                  + (System.nanoTime() - started) / 1_000_000
                  + " ms)");
    }
  }

  private static void sleep(java.time.Duration duration) throws InterruptedException {
    if (duration != null && !duration.isZero() && !duration.isNegative()) {
      Thread.sleep(duration.toMillis());
    }
  }

  private static void send(HttpExchange exchange, Req req, Res res) throws IOException {
    for (Map.Entry<String, String> header : res.headers) {
      exchange.getResponseHeaders().add(header.getKey(), header.getValue());
    }
    boolean head = req.method.equals("HEAD");
    if (res.file != null) {
      long size = Files.size(res.file);
      exchange.sendResponseHeaders(res.status, head || size == 0 ? -1 : size);
      if (!head && size > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(res.file, out);
        }
      }
      return;
    }
    boolean noBody = head || res.body.length == 0 || res.status == 204 || res.status == 304;
    exchange.sendResponseHeaders(res.status, noBody ? -1 : res.body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(res.body);
      }
    }
  }

  private Res managedIdentityRoute(Req req) {
    if (ManagedIdentityEndpoint.handles(req.segments)) {
      return managedIdentity.handle(req);
    }
    return Res.json(
        404, errorBody("not_found", "Only the managed-identity token endpoints are served here."));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode errorBody(
      String error, String description) {
    var body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    return body;
  }

  private Res route(Req req) throws IOException {
    String host = req.host;
    if (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")) {
      return main(req);
    }
    if (host.endsWith(SCM_SUFFIX)) {
      Model.Site site =
          model.sitesByLabel.get(Model.key(host.substring(0, host.length() - SCM_SUFFIX.length())));
      return site == null ? unknownHost(req) : kudu.handle(req, site);
    }
    if (host.endsWith(SITE_SUFFIX)) {
      Model.Site site =
          model.sitesByLabel.get(
              Model.key(host.substring(0, host.length() - SITE_SUFFIX.length())));
      return site == null ? unknownHost(req) : siteContent.handle(req, site);
    }
    if (host.endsWith(VAULT_SUFFIX)) {
      Model.Vault vault = model.vault(host.substring(0, host.length() - VAULT_SUFFIX.length()));
      return vault == null ? unknownHost(req) : keyVault.handle(req, vault);
    }
    if (host.equals(VSTOKEN_HOST)) {
      List<String> s = req.segments;
      if (s.size() == 3 && s.get(1).equals(".well-known")) {
        return devOps.issuerDocument(req, s.get(0), s.get(2), req.origin() + "/" + s.get(0));
      }
    }
    return unknownHost(req);
  }

  private static Res unknownHost(Req req) {
    return Res.text(
        404,
        "text/plain; charset=utf-8",
        "The emulator serves no resource at host " + req.host + ".");
  }

  private Res main(Req req) throws IOException {
    List<String> s = req.segments;
    if (s.isEmpty()) {
      return Res.text(
          200,
          "text/plain; charset=utf-8",
          "pipelinetasks Azure emulator: Entra ID, Azure DevOps, ARM, Kudu and Key Vault.\n");
    }
    String first = s.get(0).toLowerCase(Locale.ROOT);
    if (ManagedIdentityEndpoint.handles(s)) {
      return managedIdentity.handle(req);
    }
    switch (first) {
      case "subscriptions":
      case "tenants":
      case "metadata":
        return arm.handle(req);
      case "_vstoken":
        if (s.size() == 4 && s.get(2).equals(".well-known")) {
          return devOps.issuerDocument(
              req, s.get(1), s.get(3), req.origin() + "/_vstoken/" + s.get(1));
        }
        return Res.armError(404, "NotFound", "Unknown issuer document " + req.path + ".");
      case "error":
        return Res.text(
            200,
            "text/plain; charset=utf-8",
            "AADSTS" + req.query("code") + ": see the error_description of the failed response.\n");
      case "adfs":
      case "common":
      case "organizations":
        return entra.handle(req);
      default:
        break;
    }
    Model.Org org = model.organization(s.get(0));
    if (org != null && !Entra.handles(s)) {
      return devOps.handle(req, org);
    }
    if (Entra.handles(s)) {
      return entra.handle(req);
    }
    return Res.armError(404, "NotFound", "The emulator serves nothing at " + req.path + ".");
  }
}
