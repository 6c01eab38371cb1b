/** AzureCLI@2: runs a script with the Azure CLI signed in through an AzureRM service connection. */
@TaskInputs(value = "task.json", className = "AzureCliInputs")
package io.pipelinetasks.tasks.azurecli;

import io.pipelinetasks.taskjson.TaskInputs;
