package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "expectations use Linux and macOS rules")
class FindMatchTest {
  private static final MatchOptions DEFAULTS = MatchOptions.defaults();
  private static final FindOptions FIND_DEFAULTS = FindOptions.defaults();

  @TempDir Path root;

  private List<Path> findMatch(String... patterns) {
    return TaskFiles.findMatch(root, List.of(patterns));
  }

  private List<Path> findMatch(MatchOptions options, String... patterns) {
    return TaskFiles.findMatch(root, List.of(patterns), FIND_DEFAULTS, options);
  }

  @Test
  void findsZipFilesAnywhereBelowTheDefaultWorkingDirectory() {
    Tree tree = Tree.at(root).add("drop/app.zip", "drop/nested/lib.zip", "drop/readme.md");
    assertThat(findMatch(root + "/**/*.zip"))
        .isEqualTo(findMatch("**/*.zip"))
        .isEqualTo(tree.sorted("drop/app.zip", "drop/nested/lib.zip"));
  }

  @Test
  void excludesNodeModulesWherePatternsSayNot() {
    Tree tree =
        Tree.at(root).add("a.js", "src/b.js", "node_modules/x/c.js", "src/node_modules/d.js");
    assertThat(findMatch("**/*.js", "!**/node_modules/**"))
        .isEqualTo(tree.sorted("a.js", "src/b.js"));
  }

  @Test
  void expandsBracesWhenNobraceIsOff() {
    Tree tree = Tree.at(root).add("x/bin/a.jar", "x/bin/b.war", "x/bin/c.ear", "bin/d.jar");
    assertThat(findMatch(DEFAULTS.withNobrace(false), "**/bin/*.{jar,war}"))
        .isEqualTo(tree.sorted("bin/d.jar", "x/bin/a.jar", "x/bin/b.war"));
    assertThat(findMatch("**/bin/*.{jar,war}")).isEmpty();
  }

  @Test
  void includesDotFilesByDefault() {
    Tree tree = Tree.at(root).add(".github/build.zip", "app.zip");
    assertThat(findMatch("**/*.zip")).isEqualTo(tree.sorted(".github/build.zip", "app.zip"));
    assertThat(findMatch(DEFAULTS.withDot(false), "**/*.zip")).isEqualTo(tree.sorted("app.zip"));
  }

  @Test
  void respectsCaseOnLinuxUnlessNocase() {
    Tree tree = Tree.at(root).add("a.zip", "B.ZIP");
    assertThat(findMatch("*.ZIP")).isEqualTo(tree.sorted("B.ZIP"));
    assertThat(findMatch(DEFAULTS.withNocase(true), "*.ZIP"))
        .isEqualTo(tree.sorted("B.ZIP", "a.zip"));
  }

  @Test
  void matchBaseFindsABareNameAtAnyDepth() {
    Tree tree = Tree.at(root).add("a.zip", "x/y/b.zip", "x/c.txt");
    assertThat(findMatch(DEFAULTS.withMatchBase(true), "*.zip"))
        .isEqualTo(tree.sorted("a.zip", "x/y/b.zip"));
  }

  @Test
  void aPatternWithoutGlobsIsOnlyCheckedForExistence() {
    Tree tree = Tree.at(root).add("out/app.zip", "file.txt");
    assertThat(findMatch("out/app.zip")).isEqualTo(tree.paths("out/app.zip"));
    assertThat(findMatch("out/missing.zip")).isEmpty();
    assertThat(findMatch("file.txt/child")).isEmpty();
    assertThat(findMatch(root + "/out")).isEqualTo(tree.paths("out"));
  }

  @Test
  void aMissingFolderGivesNoResults() {
    assertThat(findMatch("not-there/**/*.zip")).isEmpty();
  }

  @Test
  void sortsResultsAndNeverDuplicatesThem() {
    Tree tree = Tree.at(root).add("s1/p1.proj", "s1/p2.proj", "s2/p1.proj", "other/readme.txt");
    assertThat(findMatch("s1/*.proj", "**/p1.proj"))
        .isEqualTo(tree.sorted("s1/p1.proj", "s1/p2.proj", "s2/p1.proj"));
  }

