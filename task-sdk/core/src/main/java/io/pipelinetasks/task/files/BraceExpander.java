package io.pipelinetasks.task.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bash-style brace expansion as minimatch's {@code braceExpand} performs it: {@code a{b,c}d} gives
 * {@code abd} and {@code acd}, {@code {1..3}} and {@code {a..e..2}} give sequences, nested sets
 * expand from the inside, and a set without a comma stays literal. A backslash protects a brace, a
 * comma or a period and is then dropped; {@code \\} becomes one backslash. Like the Node module, it
 * bounds its output so that a hostile pattern cannot exhaust memory.
 */
final class BraceExpander {
  static final int MAX_RESULTS = 100_000;
  private static final int MAX_TOTAL_CHARS = 4_000_000;
  private static final int MAX_DEPTH = 1000;

  // Stand-ins for escaped characters while expanding; noncharacters never appear in real paths.
  private static final char ESCAPED_BACKSLASH = '\uFDD0';
  private static final char ESCAPED_OPEN = '\uFDD1';
  private static final char ESCAPED_CLOSE = '\uFDD2';
  private static final char ESCAPED_COMMA = '\uFDD3';
  private static final char ESCAPED_PERIOD = '\uFDD4';

  private static final Pattern NUMERIC_SEQUENCE =
      Pattern.compile("-?\\d+\\.\\.-?\\d+(?:\\.\\.-?\\d+)?");
  private static final Pattern ALPHA_SEQUENCE =
      Pattern.compile("[a-zA-Z]\\.\\.[a-zA-Z](?:\\.\\.-?\\d+)?");
  // a '{' and then a '}' without another '{' between them, on one line
  private static final Pattern MAY_HAVE_SET =
      Pattern.compile("\\{(?:(?!\\{)[^\\n\\r\\u2028\\u2029])*\\}");
  private static final Pattern PADDED = Pattern.compile("^-?0\\d");
  // a comma not followed by another, then a closing brace later on the same line
  private static final Pattern COMMA_SET_FOLLOWS = Pattern.compile(",(?!,).*\\}");

  private BraceExpander() {}

  /**
   * Expands the braces of one pattern. As in minimatch, a pattern without a brace pair is returned
   * unchanged, escapes included; an empty pattern gives no results.
   */
  static List<String> expand(String pattern) {
    if (pattern.isEmpty()) {
      return List.of();
    }
    if (!MAY_HAVE_SET.matcher(pattern).find()) {
      return List.of(pattern);
    }
    // Bash keeps a leading "{}" literal, so protect it.
    String text = pattern.startsWith("{}") ? "\\{\\}" + pattern.substring(2) : pattern;
    List<String> expanded = expand(protectEscapes(text), true, 0);
    List<String> results = new ArrayList<>(expanded.size());
    for (String each : expanded) {
      results.add(restoreEscapes(each));
    }
    return results;
  }

  private static List<String> expand(String text, boolean top, int depth) {
    int open = firstMatchedOpen(text);
    if (open < 0 || depth > MAX_DEPTH) {
      return List.of(text);
    }
    int close = matchingClose(text, open);
    String pre = text.substring(0, open);
    String body = text.substring(open + 1, close);
    String post = text.substring(close + 1);
    if (pre.endsWith("$")) {
      return List.of(text); // "${" is left to the shell, with everything after it
    }
    boolean numeric = NUMERIC_SEQUENCE.matcher(body).matches();
    boolean alpha = !numeric && ALPHA_SEQUENCE.matcher(body).matches();
    boolean sequence = numeric || alpha;
    if (!sequence && body.indexOf(',') < 0) {
      if (COMMA_SET_FOLLOWS.matcher(post).find()) {
        // "{a},b}": this set is literal, and its closing brace becomes part of a later set. The
        // rewritten text is expanded as if it started a pattern, so empty results drop again.
        return expand(pre + '{' + body + ESCAPED_CLOSE + post, true, depth);
      }
      return List.of(text);
    }

    List<String> values;
    if (sequence) {
      values = sequence(body, alpha);
    } else {
      List<String> members = splitMembers(body);
      if (members.size() == 1) {
        // "x{{a,b}}y" gives "x{a}y" and "x{b}y"
        List<String> inner = new ArrayList<>();
        for (String each : expand(members.get(0), false, depth + 1)) {
          inner.add('{' + each + '}');
        }
        members = inner;
      }
      values = new ArrayList<>();
      for (String member : members) {
        values.addAll(expand(member, false, depth + 1));
      }
    }

    List<String> tails = post.isEmpty() ? List.of("") : expand(post, false, depth + 1);
    List<String> results = new ArrayList<>();
    long totalChars = 0;
    for (String value : values) {
      for (String tail : tails) {
        String expansion = pre + value + tail;
        if (top && !sequence && expansion.isEmpty()) {
          continue; // bash drops empty words
        }
        totalChars += expansion.length();
        if (results.size() >= MAX_RESULTS || totalChars > MAX_TOTAL_CHARS) {
          return results;
        }
        results.add(expansion);
      }
    }
    return results;
  }

