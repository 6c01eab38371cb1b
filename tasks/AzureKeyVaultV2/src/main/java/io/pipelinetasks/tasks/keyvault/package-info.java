/** AzureKeyVault@2: downloads Key Vault secrets into secret pipeline variables. */
package io.pipelinetasks.tasks.keyvault;
