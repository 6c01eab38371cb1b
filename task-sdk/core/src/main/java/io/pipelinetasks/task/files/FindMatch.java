package io.pipelinetasks.task.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The task library's {@code findMatch}, plus pruning. Each include pattern is searched from its
 * fixed leading folders (or only checked for existence when the whole pattern is fixed) and the
 * paths found are matched against the pattern rooted at the default root; each exclude pattern
 * removes what it matches from the results so far.
 *
 * <p>Unlike the library, the search does not enter a directory when nothing below it can match the
 * include pattern, nor when an exclude pattern ending in {@code /**}, with no include pattern after
 * it, matches the directory: everything inside would be removed again. The results are the same as
 * without pruning; {@code FindMatchPruningTest} checks that on random trees and patterns.
 */
final class FindMatch {
  private final Platform platform;
  private final boolean prune;

  FindMatch(Platform platform, boolean prune) {
    this.platform = platform;
    this.prune = prune;
  }

  /**
   * Where to search for a pattern and how to match what is found.
   *
   * @param adjustedPattern the pattern rooted at the default root, its glob characters escaped
   * @param findPath the folder to search, or the file to check; empty when there is none
   * @param statOnly whether the pattern has no glob, so only its existence needs checking
   */
  record FindInfo(String adjustedPattern, String findPath, boolean statOnly) {}

  /** The library's {@code _getFindInfoFromPattern}. */
  FindInfo findInfo(String defaultRoot, String pattern, MatchOptions options) {
    if (PatternList.basenameOnly(pattern, options, platform)) {
      return new FindInfo(pattern, defaultRoot, false);
    }
    // The fixed prefix is the same whatever the case rule; under nocase every segment is a glob.
    Glob glob = Glob.compile(pattern, options.withNocase(false), platform);
    List<String> prefix = glob.literalPrefix();
    String joined = String.join("/", prefix);
    if (!joined.isEmpty()
        && platform.windows()
        && platform.forwardSlashes(pattern).startsWith("//")) {
      joined = "/" + joined; // keep a UNC path's leading double slash
    }
    String findPath;
    if (PathText.isRooted(pattern, platform)) {
      findPath = joined;
    } else if (!joined.isEmpty()) {
      findPath = PathText.ensureRooted(defaultRoot, joined, platform);
    } else {
      findPath = defaultRoot;
    }
    if (!findPath.isEmpty()) {
      // appending a name and taking its parent drops a trailing separator
      findPath =
          PathText.normalizeSeparators(
              PathText.directoryName(PathText.ensureRooted(findPath, "_", platform), platform),
              platform);
    }
    return new FindInfo(
        PathText.ensurePatternRooted(defaultRoot, pattern, platform),
        findPath,
        prefix.size() == glob.segmentCount());
  }

  /**
   * Finds the paths that the patterns select.
   *
   * @return the matches as text, sorted
   */
  List<String> run(
      String defaultRoot,
      List<String> patterns,
      FindOptions findOptions,
      MatchOptions matchOptions) {
    String root = PathText.normalizeSeparators(defaultRoot, platform);
    MatchOptions options = PatternList.forExpansions(matchOptions);
    List<PatternList.Entry> entries = PatternList.read(patterns, matchOptions, platform);

    List<Glob> closingExcludes = new ArrayList<>();
    if (prune) {
      int lastInclude = -1;
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).include()) {
          lastInclude = i;
        }
      }
      for (int i = lastInclude + 1; i < entries.size(); i++) {
        for (String pattern : entries.get(i).expansions()) {
          Glob directory = excludeGlob(root, pattern, options).withoutTrailingGlobstar();
          if (directory != null) {
            closingExcludes.add(directory);
          }
        }
      }
    }

    Map<String, String> results = new LinkedHashMap<>();
    for (PatternList.Entry entry : entries) {
      for (String pattern : entry.expansions()) {
        if (entry.include()) {
          include(root, pattern, options, findOptions, closingExcludes, results);
        } else {
          Glob exclude = excludeGlob(root, pattern, options);
          results.values().removeIf(exclude::matches);
        }
      }
    }
    List<String> sorted = new ArrayList<>(results.values());
    sorted.sort(null);
    return sorted;
  }

  private void include(
      String root,
      String pattern,
      MatchOptions options,
      FindOptions findOptions,
      List<Glob> closingExcludes,
      Map<String, String> results) {
    FindInfo info = findInfo(root, pattern, options);
    if (info.findPath().isEmpty()) {
      return;
    }
    Glob glob = Glob.compile(info.adjustedPattern(), options, platform);
    List<String> candidates;
    if (info.statOnly()) {
      candidates = exists(info.findPath(), pattern, root) ? List.of(info.findPath()) : List.of();
    } else {
      Predicate<String> enter = directory -> true;
      if (prune) {
        enter =
            directory ->
                glob.couldMatchBelow(directory)
                    && closingExcludes.stream().noneMatch(exclude -> exclude.matches(directory));
      }
      String context = " for the pattern '" + pattern + "' (default root " + root + ")";
      candidates = FileWalker.walk(info.findPath(), findOptions, enter, context);
    }
    for (String candidate : candidates) {
      if (glob.matches(candidate)) {
        results.put(key(candidate), candidate);
      }
    }
  }

  private Glob excludeGlob(String root, String pattern, MatchOptions options) {
    String rooted =
        PatternList.basenameOnly(pattern, options, platform)
            ? pattern
            : PathText.ensurePatternRooted(root, pattern, platform);
    return Glob.compile(rooted, options, platform);
  }

  private String key(String path) {
    return platform.windows() ? path.toUpperCase(Locale.ROOT) : path;
  }

  private static boolean exists(String path, String pattern, String root) {
    try {
      Files.readAttributes(Path.of(path), BasicFileAttributes.class);
      return true;
    } catch (InvalidPathException notAPath) {
      return false;
    } catch (IOException failure) {
      if (FileWalker.isMissing(failure)) {
        return false;
      }
      throw new FileException(
          "FindFailed",
          path,
          "Could not check "
              + path
              + " for the pattern '"
              + pattern
              + "' (default root "
              + root
              + "): "
              + failure.getMessage()
              + ". Check that the agent's user can read it.",
          failure);
    }
  }
}
