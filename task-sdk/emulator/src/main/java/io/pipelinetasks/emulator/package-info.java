/**
 * A local HTTPS Azure: Entra ID, Azure DevOps OIDC, ARM, Kudu and Key Vault, with fault injection.
 */
package io.pipelinetasks.emulator;
