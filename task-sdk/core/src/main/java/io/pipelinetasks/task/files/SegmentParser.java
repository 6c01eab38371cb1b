package io.pipelinetasks.task.files;

import io.pipelinetasks.task.files.GlobNode.AnyChar;
import io.pipelinetasks.task.files.GlobNode.AnyRun;
import io.pipelinetasks.task.files.GlobNode.CharSet;
import io.pipelinetasks.task.files.GlobNode.Group;
import io.pipelinetasks.task.files.GlobNode.Reparsed;
import io.pipelinetasks.task.files.GlobNode.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Parses one path segment of a glob the way minimatch 3 reads it, including how it recovers from
 * malformed input: an unterminated or invalid bracket expression is literal text, an unclosed
 * extglob is literal text, and a trailing backslash matches a backslash. Nothing here throws for a
 * malformed pattern.
 *
 * <p>The rules that decide what counts as an escape, a bracket expression or an extglob follow
 * minimatch's reading character by character, because users' patterns were written against it.
 */
final class SegmentParser {
  /**
   * Characters that a backslash turns into literals. Others lose the backslash but keep meaning.
   */
  private static final String ESCAPABLE = "().*{}+?[]^$\\!";

  /**
   * A parsed segment.
   *
   * @param nodes what the segment matches, in order
   * @param magic whether it contains anything but literal text; a segment without magic is compared
   *     as a plain string
   * @param broken whether a bracket expression has a range whose ends are in the wrong order, which
   *     makes minimatch's regular expression invalid and the segment match nothing
   */
  record Parsed(List<GlobNode> nodes, boolean magic, boolean broken) {}

  private record ClassAtom(char value, boolean operator) {}

  private static final class Frame {
    final char kind;
    final List<List<GlobNode>> alternatives = new ArrayList<>();

    Frame(char kind) {
      this.kind = kind;
      alternatives.add(new ArrayList<>());
    }

    List<GlobNode> nodes() {
      return alternatives.get(alternatives.size() - 1);
    }
  }

  private final String text;
  private final int from;
  private final int to;
  private final boolean noext;
  private final boolean nocase;

  private final Deque<Frame> enclosing = new ArrayDeque<>();
  private Frame current = new Frame('\0');
  private char pendingExtglobChar;
  private boolean escaping;
  private boolean magic;
  private boolean broken;
  private boolean inClass;
  private int classStart;
  private List<ClassAtom> classAtoms = new ArrayList<>();

  private SegmentParser(String text, int from, int to, boolean noext, boolean nocase) {
    this.text = text;
    this.from = from;
    this.to = to;
    this.noext = noext;
    this.nocase = nocase;
    this.classStart = from - 1;
    this.magic = nocase; // minimatch compiles every segment to a regular expression under nocase
  }

  /**
   * Parses a segment.
   *
   * @param segment one path segment of a pattern, without slashes
   * @param noext whether extglobs are off, so {@code +(a)} is literal
   * @param nocase whether matching ignores case
   */
  static Parsed parse(String segment, boolean noext, boolean nocase) {
    return new SegmentParser(segment, 0, segment.length(), noext, nocase).run();
  }