  @Test
  void appliesInterleavedIncludesAndExcludesInOrder() {
    Tree tree =
        Tree.at(root)
            .add(
                "s1/p1/p1.proj",
                "s1/p1/README.txt",
                "s1/p2/p2.proj",
                "s1/p2/README.txt",
                "s1/s1.sln",
                "s2/p1/p1.proj",
                "s2/s2.sln");
    assertThat(findMatch("**/@(*.proj|README.txt)", "!**/s2/**", "**/*.sln", "!**/p2/README.txt"))
        .isEqualTo(
            tree.sorted(
                "s1/p1/p1.proj", "s1/p1/README.txt", "s1/p2/p2.proj", "s1/s1.sln", "s2/s2.sln"));
  }

  @Test
  void appliesTheLibraryDefaultsToEachKindOfPattern() {
    Tree tree =
        Tree.at(root)
            .add(
                "brace/x_{a,b}.txt",
                "brace/x_a.txt",
                "star/a/b/deep.txt",
                "star/a/mid.txt",
                "star/top.txt",
                "dot/.hidden/.file.txt",
                "dot/.hidden/other.zzz",
                "ext/+(a).txt",
                "ext/aa.txt",
                "case/a.txt",
                "case/b.TXT",
                "base-file.txt",
                "base/base-file.txt",
                "#comment",
                "!neg/a.txt",
                "neg/a.txt",
                "neg/b.txt");
    List<Path> found =
        findMatch(
            "brace/x_{a,b}.txt",
            "star/**",
            "dot/*/*.txt",
            "ext/+(a).txt",
            "case/*.txt",
            "base-file.txt",
            "#comment",
            "neg/*",
            "!neg/a.txt");
    assertThat(found)
        .isEqualTo(
            tree.sorted(
                "brace/x_{a,b}.txt",
                "star/a",
                "star/a/b",
                "star/a/b/deep.txt",
                "star/a/mid.txt",
                "star/top.txt",
                "dot/.hidden/.file.txt",
                "ext/aa.txt",
                "case/a.txt",
                "base-file.txt",
                "neg/b.txt"));
  }

  @Test
  void trimsPatternsAndSkipsEmptyAndCommentedOnes() {
    Tree tree = Tree.at(root).add(" padded.txt ", "padded.txt", "#note.txt");
    assertThat(findMatch("", "  ", " padded.txt ", "#note.txt"))
        .isEqualTo(tree.paths("padded.txt"));
    assertThat(findMatch(DEFAULTS.withNocomment(true), "#note.txt"))
        .isEqualTo(tree.paths("#note.txt"));
  }

  @Test
  void aBackslashKeepsBracesLiteralOnLinux() {
    Tree tree = Tree.at(root).add("{hello,world}.txt", "hello.txt", "world.txt");
    MatchOptions braces = MatchOptions.minimatch();
    assertThat(findMatch(braces, "{hello,world}.txt"))
        .isEqualTo(tree.sorted("hello.txt", "world.txt"));
    assertThat(findMatch(braces, root + "/\\{hello,world}.txt"))
        .isEqualTo(tree.paths("{hello,world}.txt"));
  }

  @Test
  void commentsAndNegationAreDecidedBeforeBracesExpand() {
    Tree tree = Tree.at(root).add("#hello.txt", "!hello.txt", "hello.txt", "world.txt");
    MatchOptions braces = MatchOptions.minimatch();
    assertThat(findMatch(braces, "#comment", "{#hello.txt,world.txt}"))
        .isEqualTo(tree.sorted("#hello.txt", "world.txt"));
    assertThat(findMatch(braces, "*", "!{!hello.txt,world.txt}"))
        .isEqualTo(tree.sorted("#hello.txt", "hello.txt"));
  }

