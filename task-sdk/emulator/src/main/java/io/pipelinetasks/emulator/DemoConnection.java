package io.pipelinetasks.emulator;

/**
 * The four AzureRM service connections of the demo project, one per authentication scheme. Each has
 * a fixed endpoint id, and its name works wherever the agent would pass that id.
 */
public enum DemoConnection {
  /** {@code demo-wif}: workload identity federation through the emulator's OIDC issuer. */
  WIF(
      "demo-wif",
      "de300000-0000-4000-8000-000000000021",
      "de300000-0000-4000-8000-000000000031",
      ServiceConnection.Scheme.WORKLOAD_IDENTITY_FEDERATION),
  /** {@code demo-secret}: a service principal with the secret {@link Demo#CLIENT_SECRET}. */
  SECRET(
      "demo-secret",
      "de300000-0000-4000-8000-000000000022",
      "de300000-0000-4000-8000-000000000032",
      ServiceConnection.Scheme.SERVICE_PRINCIPAL),
  /** {@code demo-cert}: a service principal with a certificate the emulator generates. */
  CERT(
      "demo-cert",
      "de300000-0000-4000-8000-000000000023",
      "de300000-0000-4000-8000-000000000033",
      ServiceConnection.Scheme.SERVICE_PRINCIPAL),
  /** {@code demo-msi}: the user-assigned managed identity {@code demo-msi-identity}. */
  MSI(
      "demo-msi",
      "de300000-0000-4000-8000-000000000024",
      "de300000-0000-4000-8000-000000000034",
      ServiceConnection.Scheme.MANAGED_SERVICE_IDENTITY);

  private final String connectionName;
  private final String connectionId;
  private final String clientId;
  private final ServiceConnection.Scheme scheme;

  DemoConnection(
      String connectionName,
      String connectionId,
      String clientId,
      ServiceConnection.Scheme scheme) {
    this.connectionName = connectionName;
    this.connectionId = connectionId;
    this.clientId = clientId;
    this.scheme = scheme;
  }

  /** The connection name, such as {@code demo-wif}. */
  public String connectionName() {
    return connectionName;
  }

  /** The endpoint id, a fixed lower-case GUID. */
  public String connectionId() {
    return connectionId;
  }

  /** The client id of the identity behind the connection (the {@code msiclientId} for MSI). */
  public String clientId() {
    return clientId;
  }

  /** The object id of the identity's service principal. */
  public String objectId() {
    return AppRegistration.derivedObjectId(clientId);
  }

  /** The authorization scheme. */
  public ServiceConnection.Scheme scheme() {
    return scheme;
  }
}
