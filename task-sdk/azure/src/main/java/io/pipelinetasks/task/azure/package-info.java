/**
 * AzureRM service connections for Java tasks: every authorization scheme resolved to a typed
 * connection and to an Azure Identity {@code TokenCredential}, the Azure DevOps OIDC idToken client
 * for workload identity federation (a fresh idToken for every exchange), clouds, Entra error hints,
 * and the {@code az login} arguments for the AzureCLI task.
 */
package io.pipelinetasks.task.azure;
