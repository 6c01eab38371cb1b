package io.pipelinetasks.emulator;

import java.util.List;
import java.util.Objects;

/**
 * A federated identity credential on an app registration. Entra matches issuer and subject of a
 * presented assertion against it exactly and case-sensitively, and requires the assertion's
 * audience to be one of {@link #audiences()}.
 *
 * @param name the credential's name, informational
 * @param issuer the expected {@code iss}
 * @param subject the expected {@code sub}
 * @param audiences the accepted {@code aud} values
 */
public record FederatedCredential(
    String name, String issuer, String subject, List<String> audiences) {
  /** The audience Azure DevOps and GitHub put into federated tokens. */
  public static final String TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

  /** Checks and copies the fields. */
  public FederatedCredential {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subject, "subject");
    name = name == null ? "federated-credential" : name;
    audiences = List.copyOf(audiences == null ? List.of(TOKEN_EXCHANGE_AUDIENCE) : audiences);
  }

  /** A credential with the token-exchange audience. */
  public static FederatedCredential of(String issuer, String subject) {
    return new FederatedCredential(null, issuer, subject, null);
  }
}
