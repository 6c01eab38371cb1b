package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.task.files.FindMatch.FindInfo;
import org.junit.jupiter.api.Test;

class PathTextTest {
  private static final Platform POSIX = Platform.POSIX;
  private static final Platform WINDOWS = Platform.WINDOWS;

  @Test
  void rootedPatternsAreLeftAlone() {
    assertThat(PathText.ensurePatternRooted("/abc", "/hello/world", POSIX))
        .isEqualTo("/hello/world");
    assertThat(PathText.ensurePatternRooted("/abc", "//hello/world///", POSIX))
        .isEqualTo("//hello/world///");
    assertThat(PathText.ensurePatternRooted("D:\\", "C:\\hello\\world", WINDOWS))
        .isEqualTo("C:\\hello\\world");
    assertThat(PathText.ensurePatternRooted("D:\\", "\\\\hello\\world", WINDOWS))
        .isEqualTo("\\\\hello\\world");
  }

  @Test
  void relativePatternsGetTheRootAndOneSeparator() {
    assertThat(PathText.ensurePatternRooted("/abc", "hello/world", POSIX))
        .isEqualTo("/abc/hello/world");
    assertThat(PathText.ensurePatternRooted("//abc//", "D://hello", POSIX))
        .isEqualTo("/abc/D://hello");
    assertThat(PathText.ensurePatternRooted("/abc", "\\\\machine\\share\\", POSIX))
        .isEqualTo("/abc/\\\\machine\\share\\");
    assertThat(PathText.ensurePatternRooted("D:/abc//", "hello///world//", WINDOWS))
        .isEqualTo("D:\\abc\\hello///world//");
    assertThat(PathText.ensurePatternRooted("D:", "hello", WINDOWS)).isEqualTo("D:hello");
    assertThat(PathText.ensurePatternRooted("///machine/share//", "hello", WINDOWS))
        .isEqualTo("\\\\machine\\share\\hello");
  }

  @Test
  void globCharactersInTheRootAreEscaped() {
    assertThat(PathText.ensurePatternRooted("/abc[[def]", "hello", POSIX))
        .isEqualTo("/abc[[][[]def]/hello");
    assertThat(PathText.ensurePatternRooted("/ab??c", "hello", POSIX))
        .isEqualTo("/ab[?][?]c/hello");
    assertThat(PathText.ensurePatternRooted("/ab**c", "hello", POSIX))
        .isEqualTo("/ab[*][*]c/hello");
    assertThat(PathText.ensurePatternRooted("/ab+(@(!(c", "hello", POSIX))
        .isEqualTo("/ab[+]([@]([!](c/hello");
    assertThat(PathText.ensurePatternRooted("/abc[?*+(@(!(def]", "hello", WINDOWS))
        .isEqualTo("\\abc[[][?][*][+]([@]([!](def]\\hello");
  }

  @Test
  void backslashesInTheRootAreEscapedOnlyOnLinuxAndMacOs() {
    assertThat(PathText.ensurePatternRooted("/abc\\\\def\\", "hello/world", POSIX))
        .isEqualTo("/abc\\\\\\\\def\\\\/hello/world");
  }

  @Test
  void rootednessFollowsThePlatform() {
    assertThat(PathText.isRooted("/a", POSIX)).isTrue();
    assertThat(PathText.isRooted("a/b", POSIX)).isFalse();
    assertThat(PathText.isRooted("C:", WINDOWS)).isTrue();
    assertThat(PathText.isRooted("c:\\a", WINDOWS)).isTrue();
    assertThat(PathText.isRooted("\\a", WINDOWS)).isTrue();
    assertThat(PathText.isRooted("C:", POSIX)).isFalse();
  }

