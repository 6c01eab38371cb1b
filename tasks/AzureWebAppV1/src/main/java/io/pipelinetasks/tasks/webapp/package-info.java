/** AzureWebApp@1: deploys a package to Azure App Service. */
package io.pipelinetasks.tasks.webapp;
