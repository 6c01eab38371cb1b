package io.pipelinetasks.task.files;

import io.pipelinetasks.task.files.GlobNode.Group;
import io.pipelinetasks.task.files.GlobNode.Reparsed;
import java.util.List;

/** One compiled path segment of a glob. */
sealed interface Segment
    permits Segment.Literal, Segment.Globstar, Segment.Nothing, WildcardSegment, ExpressionSegment {

  /** Whether the segment matches one path segment. Never called on the globstar. */
  boolean matches(String name);

  /** A segment without glob characters, compared exactly, with its escapes removed. */
  record Literal(String text) implements Segment {
    @Override
    public boolean matches(String name) {
      return text.equals(name);
    }
  }

  /** {@code **} on its own: any number of segments. */
  enum Globstar implements Segment {
    INSTANCE;

    @Override
    public boolean matches(String name) {
      throw new UnsupportedOperationException("the globstar spans segments");
    }
  }

  /** A segment that can match nothing, as minimatch's invalid regular expressions do. */
  enum Nothing implements Segment {
    INSTANCE;

    @Override
    public boolean matches(String name) {
      return false;
    }
  }

  /** How a segment that starts with a wildcard treats names that start with a period. */
  enum LeadingDot {
    /** No restriction: the segment does not start with a wildcard, or itself starts with '.'. */
    ANY,
    /** The name must not start with '.'; the default. */
    FORBIDDEN,
    /** With the dot option the name may start with '.', but must not be "." or "..". */
    NOT_DOT_DIRECTORIES
  }

  /**
   * Compiles one segment of a pattern that has already been split on slashes.
   *
   * @param segment the segment text
   * @param options dot, nocase, noext and noglobstar apply here
   */
  static Segment compile(String segment, MatchOptions options) {
    if (segment.equals("**")) {
      return options.noglobstar() ? compile("*", options) : Globstar.INSTANCE;
    }
    if (segment.isEmpty()) {
      return new Literal("");
    }
    SegmentParser.Parsed parsed = SegmentParser.parse(segment, options.noext(), options.nocase());
    if (!parsed.magic()) {
      return new Literal(unescape(segment));
    }
    if (parsed.broken()) {
      return Nothing.INSTANCE;
    }
    LeadingDot leadingDot =
        !GlobNode.startsWithWildcard(parsed.nodes()) || segment.startsWith(".")
            ? LeadingDot.ANY
            : options.dot() ? LeadingDot.NOT_DOT_DIRECTORIES : LeadingDot.FORBIDDEN;
    if (containsGroup(parsed.nodes())) {
      return ExpressionSegment.of(segment, parsed.nodes(), leadingDot, options);
    }
    return WildcardSegment.of(parsed.nodes(), leadingDot, options);
  }

  /** Removes each backslash that escapes a character, as minimatch does for literal segments. */
  static String unescape(String segment) {
    StringBuilder text = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '\\' && i + 1 < segment.length() && !isLineTerminator(segment.charAt(i + 1))) {
        text.append(segment.charAt(++i));
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  /** The characters JavaScript's {@code .} does not match. */
  static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
  }

  private static boolean containsGroup(List<GlobNode> nodes) {
    for (GlobNode node : nodes) {
      if (node instanceof Group) {
        return true;
      }
      if (node instanceof Reparsed reparsed && containsGroup(reparsed.nodes())) {
        return true;
      }
    }
    return false;
  }
}
