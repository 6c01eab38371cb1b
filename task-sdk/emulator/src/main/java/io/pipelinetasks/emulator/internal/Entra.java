package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pipelinetasks.emulator.AppRegistration;
import io.pipelinetasks.emulator.ClientSecret;
import io.pipelinetasks.emulator.FederatedCredential;
import io.pipelinetasks.emulator.Tenant;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Entra ID: the v2 and v1 token endpoints per tenant, an ADFS-style authority without tenant (for
 * the real {@code az}, which then skips instance discovery), OpenID configuration documents, key
 * sets and instance discovery. Only the client-credentials grant is implemented, and every client
 * credential is checked against the app registry.
 */
final class Entra {
  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final Set<String> TENANT_SUBPATHS =
      Set.of("oauth2", "v2.0", ".well-known", "discovery");

  private final Model model;
  private final Tokens tokens;

  Entra(Model model, Tokens tokens) {
    this.model = model;
    this.tokens = tokens;
  }

  /** Whether the path looks like {@code /{tenant}/oauth2/…} and similar. */
  static boolean handles(List<String> segments) {
    return segments.size() >= 2
        && TENANT_SUBPATHS.contains(segments.get(1).toLowerCase(Locale.ROOT));
  }

  Res handle(Req req) throws IOException {
    List<String> s = req.segments;
    String first = s.get(0);
    String rest = String.join("/", s.subList(1, s.size())).toLowerCase(Locale.ROOT);
    if (first.equalsIgnoreCase("adfs")) {
      return adfs(req, rest);
    }
    if (first.equalsIgnoreCase("common") || first.equalsIgnoreCase("organizations")) {
      if (rest.equals("discovery/instance")) {
        return instanceDiscovery(req);
      }
      if (rest.equals("discovery/v2.0/keys") || rest.equals("discovery/keys")) {
        return Res.json(200, Json.MAPPER.valueToTree(tokens.entraJwks(null)));
      }
    }
    switch (rest) {
      case "oauth2/v2.0/token":
        return token(req, first, Flavor.V2);
      case "oauth2/token":
        return token(req, first, Flavor.V1);
      case "v2.0/.well-known/openid-configuration":
        return openIdConfiguration(req, requireTenant(req, first), true);
      case ".well-known/openid-configuration":
        return openIdConfiguration(req, requireTenant(req, first), false);
      case "discovery/v2.0/keys":
        return Res.json(
            200,
            Json.MAPPER.valueToTree(
                tokens.entraJwks(Tokens.entraV2Issuer(requireTenant(req, first).id()))));
      case "discovery/keys":
        return Res.json(
            200,
            Json.MAPPER.valueToTree(
                tokens.entraJwks(Tokens.entraIssuer(requireTenant(req, first).id()))));
      default:
        throw EntraError.of(
            req,
            400,
            "invalid_request",
            900561,
            "The emulator implements only the client credentials grant; "
                + req.method
                + " "
                + req.path
                + " is not served.",
            req.origin());
    }
  }

  private enum Flavor {
    V1,
    V2,
    ADFS
  }

  // ---- ADFS -------------------------------------------------------------------------------

  private Res adfs(Req req, String rest) throws IOException {
    String base = req.origin() + "/adfs";
    switch (rest) {
      case ".well-known/openid-configuration":
        {
          ObjectNode doc = Json.object();
          doc.put("issuer", base);
          doc.put("authorization_endpoint", base + "/oauth2/authorize");
          doc.put("token_endpoint", base + "/oauth2/token");
          doc.put("jwks_uri", base + "/discovery/keys");
          doc.put("end_session_endpoint", base + "/oauth2/logout");
          array(doc, "response_types_supported", "code", "id_token", "code id_token", "token");
          array(doc, "response_modes_supported", "query", "fragment", "form_post");
          array(
              doc,
              "grant_types_supported",
              "authorization_code",
              "refresh_token",
              "client_credentials",
              "urn:ietf:params:oauth:grant-type:jwt-bearer");
          array(doc, "subject_types_supported", "pairwise");
          array(doc, "scopes_supported", "openid", "profile", "email", "offline_access");
          array(
              doc,
              "token_endpoint_auth_methods_supported",
              "client_secret_post",
              "client_secret_basic",
              "private_key_jwt");
          array(doc, "id_token_signing_alg_values_supported", "RS256");
          doc.put("access_token_issuer", base + "/services/trust");
          return Res.json(200, doc);
        }
      case "oauth2/token":
        return token(req, "adfs", Flavor.ADFS);
      case "discovery/keys":
        return Res.json(200, Json.MAPPER.valueToTree(tokens.entraJwks(null)));
      default:
        return Res.armError(404, "NotFound", "The ADFS endpoint " + req.path + " is not served.");
    }
  }

