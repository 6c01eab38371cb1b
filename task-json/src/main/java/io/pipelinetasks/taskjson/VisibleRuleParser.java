package io.pipelinetasks.taskjson;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A recursive-descent parser for the grammar documented on {@link VisibleRule}. */
final class VisibleRuleParser {
  /** A node of the parsed rule. */
  sealed interface Node permits Clause, All, Any {
    boolean evaluate(Function<String, String> valueOf);
  }

  record Clause(String inputName, VisibleRule.Operator operator, String value) implements Node {
    @Override
    public boolean evaluate(Function<String, String> valueOf) {
      String actual = valueOf.apply(inputName);
      return operator.test(actual == null ? "" : actual, value);
    }
  }

  record All(List<Node> nodes) implements Node {
    @Override
    public boolean evaluate(Function<String, String> valueOf) {
      for (Node node : nodes) { // loops, not streams: rules are evaluated at task start-up
        if (!node.evaluate(valueOf)) {
          return false;
        }
      }
      return true;
    }
  }

  record Any(List<Node> nodes) implements Node {
    @Override
    public boolean evaluate(Function<String, String> valueOf) {
      for (Node node : nodes) {
        if (node.evaluate(valueOf)) {
          return true;
        }
      }
      return false;
    }
  }

  // Longest first, so "==" is not read as "=" followed by "=".
  private static final String[] SYMBOLS = {"==", "!=", "<=", ">=", "=", "<", ">"};

  private final String text;
  private int pos;
  private int depth;
  private boolean parentheses;
  private boolean sawAnd;
  private boolean sawOr;
  private final List<String> names = new ArrayList<>();
  private final Set<VisibleRule.Operator> operators = EnumSet.noneOf(VisibleRule.Operator.class);

  VisibleRuleParser(String text) {
    this.text = text;
  }

  VisibleRule parse() {
    Node root = or();
    skipSpace();
    if (pos < text.length()) {
      throw error(
          text.charAt(pos) == ')'
              ? "a ')' without a matching '('"
              : "unexpected '" + text.charAt(pos) + "'; clauses are joined with && or ||");
    }
    return new VisibleRule(text, root, names, operators, parentheses, sawAnd && sawOr);
  }

  private Node or() {
    List<Node> nodes = new ArrayList<>();
    nodes.add(and());
    while (consume("||")) {
      sawOr = true;
      nodes.add(and());
    }
    return nodes.size() == 1 ? nodes.get(0) : new Any(List.copyOf(nodes));
  }

  private Node and() {
    List<Node> nodes = new ArrayList<>();
    nodes.add(primary());
    while (consume("&&")) {
      sawAnd = true;
      nodes.add(primary());
    }
    return nodes.size() == 1 ? nodes.get(0) : new All(List.copyOf(nodes));
  }

  private Node primary() {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '(') {
      int open = pos;
      pos++;
      parentheses = true;
      depth++;
      Node inner = or();
      skipSpace();
      if (pos >= text.length() || text.charAt(pos) != ')') {
        pos = open;
        throw error("a '(' without a matching ')'");
      }
      pos++;
      depth--;
      return inner;
    }
    return clause();
  }

  private Node clause() {
    skipSpace();
    int start = pos;
    while (pos < text.length() && isNameChar(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error(
          pos >= text.length()
              ? "a clause is missing at the end; expected an input name"
              : "expected an input name, found '" + text.charAt(pos) + "'");
    }
    String name = text.substring(start, pos);
    VisibleRule.Operator operator = operator(name);
    String value = value();
    names.add(name);
    operators.add(operator);
    return new Clause(name, operator, value);
  }

  private VisibleRule.Operator operator(String name) {
    skipSpace();
    for (String symbol : SYMBOLS) {
      if (text.startsWith(symbol, pos)) {
        pos += symbol.length();
        for (VisibleRule.Operator op : VisibleRule.Operator.values()) {
          if (op.symbol().equals(symbol)) {
            return op;
          }
        }
      }
    }
    int start = pos;
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    for (VisibleRule.Operator op : VisibleRule.Operator.values()) {
      if (op.symbol().equalsIgnoreCase(word)
          && Character.isLetter(op.symbol().charAt(0))
          && (pos >= text.length()
              || Character.isWhitespace(text.charAt(pos))
              || text.charAt(pos) == '"')) {
        return op;
      }
    }
    pos = start;
    throw error(
        "expected an operator after '"
            + name
            + "' (=, ==, !=, <, >, <=, >=, EndsWith, NotEndsWith, Contains, NotContains,"
            + " StartsWith, NotStartsWith)");
  }

  private String value() {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '"') {
      int close = text.indexOf('"', pos + 1);
      if (close < 0) {
        throw error("a '\"' without a closing '\"'");
      }
      String value = text.substring(pos + 1, close);
      pos = close + 1;
      return value;
    }
    int start = pos;
    while (pos < text.length()
        && !text.startsWith("&&", pos)
        && !text.startsWith("||", pos)
        && !(depth > 0 && text.charAt(pos) == ')')) {
      pos++;
    }
    return text.substring(start, pos).strip();
  }

  private boolean consume(String token) {
    skipSpace();
    if (text.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
  }

  private VisibleRuleException error(String what) {
    return new VisibleRuleException(
        "visibleRule \""
            + text
            + "\": "
            + what
            + " at position "
            + (pos + 1)
            + ". The grammar is: input operator value, joined by && or || ("
            + "for example: scriptLocation = inlineScript && failOnStandardError = true).",
        pos);
  }
}
