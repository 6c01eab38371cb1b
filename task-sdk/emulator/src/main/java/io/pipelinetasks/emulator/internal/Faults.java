package io.pipelinetasks.emulator.internal;

import io.pipelinetasks.emulator.FaultRule;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** The active fault rules, each with the count of requests it has applied to. */
public final class Faults {
  private final List<Active> rules = new CopyOnWriteArrayList<>();

  private record Active(FaultRule rule, Pattern host, Pattern path, AtomicInteger applied) {
    boolean matches(Req req) {
      return (rule.method() == null || rule.method().equals(req.method))
          && (host == null || host.matcher(req.host).find())
          && (path == null || path.matcher(req.path).find());
    }
  }

  public void add(FaultRule rule) {
    rules.add(
        new Active(
            rule,
            rule.host() == null ? null : Pattern.compile(rule.host(), Pattern.CASE_INSENSITIVE),
            rule.path() == null ? null : Pattern.compile(rule.path()),
            new AtomicInteger()));
  }

  public void clear() {
    rules.clear();
  }

  /** How many requests {@code rule} has applied to (the first added rule equal to it). */
  public int applied(FaultRule rule) {
    return rules.stream()
        .filter(a -> a.rule().equals(rule))
        .findFirst()
        .map(a -> a.applied().get())
        .orElse(0);
  }

  /** The rule to apply to {@code req}, counting it as applied, or {@code null}. */
  FaultRule match(Req req) {
    for (Active active : rules) {
      if (!active.matches(req)) {
        continue;
      }
      int times = active.rule().times();
      if (times == 0) {
        active.applied().incrementAndGet();
        return active.rule();
      }
      int before = active.applied().getAndUpdate(c -> c < times ? c + 1 : c);
      if (before < times) {
        return active.rule();
      }
    }
    return null;
  }

  static String errorCode(int status) {
    return switch (status) {
      case 429 -> "TooManyRequests";
      case 500 -> "InternalServerError";
      case 502 -> "BadGateway";
      case 503 -> "ServiceUnavailable";
      case 504 -> "GatewayTimeout";
      default -> "InjectedFault" + status;
    };
  }

  static Res response(FaultRule rule) {
    Res res =
        Res.armError(
            rule.status(),
            errorCode(rule.status()),
            "Fault injected by the emulator (HTTP " + rule.status() + ").");
    if (rule.retryAfter() != null) {
      res.header(
          "Retry-After", Long.toString(Math.max(0, (rule.retryAfter().toMillis() + 999) / 1000)));
    }
    return res;
  }
}
