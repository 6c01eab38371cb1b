package io.pipelinetasks.task.files;

import io.pipelinetasks.task.files.GlobNode.AnyChar;
import io.pipelinetasks.task.files.GlobNode.AnyRun;
import io.pipelinetasks.task.files.GlobNode.CharSet;
import io.pipelinetasks.task.files.GlobNode.Group;
import io.pipelinetasks.task.files.GlobNode.Reparsed;
import io.pipelinetasks.task.files.GlobNode.Text;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A segment with extglobs, compiled to a Java regular expression that means what minimatch's
 * JavaScript expression means. {@code !(a|b)} follows minimatch's reading: at its position, the
 * rest of the name must not match {@code a} or {@code b} followed by whatever the pattern requires
 * after the group (to the end of the segment when nothing follows).
 *
 * <p>Extglobs can nest quantifiers, which a backtracking engine may take exponential time on, so a
 * match reads the name through a counter and gives up, with {@link TooComplexException}, after a
 * fixed number of steps.
 */
final class ExpressionSegment implements Segment {
  private static final int MAX_EXPRESSION_LENGTH = 100_000;
  private static final int MAX_STEPS = 1_000_000;
  // JavaScript's "(?=.)": a character follows, and '.' does not match line terminators
  private static final String NOT_EMPTY = "(?=[^\\n\\r\\u2028\\u2029])";

  private final String source;
  private final Pattern expression;

  private ExpressionSegment(String source, Pattern expression) {
    this.source = source;
    this.expression = expression;
  }

  /** Thrown when a segment is too complex to compile or to match within bounded work. */
  static final class TooComplexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplexException(String segment) {
      super(segment, null, false, false);
    }
  }

  /** What follows a position: the rest of a node list, then what follows the enclosing group. */
  private record Rest(List<GlobNode> nodes, int from, Rest outer, boolean segmentEnd) {
    static final Rest SEGMENT_END = new Rest(List.of(), 0, null, true);
    static final Rest REPARSED_END = new Rest(List.of(), 0, null, false);
  }

  static ExpressionSegment of(
      String source, List<GlobNode> nodes, LeadingDot leadingDot, MatchOptions options) {
    Compiler compiler = new Compiler(source, options.dot());
    StringBuilder regex = new StringBuilder();
    switch (leadingDot) {
      case FORBIDDEN -> regex.append("(?!\\.)");
      case NOT_DOT_DIRECTORIES -> regex.append("(?!\\.{1,2}\\z)");
      case ANY -> {}
    }
    regex.append(NOT_EMPTY);
    regex.append(compiler.sequence(nodes, 0, Rest.SEGMENT_END));
    regex.append("\\z");
    int flags = options.nocase() ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
    return new ExpressionSegment(source, Pattern.compile(regex.toString(), flags));
  }

  @Override
  public boolean matches(String name) {
    return expression.matcher(new CountingText(name, source)).matches();
  }

  /** Builds the expression text for one segment. */
  private static final class Compiler {
    private final String source;
    private final boolean dot;

    Compiler(String source, boolean dot) {
      this.source = source;
      this.dot = dot;
    }

    String sequence(List<GlobNode> nodes, int from, Rest outer) {
      StringBuilder regex = new StringBuilder();
      for (int i = from; i < nodes.size(); i++) {
        regex.append(node(nodes.get(i), new Rest(nodes, i + 1, outer, false)));
        if (regex.length() > MAX_EXPRESSION_LENGTH) {
          throw new TooComplexException(source);
        }
      }
      return regex.toString();
    }

    /** The expression for everything after a position, up to the end of the segment. */
    String rest(Rest rest) {
      StringBuilder regex = new StringBuilder();
      for (Rest r = rest; r != null && r.outer() != null; r = r.outer()) {
        regex.append(sequence(r.nodes(), r.from(), r.outer()));
      }
      return regex.toString();
    }

    static boolean endsSegment(Rest rest) {
      Rest r = rest;
      while (r.outer() != null) {
        r = r.outer();
      }
      return r.segmentEnd();
    }

    String node(GlobNode node, Rest after) {
      if (node instanceof Text text) {
        return literal(text.value());
      } else if (node instanceof AnyChar) {
        return "[^/]";
      } else if (node instanceof AnyRun) {
        return "[^/]*?";
      } else if (node instanceof CharSet set) {
        return charSet(set);
      } else if (node instanceof Group group) {
        return group(group, after);
      } else {
        Reparsed reparsed = (Reparsed) node;
        StringBuilder regex = new StringBuilder();
        if (reparsed.magic() && !reparsed.nodes().isEmpty()) {
          regex.append(NOT_EMPTY);
        }
        if (!dot && !reparsed.startsWithDot() && GlobNode.startsWithWildcard(reparsed.nodes())) {
          regex.append("(?!\\.)");
        }
        regex.append(sequence(reparsed.nodes(), 0, Rest.REPARSED_END));
        return regex.toString();
      }
    }

    String group(Group group, Rest after) {
      StringBuilder alternatives = new StringBuilder();
      for (int i = 0; i < group.alternatives().size(); i++) {
        if (i > 0) {
          alternatives.append('|');
        }
        alternatives.append(sequence(group.alternatives().get(i), 0, after));
      }
      if (group.kind() == '!') {
        String following = rest(after);
        if (following.isEmpty() && endsSegment(after)) {
          following = "\\z";
        }
        return "(?:(?!(?:" + alternatives + ")" + following + ")[^/]*?)";
      }
      String quantifier =
          switch (group.kind()) {
            case '?' -> "?";
            case '+' -> "+";
            case '*' -> "*";
            default -> "";
          };
      return "(?:" + alternatives + ")" + quantifier;
    }
  }

  private static String charSet(CharSet set) {
    if (set.ranges().isEmpty()) {
      return set.negated() ? "[\\s\\S]" : "(?!)";
    }
    StringBuilder regex = new StringBuilder("[");
    if (set.negated()) {
      regex.append('^');
    }
    for (char[] range : set.ranges()) {
      regex.append(escape(range[0]));
      if (range[1] != range[0]) {
        regex.append('-').append(escape(range[1]));
      }
    }
    return regex.append(']').toString();
  }

  private static String literal(char c) {
    return isPlain(c) ? String.valueOf(c) : escape(c);
  }

  private static boolean isPlain(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String escape(char c) {
    return "\\x{" + Integer.toHexString(c) + "}";
  }

  /** The name, read through a counter that stops runaway backtracking. */
  private static final class CountingText implements CharSequence {
    private final String text;
    private final String segment;
    private int steps;

    CountingText(String text, String segment) {
      this.text = text;
      this.segment = segment;
    }

    @Override
    public char charAt(int index) {
      if (++steps > MAX_STEPS) {
        throw new TooComplexException(segment);
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
