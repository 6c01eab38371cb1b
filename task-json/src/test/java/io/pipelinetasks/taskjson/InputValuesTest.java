package io.pipelinetasks.taskjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputValuesTest {
  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "True", " true "})
  void onlyTrueInAnyCaseIsTrue(String value) {
    assertThat(InputValues.toBoolean("flag", value, w -> {})).isTrue();
  }

  @Test
  void falseAndEmptyAreFalseWithoutAWarning() {
    List<String> warnings = new ArrayList<>();

    assertThat(InputValues.toBoolean("flag", "False", warnings::add)).isFalse();
    assertThat(InputValues.toBoolean("flag", "", warnings::add)).isFalse();
    assertThat(InputValues.toBoolean("flag", null, warnings::add)).isFalse();
    assertThat(warnings).isEmpty();
  }

  @Test
  void anythingElseIsFalseWithAWarningThatNamesTheInputButNotTheValue() {
    List<String> warnings = new ArrayList<>();

    assertThat(InputValues.toBoolean("flag", "1", warnings::add)).isFalse();
    assertThat(warnings)
        .containsExactly(
            "Input 'flag' is a boolean but its value is neither 'true' nor 'false'; it is treated"
                + " as false.");
  }

  @Test
  void integersAllowASignAndSurroundingWhitespace() {
    assertThat(InputValues.toInteger("n", " -12 ")).isEqualTo(-12);
    assertThat(InputValues.toInteger("n", "+7")).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.5", "ten", "99999999999"})
  void aBadIntegerNamesTheInputAndTheExpectedForm(String value) {
    InputException e =
        catchThrowableOfType(InputException.class, () -> InputValues.toInteger("timeout", value));

    assertThat(e.code()).isEqualTo("InputInvalidInteger");
    assertThat(e.inputName()).isEqualTo("timeout");
    assertThat(e.getMessage())
        .isEqualTo(
            "Input 'timeout' must be a whole number between -2147483648 and 2147483647, such as"
                + " 10.");
  }

  @Test
  void anOptionMatchesIgnoringCaseAndReturnsTheKeyAsDeclared() {
    assertThat(InputValues.toOption("t", "PSCORE", List.of("ps", "pscore"))).isEqualTo("pscore");
  }

  @Test
  void splittingDropsEmptyItemsButDoesNotTrim() {
    assertThat(InputValues.split("a, b,,c ,", ",")).containsExactly("a", " b", "c ");
    assertThat(InputValues.split("", ",")).isEmpty();
    assertThat(InputValues.split("a.b", ".")).as("a literal delimiter").containsExactly("a", "b");
  }

  @Test
  void splittingOnAPatternDropsEmptyItems() {
    assertThat(InputValues.split("a\r\nb\n\nc", Pattern.compile("\r?\n")))
        .containsExactly("a", "b", "c");
  }

  @Test
  void endpointsAreCommaSeparatedTrimmedIds() {
    assertThat(InputValues.toEndpoints(" id1 , id2,, "))
        .containsExactly(new EndpointRef("id1"), new EndpointRef("id2"));
  }
}
