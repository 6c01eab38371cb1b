package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.emulator.ManagedIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The managed-identity endpoints of the emulated host, served over plain HTTP as the real ones are:
 * IMDS ({@code GET /metadata/identity/oauth2/token} with {@code Metadata: true}, reached through
 * {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}) and App Service ({@code GET /msi/token} with {@code
 * X-IDENTITY-HEADER}, reached through {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}; also
 * the older {@code secret} header and the Cloud Shell form with {@code Metadata: true}).
 */
final class ManagedIdentityEndpoint {
  private final Model model;
  private final Tokens tokens;
  private final String identityHeader;
  private final String httpsOrigin;

  ManagedIdentityEndpoint(Model model, Tokens tokens, String identityHeader, String httpsOrigin) {
    this.model = model;
    this.tokens = tokens;
    this.identityHeader = identityHeader;
    this.httpsOrigin = httpsOrigin;
  }

  static boolean handles(List<String> segments) {
    String path = String.join("/", segments).toLowerCase(Locale.ROOT);
    return path.equals("metadata/identity/oauth2/token") || path.equals("msi/token");
  }

  Res handle(Req req) {
    if (!req.method.equals("GET")) {
      return error(405, "invalid_request", "Only GET is supported.");
    }
    boolean imds = req.segments.get(0).equalsIgnoreCase("metadata");
    if (imds) {
      if (!"true".equalsIgnoreCase(req.header("Metadata"))) {
        return error(400, "invalid_request", "Required metadata header not specified");
      }
      if (req.query("api-version") == null) {
        return error(400, "invalid_request", "Required query variable 'api-version' is missing");
      }
    } else if (!appServiceAuthorised(req)) {
      return error(
          401,
          "unauthorized_client",
          "The request must carry the X-IDENTITY-HEADER value from IDENTITY_HEADER.");
    }
    String resource = req.query("resource");
    if (resource == null || resource.isBlank()) {
      return error(400, "invalid_request", "Required query variable 'resource' is missing");
    }
    ManagedIdentity identity;
    try {
      identity = select(req);
    } catch (IllegalStateException e) {
      return error(400, "invalid_request", e.getMessage());
    }
    if (identity == null) {
      return error(400, "invalid_request", "Identity not found");
    }
    // The emulator's own HTTPS origin is its ARM URL, which tasks use as the ARM token audience,
    // exactly as Entra ID accepts it on the token endpoint.
    if (!model.knownResource(resource, httpsOrigin)) {
      return error(
          400,
          "invalid_resource",
          "AADSTS500011: The resource principal named "
              + resource
              + " was not found in the tenant.");
    }
    Instant now = Instant.now();
    long lifetime = model.config.managedIdentityTokenLifetime().toSeconds();
    String token =
        tokens.accessToken(
            model.identityOf(identity),
            identity.tenantId(),
            Tokens.audienceFor(resource),
            "2",
            now,
            model.config.managedIdentityTokenLifetime());
    ObjectNode body = Json.object();
    body.put("access_token", token);
    body.put("client_id", identity.clientId());
    body.put("expires_in", Long.toString(lifetime));
    body.put("expires_on", Long.toString(now.getEpochSecond() + lifetime));
    body.put("ext_expires_in", Long.toString(lifetime));
    body.put("not_before", Long.toString(now.getEpochSecond()));
    body.put("resource", resource);
    body.put("token_type", "Bearer");
    return Res.json(200, body);
  }

  private boolean appServiceAuthorised(Req req) {
    String presented = req.header("X-IDENTITY-HEADER");
    if (presented == null) {
      presented = req.header("secret");
    }
    if (presented != null) {
      return java.security.MessageDigest.isEqual(
          presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          identityHeader.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    // Cloud Shell form (MSI_ENDPOINT without a secret) authenticates with Metadata: true.
    return "true".equalsIgnoreCase(req.header("Metadata"));
  }

  /** By client id, object/principal id or resource id; otherwise the system-assigned identity. */
  private ManagedIdentity select(Req req) {
    String clientId = req.query("client_id");
    String objectId = req.query("object_id");
    if (objectId == null) {
      objectId = req.query("principal_id");
    }
    String resourceId = req.query("msi_res_id");
    if (resourceId == null) {
      resourceId = req.query("mi_res_id");
    }
    for (ManagedIdentity identity : model.managedIdentities.values()) {
      Model.Identity resolved = model.identityOf(identity);
      if ((clientId != null && identity.clientId().equalsIgnoreCase(clientId))
          || (objectId != null && identity.objectId().equalsIgnoreCase(objectId))
          || (resourceId != null && resourceId.equalsIgnoreCase(resolved.resourceId()))) {
        return identity;
      }
    }
    if (clientId != null || objectId != null || resourceId != null) {
      return null;
    }
    for (ManagedIdentity identity : model.managedIdentities.values()) {
      if (identity.systemAssigned()) {
        return identity;
      }
    }
    if (model.managedIdentities.size() == 1) {
      return model.managedIdentities.values().iterator().next();
    }
    if (model.managedIdentities.isEmpty()) {
      return null;
    }
    throw new IllegalStateException(
        "Multiple user assigned identities exist, please specify the clientId / resourceId of the"
            + " identity in the token request");
  }

  private static Res error(int status, String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    return Res.json(status, body);
  }
}
