package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The task library's {@code match}, on Linux rules unless a test says otherwise. */
class MatchTest {
  private static final MatchOptions DEFAULTS = MatchOptions.defaults(Platform.POSIX);

  private static List<String> match(List<String> list, List<String> patterns) {
    return match(list, patterns, "", DEFAULTS);
  }

  private static List<String> match(
      List<String> list, List<String> patterns, String root, MatchOptions options) {
    return Matching.match(list, patterns, root, options, Platform.POSIX);
  }

  @Test
  void keepsTheListOrderAndNeverDuplicates() {
    List<String> list =
        List.of("/p/one/one.proj", "/p/two/two.proj", "/p/three/three.proj", "/p/two/readme.txt");
    assertThat(match(list, List.of("/p/**/three.proj", "/p/**/*.proj", "/p/**/one.proj")))
        .containsExactly("/p/one/one.proj", "/p/two/two.proj", "/p/three/three.proj");
  }

  @Test
  void appliesIncludesAndExcludesInTheirOrder() {
    List<String> list =
        List.of(
            "/s1/p1/p1.proj",
            "/s1/p1/README.txt",
            "/s1/p2/p2.proj",
            "/s1/p2/README.txt",
            "/s1/s1.sln",
            "/s2/p1/p1.proj",
            "/s2/s2.sln");
    List<String> patterns =
        List.of("**/@(*.proj|README.txt)", "!**/s2/**", "**/*.sln", "!**/p2/README.txt");
    assertThat(match(list, patterns))
        .containsExactly(
            "/s1/p1/p1.proj", "/s1/p1/README.txt", "/s1/p2/p2.proj", "/s1/s1.sln", "/s2/s2.sln");
  }

  @Test
  void defaultsLeaveBracesLiteralAllowDotFilesAndRespectCaseOnLinux() {
    List<String> list =
        List.of(
            "/brace/x_{a,b}.txt",
            "/brace/x_a.txt",
            "/dot/.hidden/.file.txt",
            "/case/a.txt",
            "/case/b.TXT",
            "/neg/a.txt",
            "/neg/b.txt");
    List<String> patterns =
        List.of("/brace/x_{a,b}.txt", "/dot/*/*.txt", "/case/*.txt", "/neg/*", "!/neg/a.txt", "#x");
    assertThat(match(list, patterns))
        .containsExactly(
            "/brace/x_{a,b}.txt", "/dot/.hidden/.file.txt", "/case/a.txt", "/neg/b.txt");
  }

  @Test
  void defaultsIgnoreCaseOnWindows() {
    List<String> list = List.of("C:\\out\\a.zip", "C:\\out\\B.ZIP", "C:\\other\\c.zip");
    assertThat(
            Matching.match(
                list,
                List.of("c:/OUT/*.zip"),
                "",
                MatchOptions.defaults(Platform.WINDOWS),
                Platform.WINDOWS))
        .containsExactly("C:\\out\\a.zip", "C:\\out\\B.ZIP");
  }

  @Test
  void trimsPatternsAndSkipsEmptyOnes() {
    List<String> list = List.of(" hello.txt ", "hello.txt", "", " ");
    assertThat(match(list, List.of("", "  ", " hello.txt "))).containsExactly("hello.txt");
  }

  @Test
  void commentsAreSkippedUnlessNocomment() {
    List<String> list = List.of("#hello.txt", "hello.txt");
    assertThat(match(list, List.of("#hello.txt"))).isEmpty();
    assertThat(match(list, List.of("#hello.txt"), "", DEFAULTS.withNocomment(true)))
        .containsExactly("#hello.txt");
  }

  @Test
  void aBangBeforeAHashMakesAnExcludeRatherThanAComment() {
    List<String> list = List.of("#hello.txt", "hello.txt", "world.txt");
    assertThat(match(list, List.of("*", "!#hello.txt"))).containsExactly("hello.txt", "world.txt");
  }

  @Test
  void leadingBangsAreCountedAndFlipNegateInvertsThem() {
    List<String> list =
        List.of("/i/keep.txt", "/i/one.txt", "/i/three.txt", "/h/two.txt", "/h/four.txt");
    List<String> patterns =
        List.of("/i/*.txt", "!/i/one.txt", "!!/h/two.txt", "!!!/i/three.txt", "!!!!/h/four.txt");
    assertThat(match(list, patterns)).containsExactly("/i/keep.txt", "/h/two.txt", "/h/four.txt");
    assertThat(match(List.of("!a", "a"), List.of("!a"), "", DEFAULTS.withFlipNegate(true)))
        .containsExactly("a");
    assertThat(match(List.of("!a", "a"), List.of("!a"), "", DEFAULTS.withNonegate(true)))
        .containsExactly("!a");
  }

  @Test
  void whitespaceAfterTheBangsIsTrimmed() {
    assertThat(match(List.of("hello.txt", "world.txt"), List.of("*", "! hello.txt")))
        .containsExactly("world.txt");
  }

  @Test
  void bracesExpandWhenNobraceIsOff() {
    List<String> list = List.of("/b/x.jar", "/b/x.war", "/b/x.ear");
    assertThat(match(list, List.of("/b/*.{jar,war}"), "", DEFAULTS.withNobrace(false)))
        .containsExactly("/b/x.jar", "/b/x.war");
    assertThat(match(list, List.of("/b/*.{jar,war}"))).isEmpty();
  }

  @Test
  void thePatternRootIsJoinedToRelativeIncludesAndExcludes() {
    List<String> list =
        List.of("/root/hello.txt", "/root/hello/world.txt", "/root/other.zzz", "/else/hello.txt");
    assertThat(match(list, List.of("hello.txt", "**/world.txt"), "/root", DEFAULTS))
        .containsExactly("/root/hello.txt", "/root/hello/world.txt");
    assertThat(match(list, List.of("/**/*", "!hello.txt", "!**/world.txt"), "/root", DEFAULTS))
        .containsExactly("/root/other.zzz", "/else/hello.txt");
  }

  @Test
  void matchBaseBareNamesAreNotRootedAndMatchAtAnyDepth() {
    List<String> list =
        List.of("/root/hello.txt", "/root/hello/world.txt", "/root/other.zzz", "/else/hello.txt");
    MatchOptions matchBase = DEFAULTS.withMatchBase(true);
    assertThat(match(list, List.of("hello.txt", "**/world.txt"), "/root", matchBase))
        .containsExactly("/root/hello.txt", "/root/hello/world.txt", "/else/hello.txt");
    assertThat(match(list, List.of("/**/*", "!hello.txt"), "/root", matchBase))
        .containsExactly("/root/hello/world.txt", "/root/other.zzz");
  }

  @Test
  void thePublicMatchUsesThePlatformDefaults() {
    assertThat(TaskFiles.match(List.of("a.zip", "b.txt"), List.of("*.zip")))
        .containsExactly("a.zip");
  }
}
