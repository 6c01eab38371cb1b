package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.emulator.ResourceGroup;
import io.pipelinetasks.emulator.Subscription;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code Microsoft.Web/sites} part of ARM, for sites and their slots. */
final class WebApps {
  private final Arm arm;
  private final Model model;
  private final Endpoints endpoints;

  WebApps(Arm arm, Model model, Endpoints endpoints) {
    this.arm = arm;
    this.model = model;
    this.endpoints = endpoints;
  }

  Res handle(
      Req req, Arm.Caller caller, Subscription subscription, ResourceGroup group, List<String> rest)
      throws IOException {
    if (rest.isEmpty()) {
      Arm.requireMethod(req, "GET");
      ArrayNode value = Json.array();
      for (Model.Site site : model.allSites()) {
        if (site.slot == null
            && site.app.subscriptionId().equalsIgnoreCase(subscription.id())
            && site.app.resourceGroup().equalsIgnoreCase(group.name())
            && model.allowed(caller.objectId(), site.resourceId(), "Microsoft.Web/sites/read")) {
          value.add(document(site));
        }
      }
      return Arm.list(value);
    }
    Model.Site site = model.site(subscription.id(), group.name(), rest.get(0), null);
    if (site == null) {
      return Arm.resourceNotFound("Microsoft.Web/sites", rest.get(0), group.name());
    }
    List<String> ops = rest.subList(1, rest.size());
    if (!ops.isEmpty() && ops.get(0).equalsIgnoreCase("slots")) {
      if (ops.size() == 1) {
        Arm.requireMethod(req, "GET");
        ArrayNode value = Json.array();
        for (String slot : site.app.slots()) {
          Model.Site slotSite = model.site(subscription.id(), group.name(), site.app.name(), slot);
          if (model.allowed(
              caller.objectId(), slotSite.resourceId(), "Microsoft.Web/sites/slots/read")) {
            value.add(document(slotSite));
          }
        }
        return Arm.list(value);
      }
      Model.Site slotSite =
          model.site(subscription.id(), group.name(), site.app.name(), ops.get(1));
      if (slotSite == null) {
        return Arm.resourceNotFound(
            "Microsoft.Web/sites/" + site.app.name() + "/slots", ops.get(1), group.name());
      }
      return operations(
          req, caller, slotSite, ops.subList(2, ops.size()), "Microsoft.Web/sites/slots");
    }
    return operations(req, caller, site, ops, "Microsoft.Web/sites");
  }

  private ObjectNode document(Model.Site site) {
    return ArmDocuments.site(
        site, arm.location(site.app.subscriptionId(), site.app.resourceGroup()), endpoints.port());
  }

  private String location(Model.Site site) {
    return arm.location(site.app.subscriptionId(), site.app.resourceGroup());
  }

