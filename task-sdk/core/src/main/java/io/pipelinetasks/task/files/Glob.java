package io.pipelinetasks.task.files;

import java.util.ArrayList;
import java.util.List;

/**
 * One compiled minimatch pattern, after the task library has handled comments, negation and braces:
 * a list of segments matched against a path split on slashes.
 *
 * <p>{@code **} matches zero or more whole segments, except that it never matches {@code .} or
 * {@code ..}, nor a name starting with a period unless {@code dot} is set; at the end of a pattern
 * it needs at least one segment. A path with a trailing slash also matches a pattern without one.
 * These are minimatch 3's rules (its classic matcher, up to 3.1.2; 3.1.3 to 3.1.5 can miss matches
 * for patterns with three or more globstars, which this does not copy).
 */
final class Glob {
  static final int MAX_PATTERN_LENGTH = 64 * 1024;

  private final String pattern;
  private final List<Segment> segments;
  private final boolean basenameOnly;
  private final boolean dot;
  private final Platform platform;
  private final int globstars;

  private Glob(
      String pattern,
      List<Segment> segments,
      boolean basenameOnly,
      boolean dot,
      Platform platform) {
    this.pattern = pattern;
    this.segments = List.copyOf(segments);
    this.basenameOnly = basenameOnly;
    this.dot = dot;
    this.platform = platform;
    this.globstars = (int) segments.stream().filter(s -> s == Segment.Globstar.INSTANCE).count();
  }

  /**
   * Compiles a pattern. Only dot, nocase, noext, noglobstar and matchBase apply here; the others
   * concern lists of patterns.
   *
   * @throws FileException {@code PatternInvalid} when the pattern is longer than minimatch accepts
   */
  static Glob compile(String pattern, MatchOptions options, Platform platform) {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new FileException(
          "PatternInvalid",
          pattern.substring(0, 200) + "…",
          "The pattern starting '"
              + pattern.substring(0, 200)
              + "' is longer than "
              + MAX_PATTERN_LENGTH
              + " characters. Use a shorter pattern.");
    }
    String text = platform.forwardSlashes(PathText.trim(pattern));
    List<Segment> segments = new ArrayList<>();
    try {
      for (String part : PathText.splitOnSlashes(text)) {
        segments.add(Segment.compile(part, options));
      }
    } catch (ExpressionSegment.TooComplexException tooComplex) {
      throw tooComplex(pattern);
    }
    return new Glob(
        pattern, segments, options.matchBase() && segments.size() == 1, options.dot(), platform);
  }

  /** The pattern as given. */
  String pattern() {
    return pattern;
  }

  /** Whether the whole path matches. */
  boolean matches(String path) {
    return match(path, false);
  }

  /**
   * Whether the path could be the start of a matching path: false means that neither the path nor
   * anything below it can match. Used to skip directories that cannot contain a match.
   */
  boolean couldMatchBelow(String path) {
    return basenameOnly || match(path, true);
  }

  /** How many segments the pattern has. */
  int segmentCount() {
    return segments.size();
  }

  /** The texts of the leading segments that contain no glob, escapes removed. */
  List<String> literalPrefix() {
    List<String> prefix = new ArrayList<>();
    for (Segment segment : segments) {
      if (!(segment instanceof Segment.Literal literal)) {
        break;
      }
      prefix.add(literal.text());
    }
    return prefix;
  }

  /** Whether the pattern matches only by a path's last name, because of matchBase. */
  boolean basenameOnly() {
    return basenameOnly;
  }

  /**
   * For a pattern ending in {@code /**} with at least one segment before it, the pattern without
   * that last segment; a directory it matches has every descendant matched by this pattern (given
   * {@code dot}, so that no name is refused). Otherwise null.
   */
  Glob withoutTrailingGlobstar() {
    if (!dot
        || segments.size() < 2
        || segments.get(segments.size() - 1) != Segment.Globstar.INSTANCE) {
      return null;
    }
    return new Glob(pattern, segments.subList(0, segments.size() - 1), false, dot, platform);
  }

  private boolean match(String path, boolean partial) {
    if (partial && path.equals("/")) {
      return true;
    }
    List<String> file = PathText.splitOnSlashes(platform.forwardSlashes(path));
    if (basenameOnly) {
      String name = file.get(0);
      for (int i = file.size() - 1; i >= 0; i--) {
        if (!file.get(i).isEmpty()) {
          name = file.get(i);
          break;
        }
      }
      file = List.of(name);
    }
    byte[] memo = globstars > 1 ? new byte[(file.size() + 1) * (segments.size() + 1)] : null;
    try {
      return match(file, 0, 0, partial, memo);
    } catch (ExpressionSegment.TooComplexException tooComplex) {
      throw tooComplex(pattern);
    }
  }

  private boolean match(List<String> file, int fi, int pi, boolean partial, byte[] memo) {
    int fileLength = file.size();
    int patternLength = segments.size();
    while (fi < fileLength && pi < patternLength) {
      Segment segment = segments.get(pi);
      if (segment == Segment.Globstar.INSTANCE) {
        if (pi == patternLength - 1) {
          for (; fi < fileLength; fi++) {
            if (!swallowable(file.get(fi))) {
              return false;
            }
          }
          return true;
        }
        int fr = fi;
        while (fr < fileLength) {
          if (memoized(file, fr, pi + 1, partial, memo)) {
            return true;
          }
          if (!swallowable(file.get(fr))) {
            break;
          }
          fr++;
        }
        return partial && fr == fileLength;
      }
      if (!segment.matches(file.get(fi))) {
        return false;
      }
      fi++;
      pi++;
    }
    if (fi == fileLength && pi == patternLength) {
      return true;
    }
    if (fi == fileLength) {
      return partial; // ran out of path: a descendant might still match
    }
    return fi == fileLength - 1 && file.get(fi).isEmpty(); // "a/*" matches "a/b/"
  }

  private boolean memoized(List<String> file, int fi, int pi, boolean partial, byte[] memo) {
    if (memo == null) {
      return match(file, fi, pi, partial, null);
    }
    int key = fi * (segments.size() + 1) + pi;
    if (memo[key] == 0) {
      memo[key] = match(file, fi, pi, partial, memo) ? (byte) 1 : (byte) 2;
    }
    return memo[key] == 1;
  }

  /** Whether {@code **} may match this name. */
  private boolean swallowable(String name) {
    return !name.equals(".") && !name.equals("..") && (dot || !name.startsWith("."));
  }

  private static FileException tooComplex(String pattern) {
    return new FileException(
        "PatternInvalid",
        pattern,
        "The pattern '"
            + pattern
            + "' is too complex to match: its extglobs nest repetitions that need too much"
            + " backtracking. Simplify the extglobs, for example use several patterns instead.");
  }

  @Override
  public String toString() {
    return pattern;
  }
}
