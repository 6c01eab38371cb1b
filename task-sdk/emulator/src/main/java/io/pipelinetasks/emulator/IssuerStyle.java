package io.pipelinetasks.emulator;

/** Which issuer signs the Azure DevOps OIDC tokens of service connections. */
public enum IssuerStyle {
  /**
   * The legacy issuer {@code https://vstoken.dev.azure.com/<organizationId>} with subject {@code
   * sc://<organization>/<project>/<connection>}.
   */
  AZURE_DEVOPS,
  /**
   * The current default: issuer {@code https://login.microsoftonline.com/<tenantId>/v2.0} with
   * subject {@code /eid1/c/pub/t/<tenant>/a/<app>/sc/<organizationId>/<connectionId>}.
   */
  ENTRA
}
