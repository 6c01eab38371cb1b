package io.pipelinetasks.emulator.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pipelinetasks.emulator.IssuerStyle;
import io.pipelinetasks.emulator.ServiceConnection;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Signs and verifies the emulator's JWTs: Entra access tokens and Azure DevOps OIDC tokens. */
final class Tokens {
  /** The Azure DevOps first-party application, the {@code a/} part of Entra-style subjects. */
  static final String DEVOPS_APP_ID = "499b84ac-1321-427f-aa17-267ca6975798";

  static final String TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

  private final CompletableFuture<KeyPair> entraKeys;
  private final CompletableFuture<KeyPair> devOpsKeys;
  final String entraKeyId = Model.randomToken(20);
  final String devOpsKeyId = Model.randomToken(20);

  /** Enough for every token of a long test run; the cache is simply emptied when it is full. */
  private static final int VERIFIED_TOKENS_KEPT = 4096;

  private final Map<String, Verified> verifiedTokens = new ConcurrentHashMap<>();

  Tokens(CompletableFuture<KeyPair> entraKeys, CompletableFuture<KeyPair> devOpsKeys) {
    this.entraKeys = entraKeys;
    this.devOpsKeys = devOpsKeys;
  }

  /** The claims of an access token the emulator accepted. */
  record AccessClaims(
      String objectId, String appId, String tenantId, String audience, Instant expires) {}

  /** Why an access token was refused. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean expired;

    Refused(String reason, boolean expired) {
      super(reason, null, false, false);
      this.expired = expired;
    }
  }

  static String entraIssuer(String tenantId) {
    return "https://sts.windows.net/" + tenantId + "/";
  }

  static String devOpsIssuer(String organizationId) {
    return "https://vstoken.dev.azure.com/" + organizationId;
  }

  static String entraV2Issuer(String tenantId) {
    return "https://login.microsoftonline.com/" + tenantId + "/v2.0";
  }

  String accessToken(
      Model.Identity who,
      String tenantId,
      String audience,
      String authenticationMethod,
      Instant now,
      Duration lifetime) {
    String issuer = entraIssuer(tenantId);
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .audience(audience)
            .issuer(issuer)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .claim("aio", Model.randomToken(24))
            .claim("appid", who.clientId())
            .claim("appidacr", authenticationMethod)
            .claim("azp", who.clientId())
            .claim("azpacr", authenticationMethod)
            .claim("idp", issuer)
            .claim("idtyp", "app")
            .claim("oid", who.objectId())
            .subject(who.objectId())
            .claim("tid", tenantId)
            .claim("uti", Model.randomToken(16))
            .claim("ver", "1.0");
    if (who.resourceId() != null) {
      claims.claim("xms_mirid", who.resourceId());
    }
    return sign(entraKeys, entraKeyId, claims.build());
  }

  /** Verifies an access token issued by this emulator, returning its claims. */
  AccessClaims verifyAccessToken(String token, Instant now) throws Refused {
    Verified verified = verifiedTokens.get(token);
    if (verified == null) {
      verified = verifySignedToken(token);
      if (verifiedTokens.size() >= VERIFIED_TOKENS_KEPT) {
        verifiedTokens.clear();
      }
      verifiedTokens.put(token, verified);
    }
    Instant exp = verified.claims().expires();
    if (exp == null || !now.isBefore(exp)) {
      throw new Refused(
          "The access token expiry UTC time '"
              + (exp == null ? "none" : exp)
              + "' is earlier than current UTC time '"
              + now
              + "'.",
          true);
    }
    if (verified.notBefore() != null && now.isBefore(verified.notBefore())) {
      throw new Refused("The access token is not yet valid.", false);
    }
    return verified.claims();
  }

