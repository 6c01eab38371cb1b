/** AzureWebApp@1: deploys a package to Azure App Service. */
@TaskInputs(value = "task.json", className = "AzureWebAppInputs")
package io.pipelinetasks.tasks.webapp;

import io.pipelinetasks.taskjson.TaskInputs;
