package io.pipelinetasks.task.azure;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Entra ID failures into errors that say what to fix: the AADSTS code, what it means in a
 * pipeline, and the fix (azure-connection.md section 6). The generic "verify the service principal"
 * text the official tasks print for every failure hides the real cause
 * (microsoft/azure-pipelines-tasks#19725).
 */
public final class EntraErrors {
  /** The troubleshooting page for workload identity federation. */
  public static final String TROUBLESHOOTING =
      "https://learn.microsoft.com/azure/devops/pipelines/release/troubleshoot-workload-identity";

  private static final Pattern CODE = Pattern.compile("AADSTS(\\d+)");

  private static final Map<Integer, String> HINTS =
      Map.ofEntries(
          Map.entry(
              700024,
              "the idToken from Azure DevOps expired before Entra ID received it (it lives about"
                  + " ten minutes). pipelinetasks requests a fresh idToken for every exchange; if"
                  + " this still happens, the agent's clock may be wrong, or a tool outside the"
                  + " SDK reused an old token."),
          Map.entry(
              70021,
              "Entra ID found no federated credential matching the token Azure DevOps presented."),
          Map.entry(
              700211, "no federated credential on the app has the issuer Azure DevOps presented."),
          Map.entry(
              700212,
              "no federated credential on the app has the audience api://AzureADTokenExchange."),
          Map.entry(
              700213, "no federated credential on the app has the subject Azure DevOps presented."),
          Map.entry(
              7002138,
              "the federated credential's subject differs from the presented one only in case;"
                  + " Entra ID compares subjects case-sensitively. Fix the credential's casing."),
          Map.entry(
              700016,
              "Entra ID does not know this client id in this tenant: the app or managed identity"
                  + " was deleted, the client id or tenant of the connection is wrong, or the"
                  + " identity was removed from the connection. Check the Application (client) ID"
                  + " and the Directory (tenant) ID."),
          Map.entry(
              7000215,
              "the client secret is wrong. Update the secret in the service connection, or better,"
                  + " convert it to workload identity federation so no secret is stored:"
                  + " https://aka.ms/azdo-rm-workload-identity-conversion"),
          Map.entry(
              7000222,
              "the client secret has expired. Create a new secret and update the service"
                  + " connection, or convert it to workload identity federation:"
                  + " https://aka.ms/azdo-rm-workload-identity-conversion"),
          Map.entry(
              700223,
              "workload identity federation is constrained or disabled in this tenant. Ask a"
                  + " tenant administrator, or back the connection with a managed identity."),
          Map.entry(
              700238,
              "Entra ID rejected the token issued by Azure DevOps: the tenant does not allow this"
                  + " organisation's issuer for this identity type. A tenant administrator must"
                  + " allow the organisation."),
          Map.entry(
              70025,
              "the app has no federated credentials. Add one with the issuer and subject of the"
                  + " service connection."),
          Map.entry(
              70052,
              "the identity must be a managed identity, a single-tenant app or a service account"
                  + " for this issuer. Use a single-tenant app per tenant."),
          Map.entry(900382, "this sovereign cloud does not support workload identity federation."),
          Map.entry(
              50166,
              "Entra ID could not reach Azure DevOps' OIDC metadata; this is transient. Re-run the"
                  + " job."),
          Map.entry(
              90061,
              "Entra ID could not reach Azure DevOps' OIDC metadata; this is transient. Re-run the"
                  + " job."),
          Map.entry(
              90002,
              "Entra ID does not know this tenant. Check the Directory (tenant) ID of the service"
                  + " connection."));

  private EntraErrors() {}

  /**
   * The AADSTS code in a failure message, if any.
   *
   * @param message an error message
   */
  public static Optional<Integer> code(String message) {
    if (message == null) {
      return Optional.empty();
    }
    Matcher matcher = CODE.matcher(message);
    return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
  }

  /**
   * The explanation of an AADSTS code, if known.
   *
   * @param code the numeric code
   */
  public static Optional<String> hint(int code) {
    return Optional.ofNullable(HINTS.get(code));
  }

  /**
   * The error for a failed sign-in whose output (from Azure Identity or the Azure CLI) is known,
   * such as {@code az login}'s standard error.
   *
   * @param output what the failing component printed or threw
   * @param connection the connection
   * @param lastIdToken the claims of the last idToken presented, for federation
   * @param collectionUri the organisation URL, for links to the service connection
   * @param project the project, for links to the service connection
   */
  public static AuthenticationException explain(
      String output,
      AzureRmConnection connection,
      Optional<IdTokenClaims> lastIdToken,
      Optional<String> collectionUri,
      Optional<String> project) {
    return map(new RuntimeException(output), connection, lastIdToken, collectionUri, project);
  }

  /**
   * The error for a failed token request.
   *
   * @param failure what Azure Identity threw
   * @param connection the connection
   * @param lastIdToken the claims of the last idToken presented, for federation
   * @param collectionUri the organisation URL, for links to the service connection
   * @param project the project, for links to the service connection
   */
  static AuthenticationException map(
      Throwable failure,
      AzureRmConnection connection,
      Optional<IdTokenClaims> lastIdToken,
      Optional<String> collectionUri,
      Optional<String> project) {
    if (failure instanceof AuthenticationException already) {
      return already;
    }
    String message = rootMessage(failure);
    String name = connection.endpointId();
    Optional<Integer> code = code(message);
    if (code.isEmpty()) {
      return new AuthenticationException(
          "TokenRequestFailed",
          name,
          Optional.empty(),
          "Could not get a token for service connection "
              + name
              + " from "
              + connection.cloud().authorityHost()
              + ": "
              + firstLine(message)
              + ". Check that the agent can reach the authority and trusts its certificate.");
    }
    int aadsts = code.get();
    StringBuilder text =
        new StringBuilder("Service connection ")
            .append(name)
            .append(" could not sign in to Entra ID: AADSTS")
            .append(aadsts)
            .append(": ")
            .append(hint(aadsts).orElse(firstLine(message)));
    if (aadsts == 70021 || aadsts == 700211 || aadsts == 700213 || aadsts == 7002138) {
      text.append(federationDetails(connection, lastIdToken));
    }
    if (aadsts == 7000222 && collectionUri.isPresent() && project.isPresent()) {
      text.append(" Update the connection at ")
          .append(collectionUri.get())
          .append(project.get())
          .append("/_settings/adminservices?resourceId=")
          .append(name)
          .append('.');
    }
    if (connection instanceof AzureRmConnection.WorkloadIdentityFederation) {
      text.append(" See ").append(TROUBLESHOOTING);
    }
    return new AuthenticationException("AADSTS" + aadsts, name, code, text.toString());
  }

  private static String federationDetails(
      AzureRmConnection connection, Optional<IdTokenClaims> lastIdToken) {
    Optional<String> issuer = lastIdToken.map(IdTokenClaims::issuer).filter(s -> !s.isEmpty());
    Optional<String> subject = lastIdToken.map(IdTokenClaims::subject).filter(s -> !s.isEmpty());
    String clientId = "";
    if (connection instanceof AzureRmConnection.WorkloadIdentityFederation wif) {
      issuer = issuer.or(wif::issuer);
      subject = subject.or(wif::subject);
      clientId = wif.clientId();
    }
    StringBuilder text = new StringBuilder(" Azure DevOps presented issuer '");
    text.append(issuer.orElse("?")).append("' and subject '").append(subject.orElse("?"));
    text.append("' with audience 'api://AzureADTokenExchange'. ");
    // The agent masks both values, as it masks every connection parameter; their parts are not
    // masked, so a reader can still see what Entra ID must match.
    text.append("(Issuer parts: ")
        .append(parts(issuer.orElse("")))
        .append("; subject parts: ")
        .append(parts(subject.orElse("")))
        .append(".) A federated credential with exactly this issuer and subject must exist on ");
    text.append(
        clientId.isEmpty() ? "the app" : "the app or managed identity with client id " + clientId);
    text.append(" in tenant ").append(connection.tenantId()).append('.');
    return text.toString();
  }

  private static String parts(String value) {
    return String.join(" | ", value.split("(?<=//)|/"));
  }

  private static String rootMessage(Throwable failure) {
    Throwable current = failure;
    String message = failure.getMessage();
    while (current != null) {
      if (current.getMessage() != null && current.getMessage().contains("AADSTS")) {
        return current.getMessage();
      }
      current = current.getCause();
    }
    return message == null ? failure.getClass().getSimpleName() : message;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
