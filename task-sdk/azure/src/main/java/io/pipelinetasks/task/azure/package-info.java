/**
 * AzureRM service connections as TokenCredentials for every scheme, the OIDC idToken client, clouds
 * and Entra error hints.
 */
package io.pipelinetasks.task.azure;