  /**
   * Checks the signature and reads the claims, leaving the clock to the caller: a client sends the
   * same token with every request, and checking its RSA signature each time would make the emulator
   * compete with the task under test for the CPU far more than a real service does.
   */
  private Verified verifySignedToken(String token) throws Refused {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new Refused("The access token is not a JWT.", false);
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
        || !entraKeyId.equals(jwt.getHeader().getKeyID())
        || !verify(jwt, entraKeys)) {
      throw new Refused("The access token has an invalid signature.", false);
    }
    try {
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date exp = claims.getExpirationTime();
      Date nbf = claims.getNotBeforeTime();
      List<String> audiences = claims.getAudience();
      return new Verified(
          new AccessClaims(
              claims.getStringClaim("oid"),
              claims.getStringClaim("appid"),
              claims.getStringClaim("tid"),
              audiences.isEmpty() ? "" : audiences.get(0),
              exp == null ? null : exp.toInstant()),
          nbf == null ? null : nbf.toInstant());
    } catch (ParseException e) {
      throw new Refused("The access token is malformed.", false);
    }
  }

  /** A token whose signature was checked, with the times still to check on each use. */
  private record Verified(AccessClaims claims, Instant notBefore) {}

  /** An Azure DevOps OIDC token for a service connection, in the configured issuer style. */
  String oidcToken(
      Model.Org org, ServiceConnection connection, IssuerStyle style, Instant now, Duration life) {
    DevOpsIds ids = new DevOpsIds(org, connection);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .jwtID(UUID.randomUUID().toString())
            .subject(style == IssuerStyle.ENTRA ? ids.entraSubject() : ids.devOpsSubject())
            .audience(TOKEN_EXCHANGE_AUDIENCE)
            .issuer(style == IssuerStyle.ENTRA ? ids.entraIssuer() : ids.devOpsIssuer())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(life)))
            .build();
    return style == IssuerStyle.ENTRA
        ? sign(entraKeys, entraKeyId, claims)
        : sign(devOpsKeys, devOpsKeyId, claims);
  }

  /** Issuer and subject of a connection's OIDC tokens, in both styles. */
  record DevOpsIds(Model.Org org, ServiceConnection connection) {
    String devOpsIssuer() {
      return Tokens.devOpsIssuer(org.config().id());
    }

    String devOpsSubject() {
      return FederationIds.devOpsSubject(
          org.config().name(), org.config().project(), connection.name());
    }

    String entraIssuer() {
      return entraV2Issuer(connection.tenantId());
    }

    String entraSubject() {
      return FederationIds.entraSubject(connection.tenantId(), org.config().id(), connection.id());
    }

    String issuer(IssuerStyle style) {
      return style == IssuerStyle.ENTRA ? entraIssuer() : devOpsIssuer();
    }

    String subject(IssuerStyle style) {
      return style == IssuerStyle.ENTRA ? entraSubject() : devOpsSubject();
    }
  }

  /** A GUID in .NET byte order (the first three groups little-endian), base64url. */
  static String guidBase64Url(String guid) {
    UUID uuid = UUID.fromString(guid);
    ByteBuffer big = ByteBuffer.allocate(16);
    big.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    byte[] b = big.array();
    byte[] dotNet = {
      b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
      b[15]
    };
    return Base64.getUrlEncoder().withoutPadding().encodeToString(dotNet);
  }

  /** Whether {@code jwt} was signed by this emulator's Entra key. */
  boolean signedByEntra(SignedJWT jwt) {
    return entraKeyId.equals(jwt.getHeader().getKeyID()) && verify(jwt, entraKeys);
  }

  /** Whether {@code jwt} was signed by this emulator's Azure DevOps issuer key. */
  boolean signedByDevOps(SignedJWT jwt) {
    return devOpsKeyId.equals(jwt.getHeader().getKeyID()) && verify(jwt, devOpsKeys);
  }

  Map<String, Object> entraJwks(String issuer) {
    return jwks(entraKeys, entraKeyId, issuer);
  }

  Map<String, Object> devOpsJwks() {
    return jwks(devOpsKeys, devOpsKeyId, null);
  }

  private static Map<String, Object> jwks(
      CompletableFuture<KeyPair> keys, String keyId, String issuer) {
    RSAKey key =
        new RSAKey.Builder((RSAPublicKey) SharedKeys.join(keys).getPublic())
            .keyID(keyId)
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .build();
    Map<String, Object> json = new JWKSet(key).toJSONObject(true);
    if (issuer != null) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) json.get("keys");
      for (Map<String, Object> entry : list) {
        entry.put("x5t", keyId);
        entry.put("issuer", issuer);
      }
    }
    return json;
  }

  private static String sign(CompletableFuture<KeyPair> keys, String keyId, JWTClaimsSet claims) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner((RSAPrivateKey) SharedKeys.join(keys).getPrivate()));
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a token", e);
    }
    return jwt.serialize();
  }

  private static boolean verify(SignedJWT jwt, CompletableFuture<KeyPair> keys) {
    try {
      return JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
          && jwt.verify(new RSASSAVerifier((RSAPublicKey) SharedKeys.join(keys).getPublic()));
    } catch (JOSEException e) {
      return false;
    }
  }

  /** Normalises a requested resource into the audience Entra puts into the token. */
  static String audienceFor(String resource) {
    String aud = resource;
    if (aud.toLowerCase(Locale.ROOT).endsWith("/.default")) {
      aud = aud.substring(0, aud.length() - "/.default".length());
    }
    // "https://management.azure.com//.default" leaves a trailing slash: keep exactly one.
    while (aud.endsWith("//")) {
      aud = aud.substring(0, aud.length() - 1);
    }
    return aud;
  }
}
