package io.pipelinetasks.task.files;

/**
 * Whether a bracket expression's text, as written in the pattern, would compile as a JavaScript
 * character class. Minimatch asks JavaScript exactly this question to decide whether {@code [...]}
 * is a class or literal text, so the answer must follow JavaScript's (non-Unicode, web-compatible)
 * grammar. The usual failure is a range whose ends are out of order, such as {@code [z-a]}. A body
 * that starts with {@code ]} is a special case: JavaScript reads {@code []} as an empty class and
 * the rest as expression syntax, so {@code []a]} compiles but {@code [](]} does not.
 */
final class JavaScriptCharacterClass {
  private static final int CLASS_ESCAPE = -1;

  private JavaScriptCharacterClass() {}

  /** Whether {@code [body]} compiles. */
  static boolean isValid(String body) {
    if (body.startsWith("]")) {
      return isValidExpression(body.substring(1) + "]", true);
    }
    int i = body.startsWith("^") ? 1 : 0;
    while (i < body.length()) {
      long first = atom(body, i);
      i = end(first);
      if (i < 0) {
        return false;
      }
      if (i + 1 < body.length() && body.charAt(i) == '-') {
        long last = atom(body, i + 1);
        if (end(last) < 0) {
          return false;
        }
        if (value(first) != CLASS_ESCAPE
            && value(last) != CLASS_ESCAPE
            && value(first) > value(last)) {
          return false;
        }
        i = end(last);
      }
    }
    return true;
  }

  private static int value(long atom) {
    return (int) (atom >> 32);
  }

  private static int end(long atom) {
    return (int) atom;
  }

  private static long atom(int value, int end) {
    return ((long) value << 32) | (end & 0xFFFFFFFFL);
  }

  /** Reads one class member at {@code i}: its character code, or a class escape such as \d. */
  private static long atom(String body, int i) {
    char c = body.charAt(i);
    if (c != '\\') {
      return atom(c, i + 1);
    }
    if (i + 1 >= body.length()) {
      return atom(0, -1); // a lone backslash escapes the closing bracket
    }
    char e = body.charAt(i + 1);
    switch (e) {
      case 'd', 'D', 's', 'S', 'w', 'W' -> {
        return atom(CLASS_ESCAPE, i + 2);
      }
      case 'b' -> {
        return atom('\b', i + 2);
      }
      case 't' -> {
        return atom('\t', i + 2);
      }
      case 'n' -> {
        return atom('\n', i + 2);
      }
      case 'v' -> {
        return atom(0x0B, i + 2);
      }
      case 'f' -> {
        return atom('\f', i + 2);
      }
      case 'r' -> {
        return atom('\r', i + 2);
      }
      case 'c' -> {
        if (i + 2 < body.length() && isControlLetter(body.charAt(i + 2))) {
          return atom(body.charAt(i + 2) % 32, i + 3);
        }
        return atom('\\', i + 1); // "\c" alone is a backslash, and the "c" is read next
      }
      case 'x' -> {
        return hex(body, i + 2, 2, 'x');
      }
      case 'u' -> {
        return hex(body, i + 2, 4, 'u');
      }
      default -> {
        if (e >= '0' && e <= '7') {
          return octal(body, i + 1);
        }
        return atom(e, i + 2);
      }
    }
  }

  private static boolean isControlLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static long hex(String body, int start, int digits, char letter) {
    if (start + digits <= body.length()) {
      String hex = body.substring(start, start + digits);
      if (hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
        return atom(Integer.parseInt(hex, 16), start + digits);
      }
    }
    return atom(letter, start);
  }

  private static long octal(String body, int start) {
    int maxDigits = body.charAt(start) <= '3' ? 3 : 2;
    int value = 0;
    int i = start;
    while (i < body.length() && i - start < maxDigits) {
      char d = body.charAt(i);
      if (d < '0' || d > '7') {
        break;
      }
      value = value * 8 + (d - '0');
      i++;
    }
    return atom(value, i);
  }

