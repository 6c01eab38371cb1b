package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Kudu, the SCM site of a web app at {@code <site>.scm.azurewebsites.net}: zip, war and one-deploy
 * uploads (streamed to disk, then unpacked into the site's {@code wwwroot}), deployment records
 * with their logs, app settings, and a small VFS. It accepts an ARM-audience bearer token, or Basic
 * authentication with the publishing credentials when the site's {@code
 * basicPublishingCredentialsPolicies/scm} allows it.
 */
final class Kudu {
  static final int PENDING = 0;
  static final int BUILDING = 1;
  static final int DEPLOYING = 2;
  static final int FAILED = 3;
  static final int SUCCESS = 4;

  private enum Kind {
    ZIP,
    WAR,
    ONE_DEPLOY
  }

  private final Arm arm;
  private final Endpoints endpoints;
  private final Executor executor;

  Kudu(Arm arm, Endpoints endpoints, Executor executor) {
    this.arm = arm;
    this.endpoints = endpoints;
    this.executor = executor;
  }

  Res handle(Req req, Model.Site site) throws IOException {
    authenticate(req, site);
    List<String> s = req.segments;
    if (s.isEmpty() || !s.get(0).equalsIgnoreCase("api")) {
      return Res.text(
          200,
          "text/html; charset=utf-8",
          "<html><body>Kudu (emulated) for " + site.label + "</body></html>");
    }
    String path = String.join("/", s.subList(1, s.size())).toLowerCase(Locale.ROOT);
    if (path.equals("zipdeploy")) {
      requirePost(req);
      return deploy(req, site, Kind.ZIP);
    }
    if (path.equals("wardeploy")) {
      requirePost(req);
      return deploy(req, site, Kind.WAR);
    }
    if (path.equals("publish")) {
      requirePost(req);
      return deploy(req, site, Kind.ONE_DEPLOY);
    }
    if (path.equals("settings")) {
      synchronized (site) {
        return Res.json(200, ArmDocuments.stringMap(site.appSettings));
      }
    }
    if (path.equals("isdeploying")) {
      boolean deploying;
      synchronized (site) {
        deploying = site.deployments.stream().anyMatch(d -> !d.complete());
      }
      ObjectNode body = Json.object();
      body.put("value", deploying ? "True" : "False");
      return Res.json(200, body);
    }
    if (s.size() >= 2 && s.get(1).equalsIgnoreCase("deployments")) {
      return deployments(req, site, s.subList(2, s.size()));
    }
    if (s.size() >= 2 && s.get(1).equalsIgnoreCase("vfs")) {
      return vfs(req, site, s.subList(2, s.size()));
    }
    return Res.json(404, message("No route registered for '" + req.path + "'"));
  }

  // ---- authentication ---------------------------------------------------------------------

  private void authenticate(Req req, Model.Site site) {
    String authorization = req.header("Authorization");
    if (authorization == null) {
      Res res = Res.text(401, "text/plain; charset=utf-8", "Unauthorized");
      if (site.basicScm) {
        res.header("WWW-Authenticate", "Basic realm=\"site\"");
      }
      throw new ApiException(
          res.header(
              "WWW-Authenticate", "Bearer authorization_uri=\"" + endpoints.origin() + "/\""));
    }
    if (req.bearer() != null) {
      Arm.Caller caller = arm.authenticate(req, List.of("https://appservice.azure.com"));
      arm.authorize(
          caller,
          site.resourceId(),
          site.slot == null
              ? "Microsoft.Web/sites/publish/Action"
              : "Microsoft.Web/sites/slots/publish/Action");
      return;
    }
    String[] basic = req.basic();
    if (basic == null) {
      throw new ApiException(Res.text(401, "text/plain; charset=utf-8", "Unauthorized"));
    }
    if (!site.basicScm) {
      throw new ApiException(
          Res.text(
              401,
              "text/plain; charset=utf-8",
              "Basic authentication is disabled for this site"
                  + " (basicPublishingCredentialsPolicies/scm allow=false)."));
    }
    String user = basic[0];
    int backslash = user.indexOf('\\');
    if (backslash >= 0) {
      user = user.substring(backslash + 1);
    }
    boolean ok =
        user.equals(site.publishingUser)
            && java.security.MessageDigest.isEqual(
                basic[1].getBytes(StandardCharsets.UTF_8),
                site.publishingPassword.getBytes(StandardCharsets.UTF_8));
    if (!ok) {
      throw new ApiException(
          Res.text(401, "text/plain; charset=utf-8", "Unauthorized")
              .header("WWW-Authenticate", "Basic realm=\"site\""));
    }
  }

