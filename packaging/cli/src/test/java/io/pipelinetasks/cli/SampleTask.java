package io.pipelinetasks.cli;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.Endpoint;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.TaskRunner;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Base64;

/**
 * The local runner's test task: greets, sets a public, a secret and an output variable, prepends a
 * path, and, depending on {@code mode}, fails or prints a secret the way a buggy task would.
 */
public final class SampleTask {
  private SampleTask() {}

  /** Runs the task. */
  public static void main(String[] args) {
    TaskRunner.main(SampleTask::run);
  }

  private static void run(TaskContext context, Void none) {
    String message = context.requiredInput("message");
    System.out.println("##[group]Inputs");
    System.out.println("message: " + message);
    System.out.println("entry point: launcher, java " + System.getProperty("java.version"));
    System.out.println("##[endgroup]");
    System.out.println("hosts file: " + System.getProperty("jdk.net.hosts.file", "none"));
    System.out.println("CA: " + (System.getenv("AGENT_CAINFO") == null ? "none" : "set"));
    System.out.println("PATH starts with: " + System.getenv("PATH").split(":")[0]);
    System.out.println("previous: " + System.getenv("PREVIOUS"));
    context
        .input("connection")
        .filter(id -> !id.isEmpty())
        .ifPresent(
            id -> {
              Endpoint endpoint = context.endpoint(id);
              System.out.println(
                  "connection "
                      + id
                      + " scheme "
                      + endpoint.scheme().orElse("")
                      + " url "
                      + endpoint.url().orElse(""));
            });
    context.log().warning("a warning for the summary");
    context.setVariable("greeting", message + "!");
    context.setVariable(
        "token", "tok-" + message.length() + "-s3cr3t", TaskContext.VariableOption.SECRET);
    context.commands().prependPath("/opt/sample/bin");
    switch (context.input("mode").orElse("normal")) {
      case "fail" -> throw new TaskException("SampleFailed", "Failing as asked");
      case "leak" -> {
        String secret = context.secretVariable("MySecret").map(s -> s.reveal()).orElse("");
        // A buggy task that bypasses the SDK's own masking (as native code or an inherited file
        // descriptor could): the raw value and its base64 form both reach stdout.
        PrintStream raw = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        raw.println("the secret is " + secret);
        raw.println(Base64.getEncoder().encodeToString(secret.getBytes()));
      }
      default -> {}
    }
  }
}