  // ---- discovery documents ----------------------------------------------------------------

  private Tenant requireTenant(Req req, String tenantSegment) {
    Tenant tenant = model.tenant(tenantSegment);
    if (tenant == null) {
      throw unknownTenant(req, tenantSegment);
    }
    return tenant;
  }

  private ApiException unknownTenant(Req req, String tenantSegment) {
    return EntraError.of(
        req,
        400,
        "invalid_tenant",
        90002,
        "Tenant '"
            + tenantSegment
            + "' not found. Check to make sure you have the correct tenant ID and are signing into"
            + " the correct cloud. Check with your subscription administrator, this may happen if"
            + " there are no active subscriptions for the tenant.",
        req.origin());
  }

  private Res openIdConfiguration(Req req, Tenant tenant, boolean v2) {
    String base = req.origin() + "/" + tenant.id();
    ObjectNode doc = Json.object();
    doc.put("token_endpoint", base + (v2 ? "/oauth2/v2.0/token" : "/oauth2/token"));
    array(
        doc,
        "token_endpoint_auth_methods_supported",
        "client_secret_post",
        "private_key_jwt",
        "client_secret_basic");
    doc.put("jwks_uri", base + (v2 ? "/discovery/v2.0/keys" : "/discovery/keys"));
    array(doc, "response_modes_supported", "query", "fragment", "form_post");
    array(doc, "subject_types_supported", "pairwise");
    array(doc, "id_token_signing_alg_values_supported", "RS256");
    array(doc, "response_types_supported", "code", "id_token", "code id_token", "id_token token");
    array(doc, "scopes_supported", "openid", "profile", "email", "offline_access");
    // The real issuer values: federated Entra-style OIDC tokens carry the v2 one.
    doc.put("issuer", v2 ? Tokens.entraV2Issuer(tenant.id()) : Tokens.entraIssuer(tenant.id()));
    doc.put("request_uri_parameter_supported", false);
    doc.put("authorization_endpoint", base + (v2 ? "/oauth2/v2.0/authorize" : "/oauth2/authorize"));
    doc.put("http_logout_supported", true);
    doc.put("frontchannel_logout_supported", true);
    doc.put("end_session_endpoint", base + (v2 ? "/oauth2/v2.0/logout" : "/oauth2/logout"));
    array(doc, "claims_supported", "sub", "iss", "aud", "exp", "iat", "nbf", "tid", "oid");
    doc.put("tenant_region_scope", "EU");
    doc.put("cloud_instance_name", "azure-emulator.local");
    doc.put("cloud_graph_host_name", "graph.windows.net");
    doc.put("msgraph_host", "graph.microsoft.com");
    return Res.json(200, doc);
  }

  private Res instanceDiscovery(Req req) {
    ObjectNode doc = Json.object();
    String authority = req.query("authorization_endpoint");
    String tenant = "common";
    if (authority != null) {
      String[] parts = authority.replaceFirst("^https?://[^/]+/", "").split("/");
      if (parts.length > 0 && !parts[0].isEmpty()) {
        tenant = parts[0];
      }
    }
    doc.put(
        "tenant_discovery_endpoint",
        req.origin() + "/" + tenant + "/v2.0/.well-known/openid-configuration");
    doc.put("api-version", "1.1");
    ObjectNode entry = doc.putArray("metadata").addObject();
    entry.put("preferred_network", req.hostHeader);
    entry.put("preferred_cache", req.hostHeader);
    entry.putArray("aliases").add(req.hostHeader);
    return Res.json(200, doc);
  }

