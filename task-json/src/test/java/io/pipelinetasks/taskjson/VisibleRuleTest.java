package io.pipelinetasks.taskjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisibleRuleTest {
  private static boolean visible(String rule, Map<String, String> values) {
    return VisibleRule.parse(rule).isVisible(values::get);
  }

  @ParameterizedTest(name = "{0} with {1}={2} is {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "scriptLocation = inlineScript | scriptLocation | inlineScript | true",
        "scriptLocation = inlineScript | scriptLocation | INLINESCRIPT | true",
        "scriptLocation == inlineScript | scriptLocation | scriptPath | false",
        "scriptLocation != inlineScript | scriptLocation | scriptPath | true",
        "appType != \"\" | appType | webApp | true",
        "appType != \"\" | appType | '' | false",
        "appType = \"\" | appType | '' | true",
        "package EndsWith .war | package | app.WAR | true",
        "package NotEndsWith .war | package | app.zip | true",
        "package NotEndsWith .war | package | app.war | false",
        "mode Contains scr | mode | inlineScript | true",
        "mode NotContains scr | mode | inlineScript | false",
        "mode StartsWith inl | mode | InlineScript | true",
        "mode NotStartsWith inl | mode | inlineScript | false",
        "count > 9 | count | 10 | true",
        "count < 9 | count | 10 | false",
        "count >= 10 | count | 10 | true",
        "count <= 10.0 | count | 10 | true",
        "version > b | version | a | false",
        "action = Build an image | action | build an IMAGE | true",
        "Action != Swap Slots | Action | Delete Slot | true",
      })
  void aClauseComparesIgnoringCase(String rule, String input, String value, boolean expected) {
    assertThat(visible(rule, Map.of(input, value))).isEqualTo(expected);
  }

  @Test
  void anAndChainNeedsEveryClause() {
    String rule = "appType != webAppLinux && package NotEndsWith .war";

    assertThat(visible(rule, Map.of("appType", "webApp", "package", "a.zip"))).isTrue();
    assertThat(visible(rule, Map.of("appType", "webApp", "package", "a.war"))).isFalse();
    assertThat(VisibleRule.parse(rule).mixesOperators()).isFalse();
  }

  @Test
  void anOrChainNeedsOneClause() {
    String rule = "scriptType = ps || scriptType = pscore";

    assertThat(visible(rule, Map.of("scriptType", "pscore"))).isTrue();
    assertThat(visible(rule, Map.of("scriptType", "bash"))).isFalse();
  }

  @Test
  void anInputWithoutValueComparesAsEmpty() {
    assertThat(visible("other = \"\"", Map.of())).isTrue();
    assertThat(visible("other != x", Map.of())).isTrue();
  }

  @Test
  void aBlankRuleIsAlwaysVisible() {
    assertThat(VisibleRule.parse("  ").isVisible(n -> null)).isTrue();
    assertThat(VisibleRule.parse("").inputNames()).isEmpty();
  }

  @Test
  void parenthesesParseAndGroupAsWritten() {
    VisibleRule rule =
        VisibleRule.parse("type = deployment || (type = deploymentStack && operation != whatIf)");

    assertThat(rule.usesParentheses()).isTrue();
    assertThat(rule.mixesOperators()).isTrue();
    assertThat(rule.inputNames()).containsExactly("type", "operation");
    assertThat(rule.isVisible(Map.of("type", "deployment", "operation", "whatIf")::get)).isTrue();
    assertThat(rule.isVisible(Map.of("type", "deploymentStack", "operation", "whatIf")::get))
        .isFalse();
    assertThat(rule.isVisible(Map.of("type", "deploymentStack", "operation", "create")::get))
        .isTrue();
  }

  @Test
  void aParenthesisedOrInsideAnAndChain() {
    VisibleRule rule =
        VisibleRule.parse("type = deployment && (operation = validate || operation = whatIf)");

    assertThat(rule.isVisible(Map.of("type", "deployment", "operation", "whatIf")::get)).isTrue();
    assertThat(rule.isVisible(Map.of("type", "deployment", "operation", "create")::get)).isFalse();
  }

  @Test
  void withoutParenthesesAndBindsTighterThanOr() {
    VisibleRule rule = VisibleRule.parse("a = 1 || b = 1 && c = 1");

    assertThat(rule.isVisible(Map.of("a", "1", "b", "0", "c", "0")::get)).isTrue();
    assertThat(rule.isVisible(Map.of("a", "0", "b", "1", "c", "0")::get)).isFalse();
    assertThat(rule.mixesOperators()).isTrue();
    assertThat(rule.usesParentheses()).isFalse();
  }

  @Test
  void leadingWhitespaceAndDoubleSpacesAreTolerated() {
    VisibleRule rule = VisibleRule.parse(" templateLocation = URL of the file  ||  x = y");

    assertThat(rule.isVisible(Map.of("templateLocation", "URL of the file")::get)).isTrue();
  }

  @Test
  void operatorsAreReportedSoTheValidatorCanWarnAboutUnconfirmedOnes() {
    VisibleRule rule = VisibleRule.parse("a StartsWith x && b == y");

    assertThat(rule.operators())
        .containsExactlyInAnyOrder(
            VisibleRule.Operator.STARTS_WITH, VisibleRule.Operator.DOUBLE_EQUALS);
    assertThat(VisibleRule.Operator.STARTS_WITH.isConfirmed()).isFalse();
    assertThat(VisibleRule.Operator.NOT_ENDS_WITH.isConfirmed()).isTrue();
  }

  @Test
  void aMissingOperatorIsASyntaxErrorWithItsPosition() {
    VisibleRuleException e =
        catchThrowableOfType(VisibleRuleException.class, () -> VisibleRule.parse("mode loud"));

    assertThat(e.code()).isEqualTo("VisibleRuleSyntax");
    assertThat(e.position()).isEqualTo(5);
    assertThat(e.getMessage()).contains("expected an operator after 'mode'");
  }

  @Test
  void unbalancedParenthesesAreSyntaxErrors() {
    assertThat(catchThrowableOfType(VisibleRuleException.class, () -> VisibleRule.parse("(a = b")))
        .hasMessageContaining("a '(' without a matching ')'");
    assertThat(catchThrowableOfType(VisibleRuleException.class, () -> VisibleRule.parse("a = \"b")))
        .hasMessageContaining("without a closing");
  }

  @Test
  void aDanglingJoinIsASyntaxError() {
    assertThat(
            catchThrowableOfType(VisibleRuleException.class, () -> VisibleRule.parse("a = b ||")))
        .hasMessageContaining("a clause is missing at the end");
  }

  @Test
  void rulesAreValuesOfTheirText() {
    assertThat(VisibleRule.parse("a = b")).isEqualTo(VisibleRule.parse("a = b"));
    assertThat(VisibleRule.parse("a = b")).hasToString("a = b");
  }
}
