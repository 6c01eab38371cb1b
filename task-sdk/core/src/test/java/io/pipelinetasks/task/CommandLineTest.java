package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The official tool runner's {@code line()} rules, case by case. */
class CommandLineTest {

  @Test
  void spacesSeparateArgumentsAndRunsOfSpacesCountOnce() {
    assertThat(CommandLine.split("  one   two three ")).containsExactly("one", "two", "three");
    assertThat(CommandLine.split("")).isEmpty();
    assertThat(CommandLine.split(null)).isEmpty();
  }

  @Test
  void doubleQuotesGroupAndAreRemovedEvenMidArgument() {
    assertThat(CommandLine.split("\"quoted arg\" bare x\"y z\"w"))
        .containsExactly("quoted arg", "bare", "xy zw");
  }

  @Test
  void insideQuotesABackslashEscapesOnlyADoubleQuote() {
    assertThat(CommandLine.split("-TEST=\"escaped\\\"quotes\" -x"))
        .containsExactly("-TEST=escaped\"quotes", "-x");
    assertThat(CommandLine.split("one \"\\\\two\\arg\"")).containsExactly("one", "\\\\two\\arg");
  }

  @Test
  void outsideQuotesABackslashIsLiteral() {
    assertThat(CommandLine.split("one two\\arg")).containsExactly("one", "two\\arg");
    assertThat(CommandLine.split("\"quoted arg\" bare x\\\"y"))
        .containsExactly("quoted arg", "bare", "x\\y");
  }

  @Test
  void anEmptyQuotedArgumentIsKept() {
    assertThat(CommandLine.split("a \"\" b")).containsExactly("a", "", "b");
  }

  @Test
  void shellSyntaxIsPassedLiterally() {
    assertThat(CommandLine.split("$HOME *.zip > out; rm"))
        .containsExactly("$HOME", "*.zip", ">", "out;", "rm");
  }

  @Test
  void theLastArgumentIsTrimmedAsTheNodeRunnerTrimsIt() {
    assertThat(CommandLine.split("a \"b  ")).containsExactly("a", "b");
  }
}
