package io.pipelinetasks.tasks.keyvault;

import io.pipelinetasks.task.Task;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.TaskRunner;
import java.util.Objects;

/**
 * AzureKeyVault@2: reads secrets of an Azure key vault into secret pipeline variables, with the
 * official task's inputs, variable names, multi-line rules and messages.
 *
 * <p>Beyond the official task: values are read by a bounded pool fed straight from the list pages
 * instead of in batches after the whole list; one retry layer that honours {@code Retry-After} on
 * 429 and stops at an overall deadline, where the official task does not retry throttling and can
 * hang; disabled, expired and not-yet-valid secrets are skipped for named secrets too, and said so;
 * per-line {@code setsecret} is escaped; {@code SYSTEM_UNSAFEALLOWMULTILINESECRET} is never
 * switched on for the rest of the job; a 403 names the identity and the permission or role it
 * lacks. See the module's README.
 */
public final class AzureKeyVaultTask implements Task<AzureKeyVaultInputs> {
  private final EntryPoint entryPoint;

  /** The task as the step entry point ({@code execution}). */
  public AzureKeyVaultTask() {
    this(EntryPoint.STEP);
  }

  AzureKeyVaultTask(EntryPoint entryPoint) {
    this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
  }

  /**
   * The task's entry point, started by the launcher.
   *
   * @param args the launcher's base name first: {@code prejob} for the pre-job entry point, {@code
   *     launcher} (or nothing) for the step
   */
  public static void main(String[] args) {
    TaskRunner.main(
        AzureKeyVaultInputs::bind, new AzureKeyVaultTask(EntryPoint.fromArguments(args)));
  }

  @Override
  public void run(TaskContext context, AzureKeyVaultInputs inputs) throws InterruptedException {
    new KeyVaultRun(context, inputs, entryPoint).execute();
  }
}
