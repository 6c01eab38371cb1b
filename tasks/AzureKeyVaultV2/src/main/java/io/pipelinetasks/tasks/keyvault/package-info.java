/**
 * AzureKeyVault@2: reads Key Vault secrets into secret pipeline variables. {@link
 * io.pipelinetasks.tasks.keyvault.AzureKeyVaultTask} is the entry point; everything else is
 * package-private.
 */
@TaskInputs(value = "task.json", className = "AzureKeyVaultInputs")
package io.pipelinetasks.tasks.keyvault;

import io.pipelinetasks.taskjson.TaskInputs;