  /** The index of the first '{' that a later '}' closes, or -1. */
  private static int firstMatchedOpen(String text) {
    int[] opens = new int[text.length()];
    int depth = 0;
    int first = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        opens[depth++] = i;
      } else if (c == '}' && depth > 0) {
        int open = opens[--depth];
        if (first < 0 || open < first) {
          first = open;
        }
      }
    }
    return first;
  }

  private static int matchingClose(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unbalanced braces after " + open);
  }

  /** Splits a set's body on the commas that are not inside a nested set. */
  private static List<String> splitMembers(String body) {
    List<String> members = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        members.add(body.substring(start, i));
        start = i + 1;
      }
    }
    members.add(body.substring(start));
    return members;
  }

  private static List<String> sequence(String body, boolean alpha) {
    String[] bounds = body.split("\\.\\.", -1);
    long from = numericValue(bounds[0]);
    long to = numericValue(bounds[1]);
    int width = Math.max(bounds[0].length(), bounds[1].length());
    long step = bounds.length == 3 ? Math.max(Math.abs(numericValue(bounds[2])), 1) : 1;
    boolean descending = to < from;
    boolean padded = false;
    for (String bound : bounds) {
      padded |= PADDED.matcher(bound).find();
    }
    List<String> values = new ArrayList<>();
    for (long i = from; descending ? i >= to : i <= to; i = descending ? i - step : i + step) {
      if (values.size() >= MAX_RESULTS) {
        break;
      }
      if (alpha) {
        char c = (char) i;
        values.add(c == '\\' ? "" : String.valueOf(c));
      } else {
        String digits = Long.toString(i);
        int missing = width - digits.length();
        if (padded && missing > 0) {
          String zeros = "0".repeat(missing);
          digits = i < 0 ? "-" + zeros + digits.substring(1) : zeros + digits;
        }
        values.add(digits);
      }
    }
    return values;
  }

  /** A number for digits, else the code of the first character, as the Node module reads it. */
  private static long numericValue(String text) {
    if (text.matches("-?\\d+")) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException huge) {
        return text.startsWith("-") ? -Long.MAX_VALUE / 2 : Long.MAX_VALUE / 2;
      }
    }
    return text.charAt(0);
  }

  private static String protectEscapes(String text) {
    return text.replace("\\\\", String.valueOf(ESCAPED_BACKSLASH))
        .replace("\\{", String.valueOf(ESCAPED_OPEN))
        .replace("\\}", String.valueOf(ESCAPED_CLOSE))
        .replace("\\,", String.valueOf(ESCAPED_COMMA))
        .replace("\\.", String.valueOf(ESCAPED_PERIOD));
  }

  private static String restoreEscapes(String text) {
    return text.replace(ESCAPED_BACKSLASH, '\\')
        .replace(ESCAPED_OPEN, '{')
        .replace(ESCAPED_CLOSE, '}')
        .replace(ESCAPED_COMMA, ',')
        .replace(ESCAPED_PERIOD, '.');
  }
}
