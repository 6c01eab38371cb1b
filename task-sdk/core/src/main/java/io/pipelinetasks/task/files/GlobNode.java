package io.pipelinetasks.task.files;

import java.util.List;

/** One element of a parsed path segment of a glob. */
sealed interface GlobNode {

  /** A character that matches itself. */
  record Text(char value) implements GlobNode {}

  /** {@code ?}: any one character. */
  record AnyChar() implements GlobNode {}

  /** {@code *}: any run of characters, possibly empty. */
  record AnyRun() implements GlobNode {}

  /**
   * A bracket expression such as {@code [a-z]} or {@code [!0-9]}.
   *
   * @param negated whether it matches the characters not listed
   * @param ranges inclusive ranges as pairs of first and last character
   */
  record CharSet(boolean negated, List<char[]> ranges) implements GlobNode {
    public CharSet {
      ranges = List.copyOf(ranges);
    }
  }

  /**
   * An extglob: {@code @(a|b)} one of, {@code ?(a|b)} at most one, {@code *(a|b)} any number,
   * {@code +(a|b)} at least one, {@code !(a|b)} anything but.
   *
   * @param kind the character before the parenthesis
   * @param alternatives the alternatives between the bars
   */
  record Group(char kind, List<List<GlobNode>> alternatives) implements GlobNode {
    public Group {
      alternatives = alternatives.stream().map(List::copyOf).toList();
    }
  }

  /**
   * The text after a {@code [} that does not open a valid bracket expression, parsed on its own as
   * minimatch does. It keeps the start-of-segment rules of a fresh parse: when it contains a
   * wildcard it cannot be empty, and a wildcard at its start does not match a leading dot.
   *
   * @param nodes the parsed text
   * @param magic whether it contains anything but literal text
   * @param startsWithDot whether the text itself begins with a period
   */
  record Reparsed(List<GlobNode> nodes, boolean magic, boolean startsWithDot) implements GlobNode {
    public Reparsed {
      nodes = List.copyOf(nodes);
    }
  }

  /** Whether a node's match can start with a wildcard, so start-of-segment dot rules apply. */
  static boolean startsWithWildcard(List<GlobNode> nodes) {
    if (nodes.isEmpty()) {
      return false;
    }
    GlobNode first = nodes.get(0);
    return first instanceof AnyChar
        || first instanceof AnyRun
        || first instanceof CharSet
        || first instanceof Group;
  }
}