  private static void requirePost(Req req) {
    if (!req.method.equals("POST")) {
      throw new ApiException(
          Res.json(
              405,
              message(
                  "The requested resource does not support http method '" + req.method + "'.")));
    }
  }

  // ---- deployments --------------------------------------------------------------------------

  private Res deploy(Req req, Model.Site site, Kind kind) throws IOException {
    String type = req.query("type");
    if (kind == Kind.ONE_DEPLOY) {
      if (type == null) {
        return Res.json(
            400,
            message(
                "The 'type' query parameter is required: zip, war, jar, ear, static, startup, lib or script."));
      }
      type = type.toLowerCase(Locale.ROOT);
      if (!Set.of("zip", "war", "jar", "ear", "static", "startup", "lib", "script")
          .contains(type)) {
        return Res.json(400, message("Unsupported type '" + type + "'."));
      }
      if ((type.equals("static") || type.equals("lib")) && req.query("path") == null) {
        return Res.json(
            400, message("The 'path' query parameter is required for type " + type + "."));
      }
    }
    String id = Model.randomHex(16);
    // Where Kudu keeps a deployment (/home/site/deployments/<id>), so the VFS paths the webapp
    // task copies the manifest between exist.
    Path directory = site.root.resolve("site").resolve("deployments").resolve(id);
    Files.createDirectories(directory);
    Path upload = directory.resolve("upload.bin");
    // Straight from the socket to disk: packages can be large, and never sit in memory.
    try (InputStream in = req.bodyStream()) {
      Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
    }
    String deployer = req.query("deployer");
    if (deployer == null) {
      deployer = kind == Kind.ZIP ? "ZipDeploy" : kind == Kind.WAR ? "WarDeploy" : "OneDeploy";
    }
    String message = req.query("message");
    Model.Deployment deployment =
        new Model.Deployment(
            id,
            deployer,
            message == null ? "Created via a push deployment" : message,
            "N/A",
            Instant.now());
    synchronized (site) {
      site.deployments.add(0, deployment);
      log(deployment, "Received deployment request", 0, null);
    }
    boolean async = req.queryFlag("isAsync") || req.queryFlag("async");
    String finalType = type;
    Runnable work = () -> process(req, site, deployment, directory, upload, kind, finalType);
    if (async) {
      executor.execute(work);
      String location =
          req.origin()
              + "/api/deployments/latest?deployer="
              + URLEncoder.encode(deployer, StandardCharsets.UTF_8)
              + "&time="
              + URLEncoder.encode(deployment.received.toString(), StandardCharsets.UTF_8);
      return Res.empty(202)
          .header("Location", location)
          .header("SCM-DEPLOYMENT-ID", id)
          .header("Content-Type", "application/json; charset=utf-8");
    }
    work.run();
    if (deployment.status == FAILED) {
      return Res.text(
          400,
          "text/plain; charset=utf-8",
          "Deployment Failed. deployer = " + deployer + " deploymentPath = " + kind.name());
    }
    return Res.empty(200).header("SCM-DEPLOYMENT-ID", id);
  }

