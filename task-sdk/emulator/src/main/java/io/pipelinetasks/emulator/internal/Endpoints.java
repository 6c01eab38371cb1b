package io.pipelinetasks.emulator.internal;

/**
 * Where the running emulator listens, known once the sockets are bound.
 *
 * @param port the HTTPS port
 * @param managedIdentityPort the plain-HTTP managed-identity port
 * @param cloudName the cloud name in the {@code 2022-09-01} cloud metadata
 */
public record Endpoints(int port, int managedIdentityPort, String cloudName) {
  /** {@code https://localhost:<port>}, without a trailing slash. */
  public String origin() {
    return "https://localhost:" + port;
  }

  /** {@code http://127.0.0.1:<managedIdentityPort>}. */
  public String managedIdentityOrigin() {
    return "http://127.0.0.1:" + managedIdentityPort;
  }

  /** The Key Vault DNS suffix including the port, so {@code https://<vault>.<suffix>} works. */
  public String keyVaultDnsSuffix() {
    return "vault.azure.net:" + port;
  }
}