  @Test
  void directoryNameBehavesLikeDotNet() {
    assertThat(PathText.directoryName("/hello/", POSIX)).isEqualTo("/hello");
    assertThat(PathText.directoryName("/hello", POSIX)).isEqualTo("/");
    assertThat(PathText.directoryName("/", POSIX)).isEmpty();
    assertThat(PathText.directoryName("C:/hello", WINDOWS)).isEqualTo("C:\\");
    assertThat(PathText.directoryName("C:hello", WINDOWS)).isEqualTo("C:");
    assertThat(PathText.directoryName("C:/", WINDOWS)).isEmpty();
    assertThat(PathText.directoryName("//hello/world", WINDOWS)).isEmpty();
    assertThat(PathText.directoryName("//hello/world/", WINDOWS)).isEqualTo("\\\\hello\\world");
  }

  @Test
  void javaScriptTrimAlsoRemovesNoBreakSpaces() {
    assertThat(PathText.trim("\u00A0 a b \uFEFF\t")).isEqualTo("a b");
  }

  @Test
  void splittingKeepsLeadingAndTrailingEmptySegments() {
    assertThat(PathText.splitOnSlashes("/a//b/")).containsExactly("", "a", "b", "");
    assertThat(PathText.splitOnSlashes("")).containsExactly("");
  }

  private static FindInfo findInfo(String pattern, MatchOptions options, Platform platform) {
    return new FindMatch(platform, true)
        .findInfo("/default-root", pattern, options.withNobrace(true));
  }

  @Test
  void aPatternWithoutGlobsIsOnlyChecked() {
    assertThat(findInfo("hello/world", MatchOptions.minimatch(), POSIX))
        .isEqualTo(new FindInfo("/default-root/hello/world", "/default-root/hello/world", true));
    assertThat(findInfo("hello", MatchOptions.minimatch(), WINDOWS))
        .isEqualTo(new FindInfo("\\default-root\\hello", "\\default-root\\hello", true));
  }

  @Test
  void theSearchStartsAtTheFixedLeadingFolders() {
    assertThat(findInfo("hello/world*", MatchOptions.minimatch(), POSIX))
        .isEqualTo(new FindInfo("/default-root/hello/world*", "/default-root/hello", false));
    assertThat(findInfo("/other/hello/world*", MatchOptions.minimatch().withNocase(true), POSIX))
        .isEqualTo(new FindInfo("/other/hello/world*", "/other/hello", false));
    assertThat(findInfo("hello\\*world/x", MatchOptions.minimatch(), POSIX))
        .isEqualTo(
            new FindInfo("/default-root/hello\\*world/x", "/default-root/hello*world/x", true));
  }

  @Test
  void uncPathsKeepTheirDoubleSlashOnWindowsOnly() {
    assertThat(findInfo("//machine/share/hello/world*", MatchOptions.minimatch(), WINDOWS))
        .isEqualTo(
            new FindInfo("//machine/share/hello/world*", "\\\\machine\\share\\hello", false));
    assertThat(findInfo("//machine/share/hello/world*", MatchOptions.minimatch(), POSIX))
        .isEqualTo(new FindInfo("//machine/share/hello/world*", "/machine/share/hello", false));
  }

  @Test
  void backslashesAreSeparatorsOnWindowsAndEscapesElsewhere() {
    assertThat(findInfo("\\hello\\world*", MatchOptions.minimatch(), WINDOWS))
        .isEqualTo(new FindInfo("\\hello\\world*", "\\hello", false));
    assertThat(findInfo("\\hello\\world*", MatchOptions.minimatch(), POSIX))
        .isEqualTo(new FindInfo("/default-root/\\hello\\world*", "/default-root", false));
  }

  @Test
  void aBareNameUnderMatchBaseSearchesTheDefaultRootUnrooted() {
    MatchOptions matchBase = MatchOptions.minimatch().withMatchBase(true);
    assertThat(findInfo("hello", matchBase, POSIX))
        .isEqualTo(new FindInfo("hello", "/default-root", false));
    assertThat(findInfo("hello/world*", matchBase, POSIX))
        .isEqualTo(new FindInfo("/default-root/hello/world*", "/default-root/hello", false));
  }
}