  /** Moves a deployment through building and deploying to success or failure. */
  private void process(
      Req req,
      Model.Site site,
      Model.Deployment deployment,
      Path directory,
      Path upload,
      Kind kind,
      String type) {
    Duration duration = site.deploymentDuration;
    long step = Math.max(0, duration.toMillis() / 3);
    try {
      deployment.status = BUILDING;
      log(deployment, "Fetching changes.", 0, null);
      sleep(step);
      deployment.status = DEPLOYING;
      String failure = site.deploymentFailure;
      if (failure == null) {
        synchronized (site) {
          switch (kind) {
            case ZIP -> syncZip(site, upload, false);
            case WAR -> warDeploy(site, upload, req.query("name"));
            case ONE_DEPLOY -> oneDeploy(req, site, upload, type);
          }
        }
        log(deployment, "Copying files to " + relativeWwwroot(site) + ".", 0, null);
      }
      sleep(step);
      sleep(Math.max(0, duration.toMillis() - 2 * step));
      if (failure != null) {
        fail(site, deployment, failure);
      } else {
        Files.write(directory.resolve("manifest"), manifest(site));
        succeed(site, deployment);
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      fail(site, deployment, "Deployment failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(site, deployment, "Deployment interrupted: the emulator is stopping.");
    }
  }

  /** The files of the site's wwwroot, relative, one per line, as Kudu's manifest lists them. */
  private static List<String> manifest(Model.Site site) throws IOException {
    Path wwwroot = site.wwwroot();
    if (!Files.isDirectory(wwwroot)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(wwwroot)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> wwwroot.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static String relativeWwwroot(Model.Site site) {
    return site.linux() ? "/home/site/wwwroot" : "D:\\home\\site\\wwwroot";
  }

  private void succeed(Model.Site site, Model.Deployment deployment) {
    synchronized (site) {
      log(deployment, "Deployment successful. deployer = " + deployment.deployer, 0, null);
      for (Model.Deployment other : site.deployments) {
        other.active = false;
      }
      deployment.active = true;
      deployment.end = Instant.now();
      deployment.status = SUCCESS;
    }
  }

  private void fail(Model.Site site, Model.Deployment deployment, String message) {
    synchronized (site) {
      List<Model.LogEntry> details = new ArrayList<>();
      details.add(new Model.LogEntry(Model.randomHex(16), Instant.now(), message, 2, List.of()));
      details.add(
          new Model.LogEntry(
              Model.randomHex(16),
              Instant.now(),
              "Error: deployment of " + site.label + " failed.",
              2,
              List.of()));
      log(deployment, "Deployment Failed.", 2, details);
      deployment.statusText = message;
      deployment.end = Instant.now();
      deployment.status = FAILED;
    }
  }

  private static void log(
      Model.Deployment deployment, String message, int type, List<Model.LogEntry> details) {
    synchronized (deployment.log) {
      deployment.log.add(
          new Model.LogEntry(
              Model.randomHex(16),
              Instant.now(),
              message,
              type,
              details == null ? List.of() : List.copyOf(details)));
    }
  }

  private static void sleep(long millis) throws InterruptedException {
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /**
   * Zip deploy semantics: files of the previous zip deployment missing from this one are deleted,
   * everything in this one is written, other files are left alone.
   */
  private static void syncZip(Model.Site site, Path zip, boolean clean) throws IOException {
    Path wwwroot = site.wwwroot();
    Files.createDirectories(wwwroot);
    if (clean) {
      deleteContents(wwwroot);
    }
    Set<String> written = extract(zip, wwwroot);
    for (String previous : site.deployedFiles) {
      if (!written.contains(previous)) {
        Files.deleteIfExists(wwwroot.resolve(previous));
      }
    }
    site.deployedFiles.clear();
    site.deployedFiles.addAll(written);
  }

  private static void warDeploy(Model.Site site, Path war, String name) throws IOException {
    String app = name == null || name.isBlank() ? "ROOT" : name;
    if (app.contains("/") || app.contains("\\") || app.contains("..")) {
      throw new IllegalArgumentException("Invalid war name " + app);
    }
    Path target = site.wwwroot().resolve("webapps").resolve(app);
    Files.createDirectories(target);
    deleteContents(target);
    extract(war, target);
  }

  private static void oneDeploy(Req req, Model.Site site, Path upload, String type)
      throws IOException {
    Path wwwroot = site.wwwroot();
    Files.createDirectories(wwwroot);
    String path = req.query("path");
    switch (type) {
      case "zip" -> {
        if (path != null && !path.isBlank()) {
          Path target = inside(wwwroot, path);
          Files.createDirectories(target);
          extract(upload, target);
        } else {
          syncZip(site, upload, !"false".equalsIgnoreCase(req.query("clean")));
        }
      }
      case "war" -> copy(upload, wwwroot.resolve("app.war"));
      case "jar" -> copy(upload, wwwroot.resolve("app.jar"));
      case "ear" -> copy(upload, wwwroot.resolve("app.ear"));
      case "static" -> copy(upload, inside(wwwroot, path));
      case "lib" -> copy(upload, inside(wwwroot.resolve("libs"), path));
      case "startup" ->
          copy(upload, site.root.resolve("site").resolve("scripts").resolve("startup.sh"));
      default -> copy(upload, site.root.resolve("site").resolve("scripts").resolve("script"));
    }
  }

  private static void copy(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path inside(Path root, String relative) {
    Path target = root.resolve(relative.replace('\\', '/').replaceFirst("^/+", "")).normalize();
    if (!target.startsWith(root)) {
      throw new IllegalArgumentException("The path " + relative + " leaves the site directory");
    }
    return target;
  }

  /** Unpacks a zip from disk entry by entry, refusing entries that would leave {@code target}. */
  private static Set<String> extract(Path zip, Path target) throws IOException {
    Set<String> written = new HashSet<>();
    boolean any = false;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        any = true;
        Path file = inside(target, entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(file);
        } else {
          Files.createDirectories(file.getParent());
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
          written.add(target.relativize(file).toString().replace('\\', '/'));
        }
      }
    }
    if (!any) {
      throw new IllegalArgumentException("the package is not a zip file or is empty");
    }
    return written;
  }

  private static void deleteContents(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(directory)) {
          Files.delete(path);
        }
      }
    }
  }

  private Res deployments(Req req, Model.Site site, List<String> rest) throws IOException {
    if (rest.isEmpty()) {
      ArrayNode list = Json.array();
      synchronized (site) {
        for (Model.Deployment deployment : site.deployments) {
          list.add(document(req, site, deployment));
        }
      }
      return Res.json(200, list);
    }
    String id = rest.get(0);
    if (req.method.equals("PUT") && rest.size() == 1) {
      return putDeployment(req, site, id);
    }
    Model.Deployment deployment = find(site, id);
    if (deployment == null) {
      return Res.json(
          404,
          message(
              id.equalsIgnoreCase("latest")
                  ? "Could not find the latest deployment."
                  : "Could not find deployment '" + id + "'."));
    }
    if (rest.size() == 1) {
      return Res.json(deployment.complete() ? 200 : 202, document(req, site, deployment));
    }
    if (rest.size() == 2 && rest.get(1).equalsIgnoreCase("log")) {
      ArrayNode entries = Json.array();
      synchronized (deployment.log) {
        for (Model.LogEntry entry : deployment.log) {
          entries.add(logDocument(req, deployment, entry, true));
        }
      }
      return Res.json(200, entries);
    }
    if (rest.size() == 3 && rest.get(1).equalsIgnoreCase("log")) {
      synchronized (deployment.log) {
        for (Model.LogEntry entry : deployment.log) {
          if (entry.id().equalsIgnoreCase(rest.get(2))) {
            ArrayNode details = Json.array();
            for (Model.LogEntry detail : entry.details()) {
              details.add(logDocument(req, deployment, detail, false));
            }
            return Res.json(200, details);
          }
        }
      }
      return Res.json(404, message("Could not find log entry '" + rest.get(2) + "'."));
    }
    return Res.json(404, message("No route registered for '" + req.path + "'"));
  }

  private static Model.Deployment find(Model.Site site, String id) {
    synchronized (site) {
      if (id.equalsIgnoreCase("latest")) {
        return site.deployments.isEmpty() ? null : site.deployments.get(0);
      }
      for (Model.Deployment deployment : site.deployments) {
        if (deployment.id.equalsIgnoreCase(id)) {
          return deployment;
        }
      }
      return null;
    }
  }

  /** The record the webapp task writes after a deployment: {@code PUT /api/deployments/{id}}. */
  private Res putDeployment(Req req, Model.Site site, String id) throws IOException {
    JsonNode body = req.json();
    Model.Deployment deployment =
        new Model.Deployment(
            id,
            body.path("deployer").asText("N/A"),
            body.path("message").asText(""),
            body.path("author").asText("N/A"),
            Instant.now());
    deployment.status = body.path("status").asInt(SUCCESS);
    deployment.end = Instant.now();
    deployment.active = body.path("active").asBoolean(false);
    synchronized (site) {
      site.deployments.removeIf(d -> d.id.equalsIgnoreCase(id));
      if (deployment.active) {
        site.deployments.forEach(d -> d.active = false);
      }
      site.deployments.add(0, deployment);
    }
    return Res.json(200, document(req, site, deployment));
  }

  private ObjectNode document(Req req, Model.Site site, Model.Deployment deployment) {
    String url = req.origin() + "/api/deployments/" + deployment.id;
    ObjectNode node = Json.object();
    node.put("id", deployment.id);
    node.put("status", deployment.status);
    node.put("status_text", deployment.statusText);
    node.put("author_email", "N/A");
    node.put("author", deployment.author);
    node.put("deployer", deployment.deployer);
    node.put("message", deployment.message);
    node.put("progress", "");
    node.put("received_time", deployment.received.toString());
    node.put("start_time", deployment.received.toString());
    if (deployment.end != null) {
      node.put("end_time", deployment.end.toString());
    } else {
      node.putNull("end_time");
    }
    if (deployment.status == SUCCESS && deployment.end != null) {
      node.put("last_success_end_time", deployment.end.toString());
    } else {
      node.putNull("last_success_end_time");
    }
    node.put("complete", deployment.complete());
    node.put("active", deployment.active);
    node.put("is_temp", false);
    node.put("is_readonly", true);
    node.put("url", url);
    node.put("log_url", url + "/log");
    node.put("site_name", site.label);
    node.put(
        "provisioningState",
        deployment.status == SUCCESS
            ? "Succeeded"
            : deployment.status == FAILED ? "Failed" : "InProgress");
    return node;
  }

  private static ObjectNode logDocument(
      Req req, Model.Deployment deployment, Model.LogEntry entry, boolean top) {
    ObjectNode node = Json.object();
    node.put("log_time", entry.time().toString());
    node.put("id", entry.id());
    node.put("message", entry.message());
    node.put("type", entry.type());
    if (top && !entry.details().isEmpty()) {
      node.put(
          "details_url", req.origin() + "/api/deployments/" + deployment.id + "/log/" + entry.id());
    } else {
      node.putNull("details_url");
    }
    return node;
  }

  // ---- VFS ------------------------------------------------------------------------------------

  private Res vfs(Req req, Model.Site site, List<String> rest) throws IOException {
    Path root = site.root;
    String relative = String.join("/", rest);
    Path target = inside(root, relative);
    boolean directory = req.path.endsWith("/");
    switch (req.method) {
      case "GET":
        if (Files.isDirectory(target)) {
          ArrayNode list = Json.array();
          try (Stream<Path> children = Files.list(target)) {
            for (Path child : children.sorted().toList()) {
              ObjectNode node = list.addObject();
              String childPath = root.relativize(child).toString().replace('\\', '/');
              node.put("name", child.getFileName().toString());
              node.put("size", Files.isDirectory(child) ? 0 : Files.size(child));
              node.put("mtime", Files.getLastModifiedTime(child).toInstant().toString());
              node.put(
                  "mime",
                  Files.isDirectory(child) ? "inode/directory" : "application/octet-stream");
              node.put(
                  "href",
                  req.origin() + "/api/vfs/" + childPath + (Files.isDirectory(child) ? "/" : ""));
              node.put("path", "/home/" + childPath);
            }
          }
          return Res.json(200, list);
        }
        if (Files.isRegularFile(target)) {
          return Res.file(200, "application/octet-stream", target);
        }
        return Res.json(404, message("'" + relative + "' not found."));
      case "PUT":
        if (directory) {
          Files.createDirectories(target);
          return Res.empty(201);
        }
        boolean exists = Files.exists(target);
        if (exists && req.header("If-Match") == null) {
          return Res.json(
              412,
              message("The file exists: send If-Match: * (or the file's ETag) to overwrite it."));
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = req.bodyStream()) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return Res.empty(exists ? 204 : 201);
      case "DELETE":
        if (!Files.exists(target)) {
          return Res.json(404, message("'" + relative + "' not found."));
        }
        if (Files.isDirectory(target)) {
          deleteContents(target);
        }
        Files.delete(target);
        return Res.empty(200);
      default:
        return Res.json(405, message("Method not allowed."));
    }
  }

  static ObjectNode message(String text) {
    ObjectNode node = Json.object();
    node.put("Message", text);
    return node;
  }
}
