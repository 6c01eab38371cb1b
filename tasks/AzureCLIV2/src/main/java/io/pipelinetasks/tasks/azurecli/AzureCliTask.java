package io.pipelinetasks.tasks.azurecli;

import io.pipelinetasks.task.Task;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.TaskRunner;

/**
 * AzureCLI@2: signs the Azure CLI in with an AzureRM service connection, runs the user's script,
 * and signs out, with the official task's inputs, command lines and result messages.
 *
 * <p>Beyond the official task: a fresh idToken for every sign-in, re-login timed from the token's
 * expiry while the script runs ({@code keepAzSessionActive}), a federated token file kept fresh for
 * SDKs and Terraform ({@code addSpnToEnvironment}), retried OIDC requests, AADSTS hints on failed
 * logins, a user-assigned managed identity that is actually used, and scripts and certificates in
 * owner-only files that never outlive the step.
 */
public final class AzureCliTask implements Task<AzureCliInputs> {

  /**
   * The task's entry point, started by the launcher.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    TaskRunner.main(AzureCliInputs::bind, new AzureCliTask());
  }

  @Override
  public void run(TaskContext context, AzureCliInputs inputs) {
    new AzureCliRun(context, inputs).execute();
  }
}
