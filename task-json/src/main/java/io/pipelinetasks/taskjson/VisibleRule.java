package io.pipelinetasks.taskjson;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed {@code visibleRule}: when the classic editor shows an input or group.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * rule    := or
 * or      := and ( "||" and )*
 * and     := primary ( "&amp;&amp;" primary )*
 * primary := "(" or ")" | clause
 * clause  := inputName operator value
 * value   := '"' any text but '"' '"' | bare text up to "&amp;&amp;", "||", a closing ")" or the end
 * </pre>
 *
 * The documented grammar is a single {@code &&} chain or a single {@code ||} chain. Parentheses and
 * mixed chains are not supported by the web UI, but two official tasks ship them, so they parse
 * here (the validator warns) and evaluate with the usual precedence: {@code &&} binds tighter than
 * {@code ||}. Bare values may contain spaces ({@code action = Build an image}); surrounding
 * whitespace is dropped. {@code ""} is the empty string. A blank rule means always visible.
 *
 * <h2>Evaluation</h2>
 *
 * Comparisons ignore case, as the web UI does. {@code =} and {@code ==} are equality. {@code <},
 * {@code >}, {@code <=} and {@code >=} compare numerically when both sides are numbers, otherwise
 * as text ignoring case. {@code EndsWith}, {@code NotEndsWith}, {@code Contains}, {@code
 * NotContains}, {@code StartsWith} and {@code NotStartsWith} test text ignoring case; operator
 * words are matched ignoring case too. An input with no value compares as the empty string.
 *
 * <p>This class does not use Jackson, so binding inputs at task start-up stays cheap.
 */
public final class VisibleRule {
  /** A comparison operator of a clause. */
  public enum Operator {
    /** {@code =}, equality. */
    EQUALS("=", true),
    /** {@code ==}, the same as {@code =}. */
    DOUBLE_EQUALS("==", true),
    /** {@code !=}. */
    NOT_EQUALS("!=", true),
    /** {@code <}. */
    LESS_THAN("<", true),
    /** {@code >}. */
    GREATER_THAN(">", true),
    /** {@code <=}. */
    LESS_OR_EQUAL("<=", true),
    /** {@code >=}. */
    GREATER_OR_EQUAL(">=", true),
    /** {@code EndsWith}. */
    ENDS_WITH("EndsWith", true),
    /** {@code NotEndsWith}. */
    NOT_ENDS_WITH("NotEndsWith", true),
    /** {@code Contains}, believed to exist but not confirmed. */
    CONTAINS("Contains", false),
    /** {@code NotContains}, believed to exist but not confirmed. */
    NOT_CONTAINS("NotContains", false),
    /** {@code StartsWith}, believed to exist but not confirmed. */
    STARTS_WITH("StartsWith", false),
    /** {@code NotStartsWith}, believed to exist but not confirmed. */
    NOT_STARTS_WITH("NotStartsWith", false);

    private final String symbol;
    private final boolean confirmed;

    Operator(String symbol, boolean confirmed) {
      this.symbol = symbol;
      this.confirmed = confirmed;
    }

    /** The operator as written in a rule. */
    public String symbol() {
      return symbol;
    }

    /**
     * Whether the operator is known to work in the web UI; the others are accepted with a
     * validation warning.
     */
    public boolean isConfirmed() {
      return confirmed;
    }

    boolean test(String left, String right) {
      String l = left.toLowerCase(Locale.ROOT);
      String r = right.toLowerCase(Locale.ROOT);
      return switch (this) {
        case EQUALS, DOUBLE_EQUALS -> l.equals(r);
        case NOT_EQUALS -> !l.equals(r);
        case LESS_THAN -> compare(left, right) < 0;
        case GREATER_THAN -> compare(left, right) > 0;
        case LESS_OR_EQUAL -> compare(left, right) <= 0;
        case GREATER_OR_EQUAL -> compare(left, right) >= 0;
        case ENDS_WITH -> l.endsWith(r);
        case NOT_ENDS_WITH -> !l.endsWith(r);
        case CONTAINS -> l.contains(r);
        case NOT_CONTAINS -> !l.contains(r);
        case STARTS_WITH -> l.startsWith(r);
        case NOT_STARTS_WITH -> !l.startsWith(r);
      };
    }

    private static int compare(String left, String right) {
      try {
        return new BigDecimal(left.strip()).compareTo(new BigDecimal(right.strip()));
      } catch (NumberFormatException e) {
        return left.compareToIgnoreCase(right);
      }
    }
  }

  private static final VisibleRule ALWAYS =
      new VisibleRule("", null, List.of(), EnumSet.noneOf(Operator.class), false, false);

  private final String text;
  private final VisibleRuleParser.Node root;
  private final List<String> inputNames;
  private final Set<Operator> operators;
  private final boolean parentheses;
  private final boolean mixed;

  VisibleRule(
      String text,
      VisibleRuleParser.Node root,
      List<String> inputNames,
      Set<Operator> operators,
      boolean parentheses,
      boolean mixed) {
    this.text = text;
    this.root = root;
    this.inputNames = List.copyOf(new LinkedHashSet<>(inputNames));
    this.operators = Collections.unmodifiableSet(EnumSet.copyOf(operators));
    this.parentheses = parentheses;
    this.mixed = mixed;
  }

  /**
   * Parses a rule; a blank text gives a rule that is always true.
   *
   * @throws VisibleRuleException with code {@code VisibleRuleSyntax} naming the position
   */
  public static VisibleRule parse(String text) {
    if (text == null || text.isBlank()) {
      return ALWAYS;
    }
    return new VisibleRuleParser(text).parse();
  }

  /** The rule as written. */
  public String text() {
    return text;
  }

  /** The input names the rule compares, in order of first use, as written. */
  public List<String> inputNames() {
    return inputNames;
  }

  /** The operators the rule uses. */
  public Set<Operator> operators() {
    return operators;
  }

  /** Whether the rule groups clauses with parentheses, which the web UI does not support. */
  public boolean usesParentheses() {
    return parentheses;
  }

  /** Whether the rule mixes {@code &&} and {@code ||}, which the web UI does not support. */
  public boolean mixesOperators() {
    return mixed;
  }

  /**
   * Evaluates the rule.
   *
   * @param valueOf the effective value of an input by name; {@code null} or empty when it has none
   * @return whether the input or group is visible
   */
  public boolean isVisible(Function<String, String> valueOf) {
    return root == null || root.evaluate(valueOf);
  }

  /** Rules are equal when their text is. */
  @Override
  public boolean equals(Object other) {
    return other instanceof VisibleRule rule && rule.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The rule as written. */
  @Override
  public String toString() {
    return text;
  }
}
