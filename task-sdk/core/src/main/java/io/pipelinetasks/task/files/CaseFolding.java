package io.pipelinetasks.task.files;

import io.pipelinetasks.task.files.GlobNode.CharSet;

/** Case-insensitive comparison as a JavaScript regular expression with the {@code i} flag does. */
final class CaseFolding {
  private CaseFolding() {}

  /**
   * JavaScript's canonical form of a character: its single-character upper case, except that a
   * non-ASCII character never folds into ASCII (so the long s does not match 's').
   */
  static char canonical(char c) {
    char upper = Character.toUpperCase(c);
    return c >= 128 && upper < 128 ? c : upper;
  }

  static boolean equal(char a, char b) {
    return a == b || canonical(a) == canonical(b);
  }

  static boolean inSet(CharSet set, char c, boolean nocase) {
    boolean member = contains(set, c);
    if (!member && nocase) {
      member = contains(set, canonical(c)) || contains(set, Character.toLowerCase(c));
    }
    return member != set.negated();
  }

  private static boolean contains(CharSet set, char c) {
    for (char[] range : set.ranges()) {
      if (c >= range[0] && c <= range[1]) {
        return true;
      }
    }
    return false;
  }
}