  private static void array(ObjectNode doc, String name, String... values) {
    ArrayNode array = doc.putArray(name);
    for (String value : values) {
      array.add(value);
    }
  }

  // ---- token endpoint ---------------------------------------------------------------------

  private Res token(Req req, String tenantSegment, Flavor flavor) throws IOException {
    if (!req.method.equals("POST")) {
      throw EntraError.of(
          req,
          405,
          "invalid_request",
          900561,
          "The endpoint only accepts POST requests. Received a " + req.method + " request.",
          req.origin());
    }
    Map<String, String> form = req.form();
    Tenant tenant = null;
    if (flavor != Flavor.ADFS) {
      tenant = requireTenant(req, tenantSegment);
    }
    String grantType = form.get("grant_type");
    if (grantType == null || grantType.isEmpty()) {
      throw missingParameter(req, "grant_type");
    }
    if (!grantType.equals("client_credentials")) {
      throw EntraError.of(
          req,
          400,
          "unsupported_grant_type",
          70003,
          "The app requested an unsupported grant type '"
              + grantType
              + "'. The emulator implements only client_credentials.",
          req.origin());
    }
    String[] basic = req.basic();
    String clientId = form.get("client_id");
    if ((clientId == null || clientId.isEmpty()) && basic != null) {
      clientId = basic[0];
    }
    if (clientId == null || clientId.isEmpty()) {
      throw missingParameter(req, "client_id");
    }
    String resource = requestedResource(req, form, flavor);
    AppRegistration app =
        flavor == Flavor.ADFS ? model.appInAnyTenant(clientId) : model.app(tenant.id(), clientId);
    if (app == null) {
      String directory = tenant == null ? "adfs" : tenant.displayName();
      throw EntraError.of(
          req,
          400,
          "unauthorized_client",
          700016,
          "Application with identifier '"
              + clientId
              + "' was not found in the directory '"
              + directory
              + "'. This can happen if the application has not been installed by the administrator"
              + " of the tenant or consented to by any user in the tenant. You may have sent your"
              + " authentication request to the wrong tenant.",
          req.origin());
    }
    if (tenant == null) {
      tenant = model.tenant(app.tenantId());
    }
    if (!model.knownResource(resource, req.origin())) {
      throw EntraError.of(
          req,
          400,
          "invalid_resource",
          500011,
          "The resource principal named "
              + resource
              + " was not found in the tenant named "
              + tenant.displayName()
              + ". This can happen if the application has not been installed by the administrator"
              + " of the tenant or consented to by any user in the tenant. You might have sent your"
              + " authentication request to the wrong tenant.",
          req.origin());
    }
    String secret = form.get("client_secret");
    if (secret == null && basic != null) {
      secret = basic[1];
    }
    String assertion = form.get("client_assertion");
    Instant now = Instant.now();
    String method;
    if (assertion != null && !assertion.isEmpty()) {
      String type = form.get("client_assertion_type");
      if (!JWT_BEARER.equals(type)) {
        throw missingParameter(req, "client_assertion_type");
      }
      method = checkAssertion(req, app, assertion, now, tokenEndpoints(req, tenantSegment, tenant));
    } else if (secret != null && !secret.isEmpty()) {
      checkSecret(req, app, secret, now);
      method = "1";
    } else {
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or"
              + " 'client_secret'.",
          req.origin());
    }
    String audience = Tokens.audienceFor(resource);
    long lifetime = model.config.accessTokenLifetime().toSeconds();
    String token =
        tokens.accessToken(
            model.identityOf(app),
            tenant.id(),
            audience,
            method,
            now,
            model.config.accessTokenLifetime());
    ObjectNode body = Json.object();
    body.put("token_type", "Bearer");
    // The v1 shape answers a "resource" request (v1 endpoint, or ADAL against ADFS); a "scope"
    // request gets the v2 shape, which is what MSAL (and so az) sends to ADFS.
    boolean v2Shape =
        flavor == Flavor.V2 || (flavor == Flavor.ADFS && !form.containsKey("resource"));
    if (v2Shape) {
      body.put("expires_in", lifetime);
      body.put("ext_expires_in", lifetime);
    } else {
      // The v1 endpoint answers numbers as strings and adds the resource and absolute times.
      body.put("expires_in", Long.toString(lifetime));
      body.put("ext_expires_in", Long.toString(lifetime));
      body.put("expires_on", Long.toString(now.getEpochSecond() + lifetime));
      body.put("not_before", Long.toString(now.getEpochSecond()));
      body.put("resource", resource);
    }
    body.put("access_token", token);
    Res res =
        Res.json(200, body)
            .header("Cache-Control", "no-store, no-cache")
            .header("Pragma", "no-cache");
    String clientRequestId = req.header("client-request-id");
    if (clientRequestId != null) {
      res.header("client-request-id", clientRequestId);
    }
    return res;
  }

  private String requestedResource(Req req, Map<String, String> form, Flavor flavor) {
    String resource = form.get("resource");
    String scope = form.get("scope");
    if (flavor != Flavor.V2 && resource != null && !resource.isEmpty()) {
      return resource;
    }
    if (scope == null || scope.isBlank()) {
      throw missingParameter(req, flavor == Flavor.V1 ? "resource" : "scope");
    }
    // MSAL adds "openid profile offline_access" in any order: pick the /.default one.
    for (String item : scope.trim().split("\\s+")) {
      if (item.toLowerCase(Locale.ROOT).endsWith("/.default")) {
        return item.substring(0, item.length() - "/.default".length());
      }
    }
    throw EntraError.of(
        req,
        400,
        "invalid_scope",
        1002012,
        "The provided value for scope "
            + scope
            + " is not valid. Client credential flows must have a scope value with /.default"
            + " suffixed to the resource identifier (application ID URI).",
        req.origin());
  }

  private ApiException missingParameter(Req req, String name) {
    return EntraError.of(
        req,
        400,
        "invalid_request",
        900144,
        "The request body must contain the following parameter: '" + name + "'.",
        req.origin());
  }

  private void checkSecret(Req req, AppRegistration app, String secret, Instant now) {
    for (ClientSecret candidate : app.secrets()) {
      if (java.security.MessageDigest.isEqual(
          candidate.value().getBytes(java.nio.charset.StandardCharsets.UTF_8),
          secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        if (candidate.isExpiredAt(now)) {
          throw EntraError.of(
              req,
              401,
              "invalid_client",
              7000222,
              "The provided client secret keys for app '"
                  + app.clientId()
                  + "' are expired. Visit the Azure portal to create new keys for your app:"
                  + " https://aka.ms/NewClientSecret, or consider using certificate credentials for"
                  + " added security: https://aka.ms/certCreds.",
              req.origin());
        }
        return;
      }
    }
    throw EntraError.of(
        req,
        401,
        "invalid_client",
        7000215,
        "Invalid client secret provided. Ensure the secret being sent in the request is the client"
            + " secret value, not the client secret ID, for a secret added to app '"
            + app.clientId()
            + "'.",
        req.origin());
  }

  /** The URLs a certificate assertion may name as its audience: this tenant's token endpoints. */
  private static List<String> tokenEndpoints(Req req, String tenantSegment, Tenant tenant) {
    List<String> list = new ArrayList<>();
    for (String t : new java.util.LinkedHashSet<>(List.of(tenantSegment, tenant.id()))) {
      if (t.equalsIgnoreCase("adfs")) {
        list.add(req.origin() + "/adfs/oauth2/token");
      } else {
        list.add(req.origin() + "/" + t + "/oauth2/v2.0/token");
        list.add(req.origin() + "/" + t + "/oauth2/token");
      }
    }
    return list;
  }

  /** Checks a certificate or federated assertion and answers the {@code appidacr} value. */
  private String checkAssertion(
      Req req, AppRegistration app, String assertion, Instant now, List<String> endpoints) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw EntraError.of(
          req, 400, "invalid_request", 50027, "JWT token is invalid or malformed.", req.origin());
    }
    if (app.clientId().equalsIgnoreCase(claims.getIssuer())) {
      checkCertificateAssertion(req, app, jwt, claims, now, endpoints);
    } else {
      checkFederatedAssertion(req, app, jwt, claims, now);
    }
    return "2";
  }

  private void checkCertificateAssertion(
      Req req,
      AppRegistration app,
      SignedJWT jwt,
      JWTClaimsSet claims,
      Instant now,
      List<String> endpoints) {
    byte[] sha256 = thumbprintBytes(jwt.getHeader().getX509CertSHA256Thumbprint());
    @SuppressWarnings("deprecation")
    Base64URL x5tHeader = jwt.getHeader().getX509CertThumbprint();
    byte[] sha1 = thumbprintBytes(x5tHeader);
    X509Certificate match = null;
    for (X509Certificate certificate : model.certificates(app)) {
      if ((sha256 != null && Arrays.equals(sha256, Pki.thumbprint(certificate, "SHA-256")))
          || (sha1 != null && Arrays.equals(sha1, Pki.thumbprint(certificate, "SHA-1")))) {
        match = certificate;
        break;
      }
    }
    if (match == null) {
      String presented =
          sha1 != null
              ? HexFormat.of().withUpperCase().formatHex(sha1)
              : sha256 != null ? HexFormat.of().withUpperCase().formatHex(sha256) : "none";
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          700027,
          "The certificate with identifier used to sign the client assertion is not registered on"
              + " application. [Reason - The key was not found., Thumbprint of key used by client: '"
              + presented
              + "', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see"
              + " configured keys for app Id '"
              + app.clientId()
              + "'.]",
          req.origin());
    }
    boolean signed;
    try {
      JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
      signed =
          (JWSAlgorithm.RS256.equals(alg) || JWSAlgorithm.PS256.equals(alg))
              && jwt.verify(new RSASSAVerifier((RSAPublicKey) match.getPublicKey()));
    } catch (JOSEException | ClassCastException e) {
      signed = false;
    }
    if (!signed) {
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          700027,
          "Client assertion failed signature validation. [Reason - The provided signature value"
              + " did not match the expected signature value.]",
          req.origin());
    }
    if (!app.clientId().equalsIgnoreCase(claims.getSubject())) {
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          700021,
          "Client assertion application identifier doesn't match 'client_id' parameter.",
          req.origin());
    }
    boolean audienceOk = false;
    for (String aud : claims.getAudience()) {
      for (String endpoint : endpoints) {
        if (Model.trimSlashes(aud).equalsIgnoreCase(endpoint)) {
          audienceOk = true;
        }
      }
    }
    if (!audienceOk) {
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          700021,
          "Client assertion audience claim does not match Realm issuer. Presented audience: '"
              + String.join(",", claims.getAudience())
              + "'. Expected the token endpoint, such as '"
              + endpoints.get(0)
              + "'.",
          req.origin());
    }
    checkLifetime(req, claims, now);
    if (now.isAfter(match.getNotAfter().toInstant())) {
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          700027,
          "Client assertion contains an invalid signature. [Reason - The key used is expired.,"
              + " Thumbprint of key used by client: '"
              + HexFormat.of().withUpperCase().formatHex(Pki.thumbprint(match, "SHA-1"))
              + "']",
          req.origin());
    }
  }

  /** Accepts standard base64 with or without padding (MSAL4J) and base64url (the JOSE spec). */
  private static byte[] thumbprintBytes(Base64URL value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().replace('-', '+').replace('_', '/').replace("=", "");
    try {
      return Base64.getDecoder().decode(text + "=".repeat((4 - text.length() % 4) % 4));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void checkLifetime(Req req, JWTClaimsSet claims, Instant now) {
    Date exp = claims.getExpirationTime();
    Date nbf = claims.getNotBeforeTime();
    boolean valid =
        exp != null
            && now.isBefore(exp.toInstant())
            && (nbf == null || !now.isBefore(nbf.toInstant()));
    if (!valid) {
      throw EntraError.of(
          req,
          400,
          "invalid_client",
          700024,
          "Client assertion is not within its valid time range. Current time: "
              + now
              + ", assertion valid from "
              + (nbf == null ? "(not set)" : nbf.toInstant())
              + ", expiry time of assertion "
              + (exp == null ? "(not set)" : exp.toInstant())
              + ". Review the documentation at"
              + " https://learn.microsoft.com/entra/identity-platform/certificate-credentials .",
          req.origin());
    }
  }

  private void checkFederatedAssertion(
      Req req, AppRegistration app, SignedJWT jwt, JWTClaimsSet claims, Instant now) {
    String issuer = claims.getIssuer() == null ? "" : claims.getIssuer();
    String subject = claims.getSubject() == null ? "" : claims.getSubject();
    List<String> audiences = claims.getAudience();
    List<FederatedCredential> credentials = app.federatedCredentials();
    if (credentials.isEmpty()) {
      throw EntraError.of(
          req,
          400,
          "invalid_client",
          70025,
          "The client '"
              + app.clientId()
              + "'("
              + app.displayName()
              + ") has no configured federated identity credentials.",
          req.origin());
    }
    List<FederatedCredential> byIssuer =
        credentials.stream().filter(c -> c.issuer().equals(issuer)).toList();
    boolean subjectAnywhere = credentials.stream().anyMatch(c -> c.subject().equals(subject));
    if (byIssuer.isEmpty()) {
      if (!subjectAnywhere) {
        throw EntraError.of(
            req,
            400,
            "invalid_request",
            70021,
            "No matching federated identity record found for presented assertion. Assertion"
                + " Issuer: '"
                + issuer
                + "'. Assertion Subject: '"
                + subject
                + "'. Assertion Audience: '"
                + String.join(",", audiences)
                + "'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation",
            req.origin());
      }
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          700211,
          "No matching federated identity record found for presented assertion issuer '"
              + issuer
              + "'. Please note that the matching is done using a case-sensitive comparison."
              + " Check your federated identity credential Subject, Audience and Issuer against the"
              + " presented assertion.",
          req.origin());
    }
    List<FederatedCredential> bySubject =
        byIssuer.stream().filter(c -> c.subject().equals(subject)).toList();
    if (bySubject.isEmpty()) {
      boolean caseOnly = byIssuer.stream().anyMatch(c -> c.subject().equalsIgnoreCase(subject));
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          caseOnly ? 7002138 : 700213,
          "No matching federated identity record found for presented assertion subject '"
              + subject
              + "'. "
              + (caseOnly
                  ? "Please note that the matching is done using a case-sensitive comparison. "
                  : "")
              + "Check your federated identity credential Subject, Audience and Issuer against the"
              + " presented assertion."
              + " https://learn.microsoft.com/entra/workload-id/workload-identity-federation",
          req.origin());
    }
    boolean audienceOk =
        bySubject.stream().anyMatch(c -> audiences.stream().anyMatch(c.audiences()::contains));
    if (!audienceOk) {
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          700212,
          "No matching federated identity record found for presented assertion audience '"
              + String.join(",", audiences)
              + "'. Check your federated identity credential Subject, Audience and Issuer against"
              + " the presented assertion.",
          req.origin());
    }
    boolean signed;
    if (issuer.startsWith("https://vstoken.dev.azure.com/")
        && model.organizations.values().stream()
            .anyMatch(o -> Tokens.devOpsIssuer(o.config().id()).equals(issuer))) {
      signed = tokens.signedByDevOps(jwt);
    } else if (model.tenants.values().stream()
        .anyMatch(t -> Tokens.entraV2Issuer(t.id()).equals(issuer))) {
      signed = tokens.signedByEntra(jwt);
    } else {
      throw EntraError.of(
          req,
          400,
          "invalid_request",
          50166,
          "Request to External OIDC endpoint failed. The emulator can verify only assertions of"
              + " its own issuers; '"
              + issuer
              + "' is not one of them.",
          req.origin());
    }
    if (!signed) {
      throw EntraError.of(
          req,
          401,
          "invalid_client",
          700027,
          "Client assertion failed signature validation. [Reason - The key was not found.,"
              + " Issuer: '"
              + issuer
              + "']",
          req.origin());
    }
    checkLifetime(req, claims, now);
  }
}