  /**
   * Whether text compiles as the rest of a JavaScript regular expression (web-compatible syntax):
   * groups are balanced and well-formed, quantifiers follow something they can repeat, classes are
   * valid.
   *
   * @param afterAtom whether the text follows something a quantifier could repeat
   */
  private static boolean isValidExpression(String expression, boolean afterAtom) {
    int depth = 0;
    boolean canRepeat = afterAtom;
    int i = 0;
    int n = expression.length();
    while (i < n) {
      char c = expression.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 >= n) {
            return false;
          }
          char e = expression.charAt(i + 1);
          canRepeat = e != 'b' && e != 'B';
          i += 2;
        }
        case '[' -> {
          int close = classEnd(expression, i + 1);
          if (close < 0 || !isValid(expression.substring(i + 1, close))) {
            return false;
          }
          canRepeat = true;
          i = close + 1;
        }
        case '(' -> {
          i++;
          if (i < n && expression.charAt(i) == '?') {
            int kind = groupPrefix(expression, i + 1);
            if (kind < 0) {
              return false;
            }
            i = kind;
          }
          depth++;
          canRepeat = false;
        }
        case ')' -> {
          if (depth == 0) {
            return false;
          }
          depth--;
          canRepeat = true;
          i++;
        }
        case '|', '^', '$' -> {
          canRepeat = false;
          i++;
        }
        case '*', '+', '?' -> {
          if (!canRepeat) {
            return false;
          }
          i = skipLazy(expression, i + 1);
          canRepeat = false;
        }
        case '{' -> {
          int end = bracedQuantifierEnd(expression, i);
          if (end < 0) {
            canRepeat = true; // a brace that is not a quantifier is a literal
            i++;
          } else if (!canRepeat || !bracedQuantifierInOrder(expression.substring(i + 1, end))) {
            return false;
          } else {
            i = skipLazy(expression, end + 1);
            canRepeat = false;
          }
        }
        default -> {
          canRepeat = true;
          i++;
        }
      }
    }
    return depth == 0;
  }

  /** The index of the ']' that closes a class whose body starts at {@code start}, or -1. */
  private static int classEnd(String expression, int start) {
    int i = start;
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == ']') {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }

  /** After "(?", the index past a valid group prefix such as ":" or "<=", or -1. */
  private static int groupPrefix(String expression, int i) {
    if (i >= expression.length()) {
      return -1;
    }
    char c = expression.charAt(i);
    if (c == ':' || c == '=' || c == '!') {
      return i + 1;
    }
    if (c == '<' && i + 1 < expression.length()) {
      char d = expression.charAt(i + 1);
      if (d == '=' || d == '!') {
        return i + 2;
      }
      int close = expression.indexOf('>', i + 1);
      if (close > i + 1 && expression.substring(i + 1, close).matches("[A-Za-z_$][\\w$]*")) {
        return close + 1;
      }
    }
    return -1;
  }

  private static int skipLazy(String expression, int i) {
    return i < expression.length() && expression.charAt(i) == '?' ? i + 1 : i;
  }

  /** The index of the '}' of a quantifier such as {2} or {2,5} starting at {@code open}, or -1. */
  private static int bracedQuantifierEnd(String expression, int open) {
    int close = expression.indexOf('}', open);
    if (close < 0 || !expression.substring(open + 1, close).matches("\\d+(,\\d*)?")) {
      return -1;
    }
    return close;
  }

  private static boolean bracedQuantifierInOrder(String bounds) {
    int comma = bounds.indexOf(',');
    if (comma < 0 || comma == bounds.length() - 1) {
      return true;
    }
    return new java.math.BigInteger(bounds.substring(0, comma))
            .compareTo(new java.math.BigInteger(bounds.substring(comma + 1)))
        <= 0;
  }
}
