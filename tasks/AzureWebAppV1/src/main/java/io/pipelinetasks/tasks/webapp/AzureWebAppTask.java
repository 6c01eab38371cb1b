package io.pipelinetasks.tasks.webapp;

import io.pipelinetasks.task.Task;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.TaskRunner;

/**
 * AzureWebApp@1: uploads a zip, jar, war or folder to an App Service app or slot through Kudu,
 * waits for the deployment within a deadline, then applies the runtime stack, startup command, app
 * settings and configuration, with the official task's inputs, Kudu query strings and output
 * variable.
 *
 * <p>Beyond the official task: folders are zipped while they upload, in constant memory; an upload
 * is sent again only when Kudu cannot have accepted it; polling has a deadline and reports
 * progress; app settings are never printed; independent ARM reads run in parallel and the
 * application URL comes from the site instead of a publish-profile round trip.
 */
public final class AzureWebAppTask implements Task<AzureWebAppInputs> {

  /**
   * The task's entry point, started by the launcher.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    TaskRunner.main(AzureWebAppInputs::bind, new AzureWebAppTask());
  }

  @Override
  public void run(TaskContext context, AzureWebAppInputs inputs) throws Exception {
    new WebAppDeployment(context, inputs).run();
  }
}
