package io.pipelinetasks.task.azure;

import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.internal.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of an Azure DevOps OIDC idToken that matter for diagnosis: Entra ID matches the
 * issuer, subject and audience against the app's federated credentials, and refuses the token after
 * it expires. The token's signature is not checked here; Entra checks it.
 *
 * @param issuer {@code iss}
 * @param subject {@code sub}
 * @param audience {@code aud}
 * @param notBefore {@code nbf}, when present
 * @param expiresAt {@code exp}, when present
 */
public record IdTokenClaims(
    String issuer,
    String subject,
    List<String> audience,
    Optional<Instant> notBefore,
    Optional<Instant> expiresAt) {

  /** Copies the audience list. */
  public IdTokenClaims {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subject, "subject");
    audience = List.copyOf(audience);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Reads the claims of a JWT.
   *
   * @param token the idToken
   * @return the claims, or empty when the token is not a readable JWT
   */
  public static Optional<IdTokenClaims> of(Secret token) {
    String[] parts = token.reveal().split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      Map<String, Object> claims = Json.parseObject(json);
      List<String> audience = new ArrayList<>();
      Object aud = claims.get("aud");
      if (aud instanceof String s) {
        audience.add(s);
      } else if (aud instanceof List<?> list) {
        list.forEach(a -> audience.add(String.valueOf(a)));
      }
      return Optional.of(
          new IdTokenClaims(
              claims.get("iss") instanceof String s ? s : "",
              claims.get("sub") instanceof String s ? s : "",
              audience,
              instant(claims.get("nbf")),
              instant(claims.get("exp"))));
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * Whether the token is still usable at a moment, with a margin for the exchange.
   *
   * @param now the moment
   * @param margin how long it must stay valid
   */
  public boolean validAt(Instant now, java.time.Duration margin) {
    return expiresAt.map(exp -> exp.isAfter(now.plus(margin))).orElse(false)
        && notBefore.map(nbf -> !nbf.isAfter(now.plusSeconds(60))).orElse(true);
  }

  private static Optional<Instant> instant(Object value) {
    if (value instanceof BigDecimal number) {
      return Optional.of(Instant.ofEpochSecond(number.longValue()));
    }
    return Optional.empty();
  }
}