  private Parsed run() {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (escaping && ESCAPABLE.indexOf(c) >= 0) {
        literal(c);
        escaping = false;
        continue;
      }
      switch (c) {
        case '\\' -> {
          flushPending();
          escaping = true;
        }
        case '?', '*', '+', '@', '!' -> extglobChar(c, i);
        case '(' -> openParenthesis();
        case ')' -> {
          if (inClass || enclosing.isEmpty()) {
            literal(')');
          } else {
            flushPending();
            magic = true;
            Group group = new Group(current.kind, current.alternatives);
            current = enclosing.pop();
            current.nodes().add(group);
          }
        }
        case '|' -> {
          if (inClass || enclosing.isEmpty() || escaping) {
            literal('|');
            escaping = false;
          } else {
            flushPending();
            current.alternatives.add(new ArrayList<>());
          }
        }
        case '[' -> {
          flushPending();
          if (inClass) {
            literal('[');
          } else {
            inClass = true;
            classStart = i;
            classAtoms = new ArrayList<>();
          }
        }
        case ']' -> {
          if (i == classStart + 1 || !inClass) {
            literal(']'); // first in a bracket expression, or outside one, it is literal
            escaping = false;
          } else {
            closeClass(i);
          }
        }
        default -> {
          flushPending();
          escaping = false; // a backslash before an ordinary character is dropped
          if (inClass) {
            classAtoms.add(new ClassAtom(c, c == '-' || c == '^'));
          } else {
            current.nodes().add(new Text(c));
          }
        }
      }
    }
    finish();
    return new Parsed(List.copyOf(current.nodes()), magic, broken);
  }

  private void extglobChar(char c, int index) {
    if (inClass) {
      boolean negation = c == '!' && index == classStart + 1;
      classAtoms.add(negation ? new ClassAtom('^', true) : new ClassAtom(c, false));
      return;
    }
    if (c == '*' && pendingExtglobChar == '*') {
      return; // "**" inside a segment is one star
    }
    flushPending();
    pendingExtglobChar = c;
    if (noext) {
      flushPending();
    }
  }

  private void openParenthesis() {
    if (inClass) {
      classAtoms.add(new ClassAtom('(', false));
    } else if (pendingExtglobChar == 0) {
      current.nodes().add(new Text('('));
    } else {
      enclosing.push(current);
      current = new Frame(pendingExtglobChar);
      pendingExtglobChar = 0;
    }
  }

  private void literal(char c) {
    if (inClass) {
      classAtoms.add(new ClassAtom(c, false));
    } else {
      current.nodes().add(new Text(c));
    }
  }

  private void flushPending() {
    switch (pendingExtglobChar) {
      case 0 -> {
        return;
      }
      case '*' -> {
        current.nodes().add(new AnyRun());
        magic = true;
      }
      case '?' -> {
        current.nodes().add(new AnyChar());
        magic = true;
      }
      default -> current.nodes().add(new Text(pendingExtglobChar));
    }
    pendingExtglobChar = 0;
  }

  private void closeClass(int closeIndex) {
    inClass = false;
    String body = text.substring(classStart + 1, closeIndex);
    if (JavaScriptCharacterClass.isValid(body)) {
      current.nodes().add(charSet(classAtoms));
      magic = true;
    } else {
      // "[z-a]" is not a valid class: minimatch reads it as "[", the inside on its own, and "]"
      current.nodes().add(new Text('['));
      current.nodes().add(reparse(classStart + 1, closeIndex));
      current.nodes().add(new Text(']'));
    }
    classAtoms = new ArrayList<>();
  }

  private Reparsed reparse(int start, int end) {
    Parsed inner = new SegmentParser(text, start, end, noext, nocase).run();
    magic |= inner.magic();
    broken |= inner.broken();
    boolean startsWithDot = start < end && text.charAt(start) == '.';
    return new Reparsed(inner.nodes(), inner.magic(), startsWithDot);
  }

  private void finish() {
    if (inClass) {
      // "[abc" never closes: the "[" is literal and the rest is read on its own
      inClass = false;
      current.nodes().add(new Text('['));
      current.nodes().add(reparse(classStart + 1, to));
    }
    while (!enclosing.isEmpty()) {
      // "+(a|b" never closes: its opening and its bars are literal text
      magic = true;
      List<GlobNode> flat = new ArrayList<>();
      flat.add(
          switch (current.kind) {
            case '*' -> new AnyRun();
            case '?' -> new AnyChar();
            default -> new Text(current.kind);
          });
      flat.add(new Text('('));
      flat.addAll(joinAlternatives(current.alternatives));
      current = enclosing.pop();
      current.nodes().addAll(flat);
    }
    flushPending();
    if (escaping) {
      current.nodes().add(new Text('\\'));
    }
  }

  /** Turns the bars of an unclosed extglob, and of every group inside it, into literal bars. */
  private static List<GlobNode> joinAlternatives(List<List<GlobNode>> alternatives) {
    List<GlobNode> joined = new ArrayList<>();
    for (int i = 0; i < alternatives.size(); i++) {
      if (i > 0) {
        joined.add(new Text('|'));
      }
      for (GlobNode node : alternatives.get(i)) {
        if (node instanceof Group group) {
          joined.add(new Group(group.kind(), List.of(joinAlternatives(group.alternatives()))));
        } else if (node instanceof Reparsed reparsed) {
          joined.add(
              new Reparsed(
                  joinAlternatives(List.of(reparsed.nodes())),
                  reparsed.magic(),
                  reparsed.startsWithDot()));
        } else {
          joined.add(node);
        }
      }
    }
    return joined;
  }

  /**
   * Builds a bracket expression the way a JavaScript regular expression reads minimatch's
   * translation of it: a leading unescaped {@code ^} negates, and an unescaped {@code -} between
   * two members makes a range.
   */
  private CharSet charSet(List<ClassAtom> atoms) {
    int i = 0;
    boolean negated = false;
    if (!atoms.isEmpty() && atoms.get(0).operator() && atoms.get(0).value() == '^') {
      negated = true;
      i = 1;
    }
    List<char[]> ranges = new ArrayList<>();
    while (i < atoms.size()) {
      char first = atoms.get(i).value();
      boolean range =
          i + 2 < atoms.size() && atoms.get(i + 1).operator() && atoms.get(i + 1).value() == '-';
      if (range) {
        char last = atoms.get(i + 2).value();
        if (first > last) {
          broken = true;
        } else {
          ranges.add(new char[] {first, last});
        }
        i += 3;
      } else {
        ranges.add(new char[] {first, first});
        i++;
      }
    }
    return new CharSet(negated, ranges);
  }
}
