package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.emulator.KeyVault;
import io.pipelinetasks.emulator.VaultSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Key Vault secrets data plane at {@code <vault>.vault.azure.net}: the 401 challenge the Key
 * Vault SDK starts with, list with paging, get (current version and by version) and list versions,
 * with the service's 403 and 404 bodies.
 */
final class KeyVaultPlane {
  private static final Pattern SECRET_NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
  private static final String RESOURCE = "https://vault.azure.net";
  private static final String GET_ACTION = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
  private static final String LIST_ACTION = "Microsoft.KeyVault/vaults/secrets/readMetadata/action";

  private final Model model;
  private final Tokens tokens;
  private final Endpoints endpoints;

  KeyVaultPlane(Model model, Tokens tokens, Endpoints endpoints) {
    this.model = model;
    this.tokens = tokens;
    this.endpoints = endpoints;
  }

  Res handle(Req req, Model.Vault vault) {
    KeyVault config = vault.config;
    if (req.query("api-version") == null) {
      return error(400, "BadParameter", "The api-version query parameter is required.", null);
    }
    Tokens.AccessClaims caller = authenticate(req, config);
    List<String> s = req.segments;
    if (s.isEmpty() || !s.get(0).equalsIgnoreCase("secrets")) {
      return error(404, "NotFound", "The emulator serves only the secrets API.", null);
    }
    if (!req.method.equals("GET")) {
      return error(405, "MethodNotAllowed", "The emulator's vault is read-only.", null);
    }
    if (s.size() == 1) {
      return list(req, vault, caller);
    }
    String name = s.get(1);
    if (!SECRET_NAME.matcher(name).matches()) {
      return error(400, "BadParameter", "The request URI contains an invalid name: " + name, null);
    }
    if (s.size() == 3 && s.get(2).equalsIgnoreCase("versions")) {
      return versions(req, vault, caller, name);
    }
    return get(req, vault, caller, name, s.size() >= 3 ? s.get(2) : null);
  }

