package io.pipelinetasks.tasks.keyvault;

import io.pipelinetasks.task.TaskContext;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what went wrong in words a pipeline author can act on: who was refused what and how to grant
 * it, a firewall, a missing vault. Built only from Key Vault's error bodies and exception types,
 * never from a value.
 */
final class FailureMessages {
  // Key Vault names the caller in its 403 bodies as appid=<client id>;oid=<object id>;iss=...
  // The agent masks a connection's client id (serviceprincipalid is a secret parameter), so the
  // object id is what can name the identity in the log.
  private static final Pattern OBJECT_ID = Pattern.compile("\\boid=([0-9a-fA-F-]+)");
  private static final Pattern APP_ID = Pattern.compile("\\bappid=[^;\\s']*;?");

  private final TaskContext context;
  private final Duration timeout;

  FailureMessages(TaskContext context, Duration timeout) {
    this.context = context;
    this.timeout = timeout;
  }

  /** The operations the task needs, with the access-policy permission that allows each. */
  enum Operation {
    GET("read", "Get"),
    LIST("list", "List");

    private final String verb;
    private final String permission;

    Operation(String verb, String permission) {
      this.verb = verb;
      this.permission = permission;
    }
  }

  /** Why a request failed for good: the failure, plus the retries or the deadline that ended it. */
  String gaveUp(Retrier.GaveUp gaveUp, Operation operation) {
    VaultFailure failure = gaveUp.failure();
    String limit = context.loc("DeadlineExceeded", timeout.toSeconds());
    if (failure == null) {
      return limit;
    }
    String text = describe(failure, operation);
    if (gaveUp.deadline()) {
      return text + "; " + limit;
    }
    return gaveUp.attempts() > 1 ? context.loc("GaveUpRetrying", text, gaveUp.attempts()) : text;
  }

  /** One failure, explained. */
  String describe(VaultFailure failure, Operation operation) {
    if (failure.firewall()) {
      return context.loc("FirewallDenied", withoutClientId(failure.message()));
    }
    if (failure.forbidden()) {
      String identity = identity(failure.message());
      String key =
          failure.innerCode().equalsIgnoreCase("ForbiddenByRbac")
              ? "AccessDeniedRbac"
              : failure.innerCode().equalsIgnoreCase("AccessDenied")
                  ? "AccessDeniedPolicy"
                  : "AccessDenied";
      return context.loc(
          key,
          withoutClientId(failure.message()),
          failure.statusText(),
          identity,
          key.equals("AccessDeniedPolicy") ? operation.permission : operation.verb);
    }
    if (failure.kind() == VaultFailure.Kind.HTTP) {
      return context.loc("RequestFailed", withoutClientId(failure.message()), failure.statusText());
    }
    return failure.message();
  }

  /** A short form for retry notices: the status, or the network failure. */
  static String brief(VaultFailure failure) {
    return failure.kind() == VaultFailure.Kind.HTTP
        ? "HTTP " + failure.statusText()
        : failure.message();
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }

  private String identity(String message) {
    Matcher caller = OBJECT_ID.matcher(message);
    return caller.find()
        ? context.loc("IdentityNamed", caller.group(1))
        : context.loc("IdentityUnnamed");
  }

  /** The service's message without the client id, which the agent would mask anyway. */
  static String withoutClientId(String message) {
    return APP_ID.matcher(message).replaceAll("");
  }
}
