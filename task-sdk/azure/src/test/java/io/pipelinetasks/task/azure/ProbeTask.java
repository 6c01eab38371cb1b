package io.pipelinetasks.task.azure;

import io.pipelinetasks.task.TaskRunner;

/** A task that lists the subscriptions a connection sees, for process-level tests. */
final class ProbeTask {
  private ProbeTask() {}

  public static void main(String[] args) {
    TaskRunner.main(
        (context, inputs) -> {
          String body = EmulatorConnectionsIT.listSubscriptions(context, args[0]);
          context
              .log()
              .info(
                  "subscriptions: "
                      + body.length()
                      + " bytes, contains demo-sub: "
                      + body.contains("demo-sub"));
        });
  }
}
