/** AzureWebApp@1: deploys a package to Azure App Service. */
// package holds a glob pattern, which is not a valid Path on Windows, so it binds as text.
@TaskInputs(value = "task.json", className = "AzureWebAppInputs", patterns = "package")
package io.pipelinetasks.tasks.webapp;

import io.pipelinetasks.taskjson.TaskInputs;