  private Res operations(Req req, Arm.Caller caller, Model.Site site, List<String> ops, String type)
      throws IOException {
    String id = site.resourceId();
    String path = String.join("/", ops).toLowerCase(Locale.ROOT);
    switch (path) {
      case "":
        Arm.requireMethod(req, "GET");
        arm.authorize(caller, id, type + "/read");
        return Res.json(200, document(site));
      case "config/web":
        return configWeb(req, caller, site, type);
      case "config/logs":
        Arm.requireMethod(req, "GET", "PUT");
        arm.authorize(
            caller,
            id + "/config/logs",
            type + (req.method.equals("GET") ? "/config/read" : "/config/write"));
        return Res.json(
            200, ArmDocuments.config(site, "logs", location(site), ArmDocuments.logsConfig()));
      case "config/appsettings/list":
        return nameValueConfig(req, caller, site, type, "appsettings", site.appSettings, false);
      case "config/appsettings":
        return nameValueConfig(req, caller, site, type, "appsettings", site.appSettings, true);
      case "config/metadata/list":
        return nameValueConfig(req, caller, site, type, "metadata", site.metadata, false);
      case "config/metadata":
        return nameValueConfig(req, caller, site, type, "metadata", site.metadata, true);
      case "config/slotconfignames":
        return slotConfigNames(req, caller, site, type);
      case "config/publishingcredentials/list":
        Arm.requireMethod(req, "POST");
        arm.authorize(caller, id + "/config/publishingcredentials", type + "/config/list/action");
        return Res.json(200, publishingCredentials(site));
      case "basicpublishingcredentialspolicies":
        Arm.requireMethod(req, "GET");
        arm.authorize(caller, id, type + "/basicPublishingCredentialsPolicies/read");
        ArrayNode policies = Json.array();
        policies.add(policy(site, "ftp"));
        policies.add(policy(site, "scm"));
        return Arm.list(policies);
      case "basicpublishingcredentialspolicies/scm":
      case "basicpublishingcredentialspolicies/ftp":
        return basicPolicy(req, caller, site, type, ops.get(1).toLowerCase(Locale.ROOT));
      case "publishxml":
        Arm.requireMethod(req, "POST");
        arm.authorize(caller, id, type + "/publishxml/action");
        return Res.text(200, "application/xml", publishXml(site));
      case "instances":
        Arm.requireMethod(req, "GET");
        arm.authorize(caller, id, type + "/instances/read");
        ArrayNode instances = Json.array();
        String instance =
            Model.stableHex("instance/" + site.label) + Model.stableHex("i2/" + site.label);
        ObjectNode node = instances.addObject();
        node.put("id", id + "/instances/" + instance);
        node.put("name", instance);
        node.put("type", type + "/instances");
        node.put("location", location(site));
        ObjectNode properties = node.putObject("properties");
        properties.put("state", "READY");
        properties.put("siteInstanceName", instance);
        return Arm.list(instances);
      case "restart":
      case "start":
      case "stop":
        Arm.requireMethod(req, "POST");
        arm.authorize(caller, id, type + "/" + path + "/action");
        site.state = path.equals("stop") ? "Stopped" : "Running";
        return Res.empty(200);
      default:
        return Arm.notFound(req);
    }
  }

