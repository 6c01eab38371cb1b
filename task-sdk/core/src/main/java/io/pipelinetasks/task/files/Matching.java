package io.pipelinetasks.task.files;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The task library's {@code match}: patterns applied in order to a list of paths as text. */
final class Matching {
  private Matching() {}

  /**
   * Applies the patterns.
   *
   * @param list the paths
   * @param patterns includes and excludes, applied in order to the whole list
   * @param patternRoot the root for relative patterns, or empty for none; it is not escaped
   * @return the paths the patterns select, in the list's order
   */
  static List<String> match(
      List<String> list,
      List<String> patterns,
      String patternRoot,
      MatchOptions matchOptions,
      Platform platform) {
    MatchOptions options = PatternList.forExpansions(matchOptions);
    Set<String> selected = new HashSet<>();
    for (PatternList.Entry entry : PatternList.read(patterns, matchOptions, platform)) {
      for (String expansion : entry.expansions()) {
        String pattern = expansion;
        if (!patternRoot.isEmpty()
            && !PathText.isRooted(pattern, platform)
            && !PatternList.basenameOnly(pattern, options, platform)) {
          pattern = PathText.ensureRooted(patternRoot, pattern, platform);
        }
        Glob glob = Glob.compile(pattern, options, platform);
        for (String item : list) {
          if (glob.matches(item)) {
            if (entry.include()) {
              selected.add(item);
            } else {
              selected.remove(item);
            }
          }
        }
      }
    }
    List<String> result = new ArrayList<>();
    for (String item : list) {
      if (selected.contains(item)) {
        result.add(item);
      }
    }
    return result;
  }
}
