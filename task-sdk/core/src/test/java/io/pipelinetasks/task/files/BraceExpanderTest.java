package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BraceExpanderTest {

  @Test
  void expandsCommaSetsLeftToRight() {
    assertThat(BraceExpander.expand("**/bin/*.{jar,war}"))
        .containsExactly("**/bin/*.jar", "**/bin/*.war");
    assertThat(BraceExpander.expand("{a,b}{c,d}")).containsExactly("ac", "ad", "bc", "bd");
  }

  @Test
  void expandsNestedSets() {
    assertThat(BraceExpander.expand("{a,b{c,d}}")).containsExactly("a", "bc", "bd");
    assertThat(BraceExpander.expand("x{{a,b}}y")).containsExactly("x{a}y", "x{b}y");
  }

  @Test
  void expandsNumericAndLetterSequencesWithPaddingAndSteps() {
    assertThat(BraceExpander.expand("v{1..3}")).containsExactly("v1", "v2", "v3");
    assertThat(BraceExpander.expand("{01..10..3}")).containsExactly("01", "04", "07", "10");
    assertThat(BraceExpander.expand("{3..1}")).containsExactly("3", "2", "1");
    assertThat(BraceExpander.expand("{-1..1}")).containsExactly("-1", "0", "1");
    assertThat(BraceExpander.expand("{a..e..2}")).containsExactly("a", "c", "e");
  }

  @Test
  void leavesSetsWithoutACommaLiteral() {
    assertThat(BraceExpander.expand("{x}")).containsExactly("{x}");
    assertThat(BraceExpander.expand("a{b}c{1..2}")).containsExactly("a{b}c{1..2}");
    assertThat(BraceExpander.expand("{1..a}")).containsExactly("{1..a}");
  }

  @Test
  void readsALiteralSetFollowedByACommaAsBashDoes() {
    assertThat(BraceExpander.expand("{a},b}")).containsExactly("a}", "b");
    assertThat(BraceExpander.expand("a{b}c{d,e}")).containsExactly("a{b}cd", "a{b}ce");
  }

  @Test
  void backslashProtectsBracesAndIsThenDropped() {
    assertThat(BraceExpander.expand("\\{hello,world}.txt")).containsExactly("{hello,world}.txt");
    assertThat(BraceExpander.expand("{a\\,b,c}")).containsExactly("a,b", "c");
  }

  @Test
  void patternsWithoutABracePairAreReturnedUntouched() {
    assertThat(BraceExpander.expand("a\\,b\\*")).containsExactly("a\\,b\\*");
    assertThat(BraceExpander.expand("{abc")).containsExactly("{abc");
  }

  @Test
  void keepsShellVariablesAndALeadingEmptyPairLiteral() {
    assertThat(BraceExpander.expand("${a,b}")).containsExactly("${a,b}");
    assertThat(BraceExpander.expand("{},a}b")).containsExactly("{},a}b");
  }

  @Test
  void dropsEmptyResultsAtTheTopLevel() {
    assertThat(BraceExpander.expand("{,b}")).containsExactly("b");
    assertThat(BraceExpander.expand("a{,b}")).containsExactly("a", "ab");
    assertThat(BraceExpander.expand("{,}")).isEmpty();
  }

  @Test
  void boundsTheNumberOfResults() {
    assertThat(BraceExpander.expand("{1..1000000}")).hasSize(BraceExpander.MAX_RESULTS);
    assertThat(BraceExpander.expand("{a,b}".repeat(17))).hasSizeLessThanOrEqualTo(100_000);
  }
}