  private Tokens.AccessClaims authenticate(Req req, KeyVault vault) {
    String challenge =
        "Bearer authorization=\""
            + endpoints.origin()
            + "/"
            + vault.tenantId()
            + "\", resource=\""
            + RESOURCE
            + "\"";
    String token = req.bearer();
    if (token == null) {
      throw new ApiException(
          error(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.", null)
              .header("WWW-Authenticate", challenge));
    }
    Tokens.AccessClaims claims;
    try {
      claims = tokens.verifyAccessToken(token, Instant.now());
    } catch (Tokens.Refused refused) {
      throw new ApiException(
          error(
                  401,
                  "Unauthorized",
                  refused.expired
                      ? "AKV10032: Token is expired. " + refused.getMessage()
                      : "AKV10031: Token signature validation failed.",
                  null)
              .header("WWW-Authenticate", challenge));
    }
    if (!Model.trimSlashes(claims.audience()).equalsIgnoreCase(RESOURCE)) {
      throw new ApiException(
          error(
                  401,
                  "Unauthorized",
                  "AKV10022: Invalid audience. Expected "
                      + RESOURCE
                      + ", found: "
                      + claims.audience()
                      + ".",
                  null)
              .header("WWW-Authenticate", challenge));
    }
    if (!vault.tenantId().equalsIgnoreCase(claims.tenantId())) {
      throw new ApiException(
          error(
                  401,
                  "Unauthorized",
                  "AKV10032: Invalid issuer. Expected one of "
                      + Tokens.entraIssuer(vault.tenantId())
                      + ", found: "
                      + Tokens.entraIssuer(claims.tenantId())
                      + ".",
                  null)
              .header("WWW-Authenticate", challenge));
    }
    return claims;
  }

  private void authorize(
      KeyVault vault, Tokens.AccessClaims caller, String secretName, String permission) {
    String objectId = caller.objectId();
    String scope = vault.resourceId() + (secretName == null ? "" : "/secrets/" + secretName);
    String action = permission.equals("get") ? GET_ACTION : LIST_ACTION;
    if (secretName != null) {
      for (KeyVault.SecretDeny deny : vault.secretDenies()) {
        if (deny.secretName().equalsIgnoreCase(secretName)
            && model.resolvePrincipal(deny.principal()).equalsIgnoreCase(objectId)) {
          throw new ApiException(
              rbacForbidden(vault, caller, action, scope, "DeniedByDenyAssignment"));
        }
      }
    }
    for (KeyVault.AccessPolicy policy : vault.accessPolicies()) {
      if (model.resolvePrincipal(policy.principal()).equalsIgnoreCase(objectId)
          && policy.secretPermissions().contains(permission)) {
        return;
      }
    }
    if (model.allowedData(objectId, scope, action)) {
      return;
    }
    if (vault.accessPolicies().isEmpty()) {
      throw new ApiException(rbacForbidden(vault, caller, action, scope, "null"));
    }
    throw new ApiException(
        error(
            403,
            "Forbidden",
            "The user, group or application '"
                + callerText(caller)
                + "' does not have secrets "
                + permission
                + " permission on key vault '"
                + vault.name()
                + ";location="
                + location(vault)
                + "'. For help resolving this issue, please see"
                + " https://go.microsoft.com/fwlink/?linkid=2125287",
            "AccessDenied"));
  }

  private Res rbacForbidden(
      KeyVault vault, Tokens.AccessClaims caller, String action, String scope, String reason) {
    return error(
        403,
        "Forbidden",
        "Caller is not authorized to perform action on resource.\r\n"
            + "If role assignments, deny assignments or role definitions were changed recently,"
            + " please observe propagation time.\r\n"
            + "Caller: "
            + callerText(caller)
            + "\r\nAction: '"
            + action
            + "'\r\nResource: '"
            + scope.toLowerCase(java.util.Locale.ROOT)
            + "'\r\nAssignment: (not found)\r\nDecisionReason: '"
            + reason
            + "'\r\nVault: "
            + vault.name()
            + ";location="
            + location(vault)
            + "\r\n",
        "ForbiddenByRbac");
  }

  private static String callerText(Tokens.AccessClaims caller) {
    return "appid="
        + caller.appId()
        + ";oid="
        + caller.objectId()
        + ";iss="
        + Tokens.entraIssuer(caller.tenantId());
  }

  private String location(KeyVault vault) {
    var group = model.resourceGroup(vault.subscriptionId(), vault.resourceGroup());
    return group == null ? "westeurope" : group.location();
  }

  private Res list(Req req, Model.Vault vault, Tokens.AccessClaims caller) {
    authorize(vault.config, caller, null, "list");
    int max = 25;
    String maxText = req.query("maxresults");
    if (maxText != null) {
      try {
        max = Integer.parseInt(maxText);
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 1 || max > 25) {
        return error(400, "BadParameter", "invalid maxresults: must be between 1 and 25.", null);
      }
    }
    int start = 0;
    String skip = req.query("$skiptoken");
    if (skip != null) {
      try {
        start =
            Integer.parseInt(
                new String(Base64.getUrlDecoder().decode(skip), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return error(400, "BadParameter", "The $skiptoken is not valid.", null);
      }
    }
    List<List<Model.SecretVersion>> all;
    synchronized (vault) {
      all = new ArrayList<>(vault.secrets.values());
    }
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    int end = Math.min(all.size(), start + max);
    for (int i = start; i < end; i++) {
      List<Model.SecretVersion> versions = all.get(i);
      Model.SecretVersion current = versions.get(versions.size() - 1);
      ObjectNode item = value.addObject();
      item.put("id", req.origin() + "/secrets/" + current.secret().name());
      describe(item, current);
    }
    if (end < all.size()) {
      String token =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8));
      body.put(
          "nextLink",
          req.origin()
              + "/secrets?api-version="
              + req.query("api-version")
              + "&$skiptoken="
              + token
              + "&maxresults="
              + max);
    } else {
      body.putNull("nextLink");
    }
    return Res.json(200, body);
  }

  private Res versions(Req req, Model.Vault vault, Tokens.AccessClaims caller, String name) {
    authorize(vault.config, caller, name, "list");
    List<Model.SecretVersion> versions = versionsOf(vault, name);
    if (versions == null) {
      return notFound(name);
    }
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    for (Model.SecretVersion version : versions) {
      ObjectNode item = value.addObject();
      item.put(
          "id", req.origin() + "/secrets/" + version.secret().name() + "/" + version.version());
      describe(item, version);
    }
    body.putNull("nextLink");
    return Res.json(200, body);
  }

  private Res get(
      Req req, Model.Vault vault, Tokens.AccessClaims caller, String name, String version) {
    authorize(vault.config, caller, name, "get");
    List<Model.SecretVersion> versions = versionsOf(vault, name);
    if (versions == null) {
      return notFound(name);
    }
    Model.SecretVersion found = null;
    if (version == null || version.isEmpty()) {
      found = versions.get(versions.size() - 1);
    } else {
      for (Model.SecretVersion candidate : versions) {
        if (candidate.version().equalsIgnoreCase(version)) {
          found = candidate;
        }
      }
      if (found == null) {
        return notFound(name + "/" + version);
      }
    }
    if (!found.secret().enabled()) {
      return error(
          403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
    }
    ObjectNode body = Json.object();
    body.put("value", found.secret().value());
    body.put("id", req.origin() + "/secrets/" + found.secret().name() + "/" + found.version());
    describe(body, found);
    return Res.json(200, body);
  }

  private static List<Model.SecretVersion> versionsOf(Model.Vault vault, String name) {
    synchronized (vault) {
      return vault.secrets.get(Model.key(name));
    }
  }

  private static void describe(ObjectNode node, Model.SecretVersion version) {
    VaultSecret secret = version.secret();
    ObjectNode attributes = node.putObject("attributes");
    attributes.put("enabled", secret.enabled());
    if (secret.notBefore() != null) {
      attributes.put("nbf", secret.notBefore().getEpochSecond());
    }
    if (secret.expiresOn() != null) {
      attributes.put("exp", secret.expiresOn().getEpochSecond());
    }
    attributes.put("created", version.created().getEpochSecond());
    attributes.put("updated", version.created().getEpochSecond());
    attributes.put("recoveryLevel", "Recoverable+Purgeable");
    attributes.put("recoverableDays", 90);
    if (secret.contentType() != null) {
      node.put("contentType", secret.contentType());
    }
    if (!secret.tags().isEmpty()) {
      ObjectNode tags = node.putObject("tags");
      for (Map.Entry<String, String> tag : secret.tags().entrySet()) {
        tags.put(tag.getKey(), tag.getValue());
      }
    }
  }

  private static Res notFound(String name) {
    return error(
        404,
        "SecretNotFound",
        "A secret with (name/id) "
            + name
            + " was not found in this key vault. If you recently deleted this secret you may be"
            + " able to recover it using the correct recovery command. For help resolving this"
            + " issue, please see https://go.microsoft.com/fwlink/?linkid=2125182",
        null);
  }

  static Res error(int status, String code, String message, String innerCode) {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (innerCode != null) {
      error.putObject("innererror").put("code", innerCode);
    }
    return Res.json(status, body);
  }
}
