package io.pipelinetasks.task.azure;

import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.testing.FakeEndpoint;
import io.pipelinetasks.task.testing.TaskRun;
import io.pipelinetasks.task.testing.TaskTestKit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Runs a function inside a task against fake endpoints, for tests of the resolver. */
final class Connections {
  private Connections() {}

  /** The result of a function run inside a task against an environment, and the run. */
  record Result<T>(T value, TaskRun run) {}

  static <T> Result<T> inTask(
      java.util.Map<String, String> environment, Function<TaskContext, T> body) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    TaskRun run =
        TaskTestKit.task(
                (context, inputs) -> {
                  try {
                    result.set(body.apply(context));
                  } catch (RuntimeException e) {
                    failure.set(e);
                  }
                })
            .environment(environment)
            .run();
    if (failure.get() != null) {
      throw failure.get();
    }
    return new Result<>(result.get(), run);
  }

  static <T> T inTask(FakeEndpoint endpoint, Function<TaskContext, T> body) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    TaskRun run =
        TaskTestKit.task(
                (context, inputs) -> {
                  try {
                    result.set(body.apply(context));
                  } catch (RuntimeException e) {
                    failure.set(e);
                  }
                })
            .endpoint(endpoint)
            .run();
    if (failure.get() != null) {
      throw failure.get();
    }
    if (run.leaks() > 0) {
      throw new AssertionError("the resolver printed a secret: " + run.output());
    }
    return result.get();
  }

  static FakeEndpoint.Builder azureRm(String id, String scheme) {
    return FakeEndpoint.builder(id, scheme)
        .url("https://management.azure.com/")
        .authParameter("tenantid", "tenant-1")
        .data("subscriptionId", "sub-1")
        .data("subscriptionName", "Sub One")
        .data("environment", "AzureCloud")
        .data("scopeLevel", "Subscription");
  }
}
