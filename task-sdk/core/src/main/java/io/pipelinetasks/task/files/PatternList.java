package io.pipelinetasks.task.files;

import java.util.ArrayList;
import java.util.List;

/**
 * The task library's reading of a list of patterns, shared by {@code match} and {@code findMatch}:
 * each pattern is trimmed; empty ones and, unless {@code nocomment}, those starting with {@code #}
 * are skipped; leading {@code !} are counted to tell includes from excludes (unless {@code
 * nonegate}); then braces are expanded (unless {@code nobrace}) and each expansion trimmed.
 * Comments and negation are decided before braces, so an expansion that starts with {@code #} or
 * {@code !} is literal.
 */
final class PatternList {
  private PatternList() {}

  /**
   * One pattern of the list.
   *
   * @param source the pattern as given
   * @param include whether it adds matches, rather than removing them
   * @param expansions the patterns to apply, braces expanded, trimmed and non-empty
   */
  record Entry(String source, boolean include, List<String> expansions) {
    Entry {
      expansions = List.copyOf(expansions);
    }
  }

  static List<Entry> read(List<String> patterns, MatchOptions options, Platform platform) {
    List<Entry> entries = new ArrayList<>();
    for (String given : patterns) {
      String pattern = PathText.trim(given == null ? "" : given);
      if (pattern.isEmpty() || (!options.nocomment() && pattern.startsWith("#"))) {
        continue;
      }
      int negations = 0;
      if (!options.nonegate()) {
        while (negations < pattern.length() && pattern.charAt(negations) == '!') {
          negations++;
        }
        pattern = pattern.substring(negations);
      }
      boolean odd = negations % 2 == 1;
      boolean include = negations == 0 || odd == options.flipNegate();
      List<String> expanded =
          options.nobrace()
              ? List.of(pattern)
              // backslashes become slashes first on Windows, so braces cannot be escaped there
              : BraceExpander.expand(platform.forwardSlashes(pattern));
      List<String> expansions = new ArrayList<>();
      for (String expansion : expanded) {
        String trimmed = PathText.trim(expansion);
        if (!trimmed.isEmpty()) {
          expansions.add(trimmed);
        }
      }
      entries.add(new Entry(given, include, expansions));
    }
    return entries;
  }

  /** Options for compiling the expansions: the list-level options have done their work. */
  static MatchOptions forExpansions(MatchOptions options) {
    return options.withNobrace(true).withNocomment(true).withNonegate(true).withFlipNegate(false);
  }

  /** Whether matchBase applies: the option is on and the pattern is a bare name. */
  static boolean basenameOnly(String pattern, MatchOptions options, Platform platform) {
    return options.matchBase()
        && !PathText.isRooted(pattern, platform)
        && platform.forwardSlashes(pattern).indexOf('/') < 0;
  }
}