  private Res configWeb(Req req, Arm.Caller caller, Model.Site site, String type)
      throws IOException {
    Arm.requireMethod(req, "GET", "PATCH", "PUT");
    String id = site.resourceId() + "/config/web";
    if (req.method.equals("GET")) {
      arm.authorize(caller, id, type + "/config/read");
    } else {
      arm.authorize(caller, id, type + "/config/write");
      JsonNode properties = req.json().path("properties");
      synchronized (site) {
        if (properties.isObject()) {
          // PATCH and PUT both merge here: a task that PUTs config/web sends back what it read.
          Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
          while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            site.siteConfig().set(field.getKey(), field.getValue());
          }
        }
      }
    }
    synchronized (site) {
      return Res.json(
          200, ArmDocuments.config(site, "web", location(site), site.siteConfig().deepCopy()));
    }
  }

  private Res slotConfigNames(Req req, Arm.Caller caller, Model.Site site, String type)
      throws IOException {
    Arm.requireMethod(req, "GET", "PUT");
    String id = site.resourceId() + "/config/slotConfigNames";
    arm.authorize(caller, id, type + (req.method.equals("GET") ? "/config/read" : "/config/write"));
    synchronized (site) {
      if (req.method.equals("PUT")) {
        site.slotConfigNames.clear();
        for (JsonNode name : req.json().path("properties").path("appSettingNames")) {
          site.slotConfigNames.add(name.asText());
        }
      }
      ObjectNode properties = Json.object();
      ArrayNode names = properties.putArray("appSettingNames");
      site.slotConfigNames.forEach(names::add);
      properties.putNull("connectionStringNames");
      properties.putNull("azureStorageConfigNames");
      return Res.json(
          200, ArmDocuments.config(site, "slotConfigNames", location(site), properties));
    }
  }

  private ObjectNode publishingCredentials(Model.Site site) {
    ObjectNode properties = Json.object();
    properties.putNull("name");
    properties.put("publishingUserName", site.publishingUser);
    properties.put("publishingPassword", site.publishingPassword);
    properties.putNull("publishingPasswordHash");
    properties.putNull("publishingPasswordHashSalt");
    properties.putNull("metadata");
    properties.put("isDeleted", false);
    properties.put(
        "scmUri",
        "https://"
            + site.publishingUser
            + ":"
            + site.publishingPassword
            + "@"
            + ArmDocuments.scmHostName(site, endpoints.port()));
    ObjectNode node =
        ArmDocuments.config(site, "publishingcredentials", location(site), properties);
    node.put("name", site.displayName());
    return node;
  }

  private Res basicPolicy(Req req, Arm.Caller caller, Model.Site site, String type, String which)
      throws IOException {
    Arm.requireMethod(req, "GET", "PUT");
    String id = site.resourceId() + "/basicPublishingCredentialsPolicies/" + which;
    if (req.method.equals("PUT")) {
      arm.authorize(caller, id, type + "/basicPublishingCredentialsPolicies/write");
      JsonNode allow = req.json().path("properties").path("allow");
      if (!allow.isBoolean()) {
        return Res.armError(400, "BadRequest", "properties.allow must be true or false.");
      }
      if (which.equals("scm")) {
        site.basicScm = allow.asBoolean();
      } else {
        site.basicFtp = allow.asBoolean();
      }
    } else {
      arm.authorize(caller, id, type + "/basicPublishingCredentialsPolicies/read");
    }
    return Res.json(200, policy(site, which));
  }

  private ObjectNode policy(Model.Site site, String which) {
    ObjectNode node = Json.object();
    node.put("id", site.resourceId() + "/basicPublishingCredentialsPolicies/" + which);
    node.put("name", which);
    node.put(
        "type",
        (site.slot == null ? "Microsoft.Web/sites" : "Microsoft.Web/sites/slots")
            + "/basicPublishingCredentialsPolicies");
    node.put("location", location(site));
    node.putObject("properties").put("allow", which.equals("scm") ? site.basicScm : site.basicFtp);
    return node;
  }

  private String publishXml(Model.Site site) {
    String scm = ArmDocuments.scmHostName(site, endpoints.port());
    String url = "https://" + ArmDocuments.defaultHostName(site, endpoints.port());
    Map<String, String> common = new LinkedHashMap<>();
    common.put("userName", site.publishingUser);
    common.put("userPWD", site.publishingPassword);
    common.put("destinationAppUrl", url);
    common.put("SQLServerDBConnectionString", "");
    common.put("mySQLDBConnectionString", "");
    common.put("hostingProviderForumLink", "");
    common.put("controlPanelLink", "https://portal.azure.com");
    common.put("webSystem", "WebSites");
    StringBuilder xml = new StringBuilder("<publishData>");
    profile(xml, site.displayName() + " - Web Deploy", "MSDeploy", scm, site.app.name(), common);
    profile(
        xml,
        site.displayName() + " - FTP",
        "FTP",
        "ftps://" + site.label + ".ftp.azurewebsites.windows.net/site/wwwroot",
        null,
        common);
    profile(xml, site.displayName() + " - Zip Deploy", "ZipDeploy", scm, null, common);
    return xml.append("</publishData>").toString();
  }

  private static void profile(
      StringBuilder xml,
      String name,
      String method,
      String publishUrl,
      String msdeploySite,
      Map<String, String> common) {
    xml.append("<publishProfile profileName=\"").append(escape(name)).append('"');
    xml.append(" publishMethod=\"").append(method).append('"');
    xml.append(" publishUrl=\"").append(escape(publishUrl)).append('"');
    if (msdeploySite != null) {
      xml.append(" msdeploySite=\"").append(escape(msdeploySite)).append('"');
    }
    common.forEach(
        (key, value) ->
            xml.append(' ').append(key).append("=\"").append(escape(value)).append('"'));
    xml.append("><databases /></publishProfile>");
  }

  private static String escape(String value) {
    return value
        .replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  /**
   * A name/value map a site keeps under {@code config/<name>} (app settings, metadata): {@code POST
   * .../list} reads it with the list permission, {@code PUT} replaces it with the write permission.
   */
  private Res nameValueConfig(
      Req req,
      Arm.Caller caller,
      Model.Site site,
      String type,
      String name,
      Map<String, String> values,
      boolean put)
      throws IOException {
    Arm.requireMethod(req, put ? "PUT" : "POST");
    arm.authorize(
        caller,
        site.resourceId() + "/config/" + name,
        type + (put ? "/config/write" : "/config/list/action"));
    synchronized (site) {
      if (put) {
        replace(values, req.json().path("properties"));
      }
      return Res.json(
          200, ArmDocuments.config(site, name, location(site), ArmDocuments.stringMap(values)));
    }
  }

  private static void replace(Map<String, String> target, JsonNode properties) {
    if (!properties.isObject()) {
      throw new ApiException(
          Res.armError(
              400, "BadRequest", "The body must be {\"properties\":{\"name\":\"value\"}}."));
    }
    Map<String, String> next = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      next.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText());
    }
    target.clear();
    target.putAll(next);
  }
}
