package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs {@code findMatch} with and without pruning on random trees (folders, files, dot folders,
 * names with glob characters, symbolic links and cycles) and random pattern lists (includes,
 * excludes, comments, braces, extglobs) under random options, and asserts identical results.
 *
 * @param compared how many pattern lists were compared
 * @param nonEmpty how many of them selected at least one path
 */
record PruningComparison(int compared, int nonEmpty) {
  private static final String[] NAMES = {
    "a",
    "b",
    "bin",
    "obj",
    "node_modules",
    ".git",
    ".cache",
    "x.zip",
    "Y.ZIP",
    "c.jar",
    "d.war",
    "e.txt",
    "readme.md",
    "[x]",
    "a b"
  };
  private static final String[] PATTERNS = {
    "**",
    "**/*",
    "**/*.zip",
    "*.zip",
    "**/*.ZIP",
    "a/**",
    "*/b/**",
    "**/bin/*.{jar,war}",
    "**/+(a|b)/*.txt",
    "**/[ab]",
    "**/.git/**",
    "bin/**/*",
    "a",
    "a/b",
    "**/.cache",
    "**/a b",
    "**/\\[x]",
    "{a,b}/**",
    "**/*.@(zip|jar)",
    "**/obj/**/*.txt",
    "?/**/*.md",
    "**/!(*.txt)",
    "#comment",
    "",
    "**/node_modules"
  };
  private static final String[] EXCLUDES = {
    "!**/node_modules/**", "!**/.git/**", "!**/obj/**", "!a/**", "!**/*.txt", "!**/bin",
    "!*/**", "!**/b/*/**", "!!**/x.zip", "!{a,b}/**", "!**/a/**/*.zip", "!bin"
  };

  static PruningComparison run(Path temp, long seed, int trees, int listsPerTree)
      throws IOException {
    Random random = new Random(seed);
    int compared = 0;
    int nonEmpty = 0;
    for (int t = 0; t < trees; t++) {
      Path root = temp.resolve("tree" + t);
      buildRandomTree(root, random);
      for (int k = 0; k < listsPerTree; k++) {
        List<String> patterns = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
          patterns.add(
              random.nextInt(3) == 0
                  ? EXCLUDES[random.nextInt(EXCLUDES.length)]
                  : PATTERNS[random.nextInt(PATTERNS.length)]);
        }
        MatchOptions options =
            MatchOptions.defaults(Platform.POSIX)
                .withNobrace(random.nextBoolean())
                .withDot(random.nextInt(4) != 0)
                .withNocase(random.nextInt(4) == 0)
                .withMatchBase(random.nextInt(5) == 0)
                .withFlipNegate(random.nextInt(10) == 0);
        FindOptions findOptions =
            FindOptions.defaults()
                .withFollowSymbolicLinks(random.nextInt(5) != 0)
                .withAllowBrokenSymbolicLinks(true);
        List<String> unpruned =
            new FindMatch(Platform.POSIX, false)
                .run(root.toString(), patterns, findOptions, options);
        List<String> pruned =
            new FindMatch(Platform.POSIX, true)
                .run(root.toString(), patterns, findOptions, options);
        assertThat(pruned)
            .as(
                "seed %d: patterns %s with %s and %s in %s",
                seed, patterns, options, findOptions, root)
            .isEqualTo(unpruned);
        compared++;
        if (!unpruned.isEmpty()) {
          nonEmpty++;
        }
      }
    }
    return new PruningComparison(compared, nonEmpty);
  }

  private static void buildRandomTree(Path root, Random random) throws IOException {
    List<Path> folders = new ArrayList<>(List.of(root));
    Files.createDirectories(root);
    int entries = 10 + random.nextInt(40);
    for (int i = 0; i < entries; i++) {
      Path parent = folders.get(random.nextInt(folders.size()));
      Path path = parent.resolve(NAMES[random.nextInt(NAMES.length)]);
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (random.nextInt(5) < 2) {
        Files.createDirectory(path);
        folders.add(path);
      } else {
        Files.writeString(path, "");
      }
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      Path from = folders.get(random.nextInt(folders.size())).resolve("link" + i);
      Files.createSymbolicLink(from, folders.get(random.nextInt(folders.size())));
    }
  }
}
