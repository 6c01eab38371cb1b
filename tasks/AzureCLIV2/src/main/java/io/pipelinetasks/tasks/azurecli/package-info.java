/** AzureCLI@2: runs a script with the Azure CLI logged in through an AzureRM service connection. */
package io.pipelinetasks.tasks.azurecli;
