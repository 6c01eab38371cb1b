package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.emulator.ServiceConnection;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure DevOps: the {@code oidctoken} endpoint of a running job, the location lookup the Node
 * client makes first, and the OpenID configuration and key set of the legacy issuer {@code
 * https://vstoken.dev.azure.com/<organizationId>}, served at {@code
 * /_vstoken/<organizationId>/.well-known/…} and, through the hosts file, at {@code
 * https://vstoken.dev.azure.com:<port>/<organizationId>/.well-known/…}.
 */
final class DevOps {
  /** The location id of the oidctoken resource in the distributedtask area. */
  static final String OIDC_LOCATION_ID = "69a319f4-28c1-4bfd-93e6-ea0ff5c6f1a2";

  private static final Pattern ACCEPT_VERSION = Pattern.compile("api-version=([0-9][^;,\\s]*)");
  private static final String WWW_AUTHENTICATE =
      "Bearer authorization_uri=https://login.microsoftonline.com/common, Basic realm=\"emulator\"";

  private final Model model;
  private final Tokens tokens;

  DevOps(Model model, Tokens tokens) {
    this.model = model;
    this.tokens = tokens;
  }

  Res handle(Req req, Model.Org org) {
    List<String> s = req.segments;
    if (req.method.equals("OPTIONS") && s.size() >= 2 && s.get(1).equalsIgnoreCase("_apis")) {
      return locations();
    }
    // 0 org, 1 project, 2 _apis, 3 distributedtask, 4 hubs, 5 hub, 6 plans, 7 plan, 8 jobs,
    // 9 job, 10 oidctoken
    if (s.size() == 11
        && s.get(2).equalsIgnoreCase("_apis")
        && s.get(3).equalsIgnoreCase("distributedtask")
        && s.get(4).equalsIgnoreCase("hubs")
        && s.get(6).equalsIgnoreCase("plans")
        && s.get(8).equalsIgnoreCase("jobs")
        && s.get(10).equalsIgnoreCase("oidctoken")) {
      return oidcToken(req, org, s.get(1), s.get(5), s.get(7), s.get(9));
    }
    return error(
        404,
        "TF400898: The resource " + req.path + " is not served by the emulator.",
        "InvalidPathException");
  }

  private Res oidcToken(
      Req req, Model.Org org, String project, String hub, String plan, String job) {
    if (!req.method.equals("POST")) {
      return error(
          405,
          "The requested resource does not support http method '" + req.method + "'.",
          "HttpMethodNotAllowedException");
    }
    if (!authorised(req, org)) {
      return error(
              401,
              "TF400813: The user '' is not authorized to access this resource.",
              "UnauthorizedRequestException")
          .header("WWW-Authenticate", WWW_AUTHENTICATE);
    }
    String version = req.query("api-version");
    if (version == null) {
      String accept = req.header("Accept");
      Matcher matcher = accept == null ? null : ACCEPT_VERSION.matcher(accept);
      version = matcher != null && matcher.find() ? matcher.group(1) : null;
    }
    if (version == null) {
      return error(
          400,
          "No api-version was supplied for the POST request. An api-version must be supplied"
              + " either as part of the Accept header (e.g. \"application/json;"
              + " api-version=7.1\") or as a query parameter (e.g. \"?api-version=7.1\").",
          "VssVersionNotSpecifiedException");
    }
    String projectId = org.config().projectId();
    if (!project.equalsIgnoreCase(projectId) && !project.equalsIgnoreCase(org.config().project())) {
      return error(
          404,
          "TF200016: The following project does not exist: " + project + ".",
          "ProjectDoesNotExistWithNameException");
    }
    if (!hub.equalsIgnoreCase("build") && !hub.equalsIgnoreCase("release")) {
      return error(
          404, "The hub " + hub + " does not exist.", "TaskOrchestrationHubNotFoundException");
    }
    if (!plan.equalsIgnoreCase(org.config().planId())) {
      return error(
          404,
          "Orchestration plan with identifier " + plan + " not found.",
          "TaskOrchestrationPlanNotFoundException");
    }
    if (!job.equalsIgnoreCase(org.config().jobId())) {
      return error(
          404,
          "Job with identifier " + job + " not found in plan " + plan + ".",
          "TaskOrchestrationJobNotFoundException");
    }
    String connectionId = req.query("serviceConnectionId");
    if (connectionId == null || connectionId.isEmpty()) {
      return error(
          400,
          "Value cannot be null.\r\nParameter name: serviceConnectionId",
          "ArgumentNullException");
    }
    ServiceConnection connection = org.connection(connectionId);
    if (connection == null) {
      return error(
          404,
          "Service connection with id '"
              + connectionId
              + "' could not be found in project "
              + org.config().project()
              + ", or the pipeline is not authorized to use it.",
          "ServiceEndpointNotFoundException");
    }
    String token =
        tokens.oidcToken(
            org,
            connection,
            model.config.issuerStyle(),
            Instant.now(),
            model.config.oidcTokenLifetime());
    ObjectNode body = Json.object();
    body.put("oidcToken", token);
    return Res.json(200, body);
  }

  /** The job token as a bearer token, or as the password of Basic authentication. */
  private static boolean authorised(Req req, Model.Org org) {
    String presented = req.bearer();
    if (presented == null) {
      String[] basic = req.basic();
      presented = basic == null ? null : basic[1];
    }
    return presented != null
        && java.security.MessageDigest.isEqual(
            presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            org.accessToken().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Res locations() {
    ObjectNode body = Json.object();
    body.put("count", 1);
    ObjectNode location = body.putArray("value").addObject();
    location.put("id", OIDC_LOCATION_ID);
    location.put("area", "distributedtask");
    location.put("resourceName", "oidctoken");
    location.put(
        "routeTemplate",
        "{scopeIdentifier}/_apis/{area}/hubs/{hubName}/plans/{planId}/jobs/{jobId}/{resource}");
    location.put("resourceVersion", 1);
    location.put("minVersion", "7.1");
    location.put("maxVersion", "7.2");
    location.put("releasedVersion", "7.1");
    return Res.json(200, body);
  }

  /** The issuer documents: {@code {orgId}/.well-known/openid-configuration} and {@code jwks}. */
  Res issuerDocument(Req req, String organizationId, String document, String base) {
    Model.Org org =
        model.organizations.values().stream()
            .filter(o -> o.config().id().equalsIgnoreCase(organizationId))
            .findFirst()
            .orElse(null);
    if (org == null) {
      return Res.armError(404, "NotFound", "No organisation has the id " + organizationId + ".");
    }
    if (document.equals("openid-configuration")) {
      ObjectNode doc = Json.object();
      doc.put("issuer", Tokens.devOpsIssuer(org.config().id()));
      doc.put("jwks_uri", base + "/.well-known/jwks");
      doc.putArray("subject_types_supported").add("public");
      doc.putArray("response_types_supported").add("id_token");
      doc.putArray("claims_supported")
          .add("sub")
          .add("aud")
          .add("exp")
          .add("iat")
          .add("iss")
          .add("nbf");
      doc.putArray("id_token_signing_alg_values_supported").add("RS256");
      doc.putArray("scopes_supported").add("openid");
      return Res.json(200, doc);
    }
    if (document.equals("jwks")) {
      return Res.json(200, Json.MAPPER.valueToTree(tokens.devOpsJwks()));
    }
    return Res.armError(404, "NotFound", "Unknown issuer document " + document + ".");
  }

  static Res error(int status, String message, String typeKey) {
    ObjectNode body = Json.object();
    body.put("$id", "1");
    body.putNull("innerException");
    body.put("message", message);
    body.put(
        "typeName",
        "Microsoft.TeamFoundation.DistributedTask.WebApi."
            + typeKey
            + ", Microsoft.TeamFoundation.DistributedTask.WebApi");
    body.put("typeKey", typeKey);
    body.put("errorCode", 0);
    body.put("eventId", 3000);
    return Res.json(status, body);
  }
}