  @Test
  void countsLeadingBangsAndHonoursNonegateAndFlipNegate() {
    Tree tree =
        Tree.at(root)
            .add("h/two.txt", "h/four.txt", "h/other.txt", "i/keep.txt", "i/one.txt", "i/three.txt")
            .add("!x.txt", "x.txt");
    assertThat(
            findMatch("i/*.txt", "!!h/two.txt", "!!!!h/four.txt", "!i/one.txt", "!!!i/three.txt"))
        .isEqualTo(tree.sorted("h/four.txt", "h/two.txt", "i/keep.txt"));
    assertThat(findMatch(DEFAULTS.withNonegate(true), "!x.txt")).isEqualTo(tree.paths("!x.txt"));
    assertThat(findMatch(DEFAULTS.withFlipNegate(true), "!x.txt")).isEqualTo(tree.paths("x.txt"));
    assertThat(findMatch("*.txt", "! x.txt")).isEqualTo(tree.paths("!x.txt"));
  }

  @Test
  void matchBaseExcludesApplyToNamesAtAnyDepth() {
    Tree tree = Tree.at(root).add("s1/p1/p1.txt", "s1/p2/p2.txt", "s2/p1/p1.txt");
    assertThat(findMatch(DEFAULTS.withMatchBase(true), "s1/**", "s2/**", "!p1?(.txt)"))
        .isEqualTo(tree.sorted("s1/p2", "s1/p2/p2.txt"));
    Path include = root.resolve("s1");
    assertThat(
            TaskFiles.findMatch(
                include, List.of("?2?(.txt)"), FIND_DEFAULTS, DEFAULTS.withMatchBase(true)))
        .isEqualTo(tree.sorted("s1/p2", "s1/p2/p2.txt"));
  }

  @Test
  void globCharactersInTheDefaultRootAreEscaped() {
    Path odd = root.resolve("brackets[a-z]").resolve("+(p-1)").resolve("{b-1,b-2}");
    Tree tree = Tree.at(odd).add("bracket/hello.txt", "bracket/world.txt", "ext/hello.txt");
    assertThat(
            TaskFiles.findMatch(
                odd,
                List.of("bracket/[a-z]ello.txt", "ext/+(hello|x).txt", "**/*.nothing"),
                FIND_DEFAULTS,
                MatchOptions.minimatch()))
        .isEqualTo(tree.sorted("bracket/hello.txt", "ext/hello.txt"));
  }

  @Test
  void followsSymbolicLinksByDefaultAndNotWhenToldNot() {
    Tree tree = Tree.at(root).add("real/file.txt").link("alias", "real");
    assertThat(findMatch("**/*"))
        .isEqualTo(tree.sorted("alias", "alias/file.txt", "real", "real/file.txt"));
    assertThat(
            TaskFiles.findMatch(
                root, List.of("**/*"), FIND_DEFAULTS.withFollowSymbolicLinks(false), DEFAULTS))
        .isEqualTo(tree.sorted("alias", "real", "real/file.txt"));
  }

  @Test
  void aSymbolicLinkCycleIsWalkedOnce() {
    Tree tree = Tree.at(root).add("a/b/file.txt").link("a/b/up", "a");
    assertThat(findMatch("**")).isEqualTo(tree.sorted("a", "a/b", "a/b/file.txt", "a/b/up"));
  }

  @Test
  void aBrokenLinkFailsWithThePatternTheRootAndAHint() {
    Tree.at(root).add("drop/app.zip").link("drop/dangling", "missing");
    assertThatThrownBy(() -> findMatch("drop/**/*.zip"))
        .isInstanceOfSatisfying(
            FileException.class,
            e -> {
              assertThat(e.code()).isEqualTo("FindFailed");
              assertThat(e.getMessage())
                  .contains("drop/**/*.zip")
                  .contains(root.toString())
                  .contains("dangling")
                  .contains("allowBrokenSymbolicLinks");
            });
    assertThat(
            TaskFiles.findMatch(
                root,
                List.of("drop/**"),
                FIND_DEFAULTS.withAllowBrokenSymbolicLinks(true),
                DEFAULTS))
        .isEqualTo(Tree.at(root).sorted("drop/app.zip", "drop/dangling"));
  }
}
