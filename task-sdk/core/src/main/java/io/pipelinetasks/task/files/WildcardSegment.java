package io.pipelinetasks.task.files;

import io.pipelinetasks.task.files.GlobNode.AnyChar;
import io.pipelinetasks.task.files.GlobNode.AnyRun;
import io.pipelinetasks.task.files.GlobNode.CharSet;
import io.pipelinetasks.task.files.GlobNode.Reparsed;
import io.pipelinetasks.task.files.GlobNode.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment made of literal characters, {@code ?}, {@code *} and bracket expressions, matched
 * without regular expressions. Backtracking only ever returns to the most recent star, so a match
 * takes at most the product of the name's and the segment's lengths, however many stars there are.
 * Like JavaScript, it compares UTF-16 code units, so {@code ?} matches half of a surrogate pair.
 */
final class WildcardSegment implements Segment {
  private static final byte CHAR = 0;
  private static final byte ANY = 1;
  private static final byte STAR = 2;
  private static final byte SET = 3;
  private static final byte NOT_EMPTY = 4; // a character follows that JavaScript's '.' matches
  private static final byte NO_DOT = 5; // the next character, if any, is not '.'

  private final byte[] kinds;
  private final char[] chars;
  private final CharSet[] sets;
  private final LeadingDot leadingDot;
  private final boolean nocase;

  private WildcardSegment(
      byte[] kinds, char[] chars, CharSet[] sets, LeadingDot leadingDot, boolean nocase) {
    this.kinds = kinds;
    this.chars = chars;
    this.sets = sets;
    this.leadingDot = leadingDot;
    this.nocase = nocase;
  }

  static WildcardSegment of(List<GlobNode> nodes, LeadingDot leadingDot, MatchOptions options) {
    List<Object> tokens = new ArrayList<>();
    tokens.add(NOT_EMPTY); // minimatch's "(?=.)": a segment with magic never matches ""
    if (leadingDot == LeadingDot.FORBIDDEN) {
      tokens.add(NO_DOT);
    }
    flatten(nodes, options.dot(), tokens);
    int n = tokens.size();
    byte[] kinds = new byte[n];
    char[] chars = new char[n];
    CharSet[] sets = new CharSet[n];
    for (int i = 0; i < n; i++) {
      Object token = tokens.get(i);
      if (token instanceof Byte kind) {
        kinds[i] = kind;
      } else if (token instanceof Text text) {
        kinds[i] = CHAR;
        chars[i] = text.value();
      } else if (token instanceof AnyChar) {
        kinds[i] = ANY;
      } else if (token instanceof AnyRun) {
        kinds[i] = STAR;
      } else {
        kinds[i] = SET;
        sets[i] = (CharSet) token;
      }
    }
    return new WildcardSegment(kinds, chars, sets, leadingDot, options.nocase());
  }

  private static void flatten(List<GlobNode> nodes, boolean dot, List<Object> out) {
    for (GlobNode node : nodes) {
      if (node instanceof Reparsed reparsed) {
        if (reparsed.magic() && !reparsed.nodes().isEmpty()) {
          out.add(NOT_EMPTY);
        }
        if (!dot && !reparsed.startsWithDot() && GlobNode.startsWithWildcard(reparsed.nodes())) {
          out.add(NO_DOT);
        }
        flatten(reparsed.nodes(), dot, out);
      } else {
        out.add(node);
      }
    }
  }

  @Override
  public boolean matches(String name) {
    if (leadingDot == LeadingDot.NOT_DOT_DIRECTORIES && (name.equals(".") || name.equals(".."))) {
      return false;
    }
    int n = name.length();
    int t = 0;
    int p = 0;
    int starP = -1;
    int starT = -1;
    while (true) {
      if (p < kinds.length) {
        byte kind = kinds[p];
        if (kind == STAR) {
          starP = p++;
          starT = t;
          continue;
        }
        if (kind == NOT_EMPTY || kind == NO_DOT) {
          boolean holds =
              kind == NOT_EMPTY
                  ? t < n && !Segment.isLineTerminator(name.charAt(t))
                  : t >= n || name.charAt(t) != '.';
          if (holds) {
            p++;
            continue;
          }
        } else if (t < n && consumes(p, name.charAt(t))) {
          p++;
          t++;
          continue;
        }
      } else if (t == n) {
        return true;
      }
      // mismatch: let the most recent star take one more character and retry from there
      if (starP < 0 || starT >= n) {
        return false;
      }
      t = ++starT;
      p = starP + 1;
    }
  }

  private boolean consumes(int p, char c) {
    return switch (kinds[p]) {
      case CHAR -> nocase ? CaseFolding.equal(chars[p], c) : chars[p] == c;
      case ANY -> true;
      default -> CaseFolding.inSet(sets[p], c, nocase);
    };
  }
}
