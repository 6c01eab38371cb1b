package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GlobTest {
  private static final MatchOptions PLAIN = MatchOptions.minimatch();
  private static final MatchOptions DOT = PLAIN.withDot(true);

  private static boolean matches(String pattern, String path, MatchOptions options) {
    return Glob.compile(pattern, options, Platform.POSIX).matches(path);
  }

  @Test
  void starAndQuestionMarkStayInsideOneSegment() {
    assertThat(matches("a/*.zip", "a/b.zip", PLAIN)).isTrue();
    assertThat(matches("a/*.zip", "a/b/c.zip", PLAIN)).isFalse();
    assertThat(matches("a?c", "abc", PLAIN)).isTrue();
    assertThat(matches("a?c", "a/c", PLAIN)).isFalse();
    assertThat(matches("a*", "a", PLAIN)).isTrue();
  }

  @Test
  void wildcardsSkipDotFilesUnlessDotIsSetAndNeverMatchDotDirectories() {
    assertThat(matches("*", ".profile", PLAIN)).isFalse();
    assertThat(matches("*", ".profile", DOT)).isTrue();
    assertThat(matches("*", ".", DOT)).isFalse();
    assertThat(matches("*", "..", DOT)).isFalse();
    assertThat(matches(".*", ".profile", PLAIN)).isTrue();
    assertThat(matches("a*", "a.b", PLAIN)).isTrue();
  }

  @Test
  void globstarMatchesAnyDepthButNotDotSegmentsUnlessDot() {
    assertThat(matches("a/**/b", "a/b", PLAIN)).isTrue();
    assertThat(matches("a/**/b", "a/x/y/b", PLAIN)).isTrue();
    assertThat(matches("a/**/b", "a/.x/b", PLAIN)).isFalse();
    assertThat(matches("a/**/b", "a/.x/b", DOT)).isTrue();
    assertThat(matches("a/**/b", "a/../b", DOT)).isFalse();
    assertThat(matches("**/*.zip", "/x/y.zip", PLAIN)).isTrue();
  }

  @Test
  void trailingGlobstarNeedsAtLeastOneSegment() {
    assertThat(matches("a/**", "a", DOT)).isFalse();
    assertThat(matches("a/**", "a/b", DOT)).isTrue();
    assertThat(matches("a/**", "a/", DOT)).isTrue();
  }

  @Test
  void globstarOnlyCountsAsAWholeSegment() {
    assertThat(matches("a**b/c", "axyb/c", PLAIN)).isTrue();
    assertThat(matches("a**b/c", "ax/yb/c", PLAIN)).isFalse();
    assertThat(matches("a/**", "a/b/c", PLAIN.withNoglobstar(true))).isFalse();
  }

  @Test
  void globstarsKeepMatchingWhenThreeAreUsed() {
    // minimatch 3.1.3 to 3.1.5 miss this one; 3.0 to 3.1.2 and this implementation do not
    assertThat(matches("**/x/y/**/z/**/t", "x/y/z/t", PLAIN)).isTrue();
    assertThat(matches("**/x/y/**/z/**/t", "q/x/y/r/z/s/t", PLAIN)).isTrue();
  }

  @Test
  void bracketExpressionsSupportRangesAndBothNegations() {
    assertThat(matches("[a-c]x", "bx", PLAIN)).isTrue();
    assertThat(matches("[!a-c]x", "bx", PLAIN)).isFalse();
    assertThat(matches("[^a-c]x", "dx", PLAIN)).isTrue();
    assertThat(matches("[]a]", "]", PLAIN)).isTrue();
    assertThat(matches("[a-]", "-", PLAIN)).isTrue();
  }

  @Test
  void malformedBracketExpressionsAreLiteralTextAndNeverThrow() {
    assertThat(matches("[z-a]", "[z-a]", PLAIN)).isTrue();
    assertThat(matches("[z-a]", "z", PLAIN)).isFalse();
    assertThat(matches("[abc", "[abc", PLAIN)).isTrue();
    assertThat(matches("[abc", "a", PLAIN)).isFalse();
    assertThat(matches("file[*.txt", "file[1].txt", PLAIN)).isTrue();
    assertThat(matches("[a-\\", "[a-\\", PLAIN)).isTrue();
  }

  @Test
  void posixCharacterClassesAreNotSpecialAsInMinimatch() {
    assertThat(matches("[[:alpha:]]", "a", PLAIN)).isFalse();
    assertThat(matches("[[:alpha:]]", "a]", PLAIN)).isTrue();
  }

  @Test
  void backslashEscapesGlobCharactersOnLinuxAndMacOs() {
    assertThat(matches("\\*", "*", PLAIN)).isTrue();
    assertThat(matches("\\*", "x", PLAIN)).isFalse();
    assertThat(matches("\\[a]", "[a]", PLAIN)).isTrue();
    assertThat(matches("a\\", "a\\", PLAIN)).isTrue();
  }

  @Test
  void backslashIsASeparatorOnWindows() {
    Glob glob = Glob.compile("C:\\out\\*.zip", PLAIN, Platform.WINDOWS);
    assertThat(glob.matches("C:\\out\\a.zip")).isTrue();
    assertThat(glob.matches("C:/out/a.zip")).isTrue();
    assertThat(glob.matches("C:\\out\\x\\a.zip")).isFalse();
  }

  @Test
  void extglobsMatchTheirAlternatives() {
    assertThat(matches("@(a|b).txt", "b.txt", PLAIN)).isTrue();
    assertThat(matches("?(a|b)c", "c", PLAIN)).isTrue();
    assertThat(matches("+(ab)", "ababab", PLAIN)).isTrue();
    assertThat(matches("*(ab)c", "c", PLAIN)).isTrue();
    assertThat(matches("!(*.json)", "x.json", PLAIN)).isFalse();
    assertThat(matches("!(*.json)", "x.js", PLAIN)).isTrue();
    assertThat(matches("*.!(js)", "a.json", PLAIN)).isTrue();
    assertThat(matches("*.!(js)", "a.js", PLAIN)).isFalse();
    assertThat(matches("**/*.@(zip|jar)", "a/b.jar", PLAIN)).isTrue();
  }

  @Test
  void extglobsAreLiteralWithNoextOrWhenUnclosed() {
    assertThat(matches("+(a)", "+(a)", PLAIN.withNoext(true))).isTrue();
    assertThat(matches("+(a)", "a", PLAIN.withNoext(true))).isFalse();
    assertThat(matches("+(a|b", "+(a|b", PLAIN)).isTrue();
  }

  @Test
  void nocaseIgnoresCaseInLiteralsAndRanges() {
    assertThat(matches("*.ZIP", "a.zip", PLAIN)).isFalse();
    assertThat(matches("*.ZIP", "a.zip", PLAIN.withNocase(true))).isTrue();
    assertThat(matches("[A-Z].txt", "q.txt", PLAIN.withNocase(true))).isTrue();
    assertThat(matches("@(A|B).txt", "b.TXT", PLAIN.withNocase(true))).isTrue();
  }

  @Test
  void matchBaseMatchesBareNamesAgainstTheLastSegment() {
    MatchOptions matchBase = PLAIN.withMatchBase(true);
    assertThat(matches("*.zip", "a/b/c.zip", matchBase)).isTrue();
    assertThat(matches("c.zip", "a/b/c.zip", matchBase)).isTrue();
    assertThat(matches("b/*.zip", "a/b/c.zip", matchBase)).isFalse();
  }

  @Test
  void trailingSlashesFollowMinimatch() {
    assertThat(matches("a/*", "a/b/", PLAIN)).isTrue();
    assertThat(matches("a/*/", "a/b", PLAIN)).isFalse();
    assertThat(matches("a/b", "a//b", PLAIN)).isTrue();
  }

  @Test
  void partialMatchingTellsWhetherADirectoryCanHoldAMatch() {
    Glob glob = Glob.compile("/r/src/**/bin/*.jar", DOT, Platform.POSIX);
    assertThat(glob.couldMatchBelow("/r")).isTrue();
    assertThat(glob.couldMatchBelow("/r/src/a/b")).isTrue();
    assertThat(glob.couldMatchBelow("/r/docs")).isFalse();
    assertThat(Glob.compile("/r/*/x", DOT, Platform.POSIX).couldMatchBelow("/r/a/y")).isFalse();
  }

  @Test
  void manyStarsAgainstALongNameFinishQuickly() {
    String name = "a".repeat(250);
    assertThat(
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(1), () -> matches("*a*a*a*a*a*a*a*a*a*b", name, PLAIN)))
        .isFalse();
  }

  @Test
  void runawayExtglobBacktrackingFailsWithTheInvalidPatternCode() {
    String name = "a".repeat(60) + "b";
    assertThatThrownBy(() -> matches("*(*(a|aa)|a)c", name, PLAIN))
        .isInstanceOfSatisfying(
            FileException.class,
            e -> {
              assertThat(e.code()).isEqualTo("PatternInvalid");
              assertThat(e.getMessage()).contains("*(*(a|aa)|a)c").contains("Simplify");
            });
  }

  @Test
  void aPatternLongerThanMinimatchAcceptsIsRejected() {
    assertThatThrownBy(() -> matches("a".repeat(70_000), "a", PLAIN))
        .isInstanceOfSatisfying(
            FileException.class, e -> assertThat(e.code()).isEqualTo("PatternInvalid"));
  }
}
