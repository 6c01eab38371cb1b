package io.pipelinetasks.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault the emulator injects into matching requests: an error status, a dropped connection or a
 * delay. Rules are tried in the order they were added and the first active match applies. A rule
 * with {@link #times()} {@code n > 0} applies to the first {@code n} matching requests and is spent
 * afterwards ("fail the first N, then succeed"); {@code 0} means every match.
 *
 * <pre>{@code
 * emulator.addFault(FaultRule.status(429).onPath("^/secrets").withRetryAfter(Duration.ofSeconds(1)).times(2));
 * }</pre>
 *
 * @param host a regular expression searched in the request's host name without port, or {@code
 *     null} for any host
 * @param method an HTTP method, or {@code null} for any
 * @param path a regular expression searched in the decoded request path (anchor it with {@code ^}
 *     and {@code $}), or {@code null} for any path
 * @param action what to do
 * @param status the status for {@link Action#STATUS}
 * @param retryAfter the {@code Retry-After} header for {@link Action#STATUS}, or {@code null}
 * @param delay the delay for {@link Action#DELAY}
 * @param times how many matching requests the rule applies to; {@code 0} for all
 */
public record FaultRule(
    String host,
    String method,
    String path,
    Action action,
    int status,
    Duration retryAfter,
    Duration delay,
    int times) {

  /** What a rule does to a request it matches. */
  public enum Action {
    /**
     * Answer with {@link #status()} and an ARM-style error body instead of handling the request.
     */
    STATUS,
    /** Close the connection without answering; clients see a reset or end of stream. */
    RESET,
    /** Wait {@link #delay()}, then handle the request normally. */
    DELAY
  }

  /** Checks the fields. */
  public FaultRule {
    Objects.requireNonNull(action, "action");
    if (host != null) {
      Pattern.compile(host);
    }
    if (path != null) {
      Pattern.compile(path);
    }
    method = method == null ? null : method.toUpperCase(Locale.ROOT);
    if (action == Action.STATUS && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("A STATUS fault needs an HTTP status, not " + status);
    }
    if (action == Action.DELAY && (delay == null || delay.isNegative())) {
      throw new IllegalArgumentException("A DELAY fault needs a non-negative delay");
    }
    if (times < 0) {
      throw new IllegalArgumentException("times must be 0 (always) or positive, not " + times);
    }
  }

  /** Answers every request with {@code status}. */
  public static FaultRule status(int status) {
    return new FaultRule(null, null, null, Action.STATUS, status, null, null, 0);
  }

  /** Drops the connection of every request once its body has arrived, without an answer. */
  public static FaultRule reset() {
    return new FaultRule(null, null, null, Action.RESET, 0, null, null, 0);
  }

  /** Delays every request. */
  public static FaultRule delay(Duration delay) {
    return new FaultRule(null, null, null, Action.DELAY, 0, null, delay, 0);
  }

  /** The same rule, restricted to hosts matching {@code regex}. */
  public FaultRule onHost(String regex) {
    return new FaultRule(regex, method, path, action, status, retryAfter, delay, times);
  }

  /** The same rule, restricted to one HTTP method. */
  public FaultRule onMethod(String httpMethod) {
    return new FaultRule(host, httpMethod, path, action, status, retryAfter, delay, times);
  }

  /** The same rule, restricted to paths matching {@code regex}. */
  public FaultRule onPath(String regex) {
    return new FaultRule(host, method, regex, action, status, retryAfter, delay, times);
  }

  /** The same rule with a {@code Retry-After} header, in whole seconds. */
  public FaultRule withRetryAfter(Duration value) {
    return new FaultRule(host, method, path, action, status, value, delay, times);
  }

  /** The same rule, applied to the first {@code count} matching requests only. */
  public FaultRule times(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, not " + count);
    }
    return new FaultRule(host, method, path, action, status, retryAfter, delay, count);
  }
}
