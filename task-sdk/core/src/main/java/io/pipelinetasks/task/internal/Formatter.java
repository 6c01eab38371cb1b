package io.pipelinetasks.task.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Formats a message the way Node's {@code util.format} does, which is what the official library's
 * {@code loc()} uses: {@code %s}, {@code %d}, {@code %i}, {@code %f}, {@code %j}, {@code %o},
 * {@code %O} and {@code %%}; extra arguments are appended with spaces, and a placeholder without an
 * argument stays as written.
 */
public final class Formatter {
  private Formatter() {}

  /**
   * Formats a template.
   *
   * @param template the message template
   * @param args the arguments
   */
  public static String format(String template, Object... args) {
    StringBuilder out = new StringBuilder(template.length() + 16);
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '%' || i + 1 >= template.length()) {
        out.append(c);
        continue;
      }
      char spec = template.charAt(i + 1);
      if (spec == '%') {
        out.append('%');
        i++;
        continue;
      }
      if ("sdifjoO".indexOf(spec) < 0 || next >= args.length) {
        out.append(c);
        continue;
      }
      Object arg = args[next++];
      i++;
      switch (spec) {
        case 'd', 'i', 'f' -> out.append(number(arg, spec));
        case 'j', 'o', 'O' -> out.append(json(arg));
        default -> out.append(string(arg));
      }
    }
    for (; next < args.length; next++) {
      out.append(' ').append(string(args[next]));
    }
    return out.toString();
  }

  private static String string(Object arg) {
    return arg == null ? "null" : String.valueOf(arg);
  }

  private static String number(Object arg, char spec) {
    BigDecimal value;
    try {
      value =
          arg instanceof Number n
              ? new BigDecimal(n.toString())
              : new BigDecimal(string(arg).trim());
    } catch (NumberFormatException notNumber) {
      return "NaN";
    }
    if (spec == 'i') {
      return value.toBigInteger().toString();
    }
    return value.stripTrailingZeros().toPlainString();
  }

  private static String json(Object arg) {
    if (arg == null) {
      return "null";
    }
    if (arg instanceof String s) {
      return Json.quote(s);
    }
    if (arg instanceof Number || arg instanceof Boolean) {
      return arg.toString();
    }
    if (arg instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach(
          (k, v) -> {
            if (out.length() > 1) {
              out.append(',');
            }
            out.append(Json.quote(String.valueOf(k))).append(':').append(json(v));
          });
      return out.append('}').toString();
    }
    if (arg instanceof Collection<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (Object item : list) {
        if (out.length() > 1) {
          out.append(',');
        }
        out.append(json(item));
      }
      return out.append(']').toString();
    }
    return Json.quote(arg.toString());
  }
}
