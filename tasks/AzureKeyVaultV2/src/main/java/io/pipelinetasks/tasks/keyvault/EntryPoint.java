package io.pipelinetasks.tasks.keyvault;

/**
 * Which of the task's two entry points the agent started. Both always run; the one that does not
 * match {@code RunAsPreJob} reports Skipped, as the official task does.
 */
enum EntryPoint {
  /** {@code execution}: the step, started through {@code launcher.js}. */
  STEP,
  /** {@code prejobexecution}: before the job's first step, started through {@code prejob.js}. */
  PRE_JOB;

  /**
   * The entry point from the launcher's first argument, its own base name: {@code prejob} for the
   * pre-job launcher, anything else (or nothing, in a local run) for the step.
   */
  static EntryPoint fromArguments(String[] args) {
    return args.length > 0 && args[0].trim().equalsIgnoreCase("prejob") ? PRE_JOB : STEP;
  }

  /** Whether this entry point does the work for the given {@code RunAsPreJob} value. */
  boolean runs(boolean runAsPreJob) {
    return (this == PRE_JOB) == runAsPreJob;
  }
}
