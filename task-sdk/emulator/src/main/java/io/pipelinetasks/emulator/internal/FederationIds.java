package io.pipelinetasks.emulator.internal;

/** Issuer and subject strings of Azure DevOps OIDC tokens, in both issuer styles. */
public final class FederationIds {
  private FederationIds() {}

  /** {@code https://vstoken.dev.azure.com/<organizationId>}. */
  public static String devOpsIssuer(String organizationId) {
    return Tokens.devOpsIssuer(organizationId);
  }

  /** {@code sc://<organization>/<project>/<connection>}. */
  public static String devOpsSubject(String organization, String project, String connection) {
    return "sc://" + organization + "/" + project + "/" + connection;
  }

  /** {@code https://login.microsoftonline.com/<tenantId>/v2.0}. */
  public static String entraIssuer(String tenantId) {
    return Tokens.entraV2Issuer(tenantId);
  }

  /** {@code /eid1/c/pub/t/<tenant>/a/<Azure DevOps app>/sc/<organizationId>/<connectionId>}. */
  public static String entraSubject(String tenantId, String organizationId, String connectionId) {
    return "/eid1/c/pub/t/"
        + Tokens.guidBase64Url(tenantId)
        + "/a/"
        + Tokens.guidBase64Url(Tokens.DEVOPS_APP_ID)
        + "/sc/"
        + organizationId
        + "/"
        + connectionId;
  }
}
