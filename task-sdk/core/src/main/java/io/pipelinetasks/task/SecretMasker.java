package io.pipelinetasks.task;

import io.pipelinetasks.task.internal.MaskAutomaton;
import io.pipelinetasks.task.internal.SecretForms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Replaces every registered secret, and the encoded forms under which it may appear, with {@code
 * ***}: the value itself, trimmed and quote-stripped, escaped for logging commands, base64,
 * JSON-escaped, URI-escaped and backslash-unescaped, as the agent registers them. Overlapping and
 * adjacent matches become one {@code ***}, as the agent writes them.
 *
 * <p>Matching is one pass over the text per automaton (Aho-Corasick), however many secrets are
 * registered. Registering secrets one by one must stay cheap too: a task that sets a thousand Key
 * Vault secrets, writing a logging command after each, must not rebuild an automaton of every form
 * a thousand times. So the forms are kept in levels, as a log-structured merge tree keeps its runs:
 * new forms become a small level on the next use, and a level is merged with the one before it
 * whenever that one is no more than twice its size. Each form is thus rebuilt into an automaton
 * about log&#8322;(n) times rather than n times, and there are never more than about log&#8322;(n)
 * levels to pass over. Once no secret has been added for a while, all levels are merged into one so
 * that steady output is masked in a single pass. The masker is safe for concurrent use.
 */
public final class SecretMasker {
  /** What a secret is replaced with. */
  public static final String MASK = "***";

  /** After this many uses without a new secret, all levels are merged into one. */
  private static final int QUIET_USES = 256;

  private static final Level[] NO_LEVELS = new Level[0];

  private final int minLength;
  private final Object lock = new Object();

  /** Every form registered, so a form given twice is not added twice. Guarded by {@link #lock}. */
  private final Set<String> known = new HashSet<>();

  /** Forms added since the last use. Guarded by {@link #lock}. */
  private final List<String> pending = new ArrayList<>();

  /** The current levels, oldest and largest first; replaced, never changed in place. */
  private volatile Level[] levels = NO_LEVELS;

  private volatile boolean dirty;
  private final AtomicInteger usesSinceChange = new AtomicInteger();

  /** The automata of {@link #levels}, built once per levels array. */
  private volatile Snapshot snapshot;

  private record Snapshot(Level[] levels, MaskAutomaton[] automata) {}

  /** One level: an automaton and the forms it was built from, to merge it later. */
  private record Level(MaskAutomaton automaton, List<String> forms) {
    static Level of(List<String> forms) {
      return new Level(MaskAutomaton.of(forms), forms);
    }

    static Level merged(Level older, Level newer) {
      List<String> forms = new ArrayList<>(older.forms.size() + newer.forms.size());
      forms.addAll(older.forms);
      forms.addAll(newer.forms);
      return of(forms);
    }
  }

  /** A masker that masks every non-empty secret, the agent's default. */
  public SecretMasker() {
    this(0);
  }

  /**
   * A masker that ignores forms shorter than {@code minLength}, as the agent does with {@code
   * AZP_IGNORE_SECRETS_SHORTER_THAN} (which it clamps to at most 6).
   *
   * @param minLength the shortest form to mask
   */
  public SecretMasker(int minLength) {
    this.minLength = Math.max(0, Math.min(minLength, 6));
  }

  /**
   * Registers a secret with all its encoded forms. Whitespace-only values are ignored, as the agent
   * ignores them. A multi-line value is also registered line by line, so a line printed on its own
   * is masked too.
   *
   * @param value the secret value
   */
  public void add(String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    Set<String> added = new LinkedHashSet<>(SecretForms.of(value, minLength));
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      for (String line : value.split("\r\n|\r|\n")) {
        added.addAll(SecretForms.of(line, minLength));
      }
    }
    synchronized (lock) {
      boolean any = false;
      for (String form : added) {
        if (known.add(form)) {
          pending.add(form);
          any = true;
        }
      }
      if (any) {
        usesSinceChange.set(0);
        dirty = true;
      }
    }
  }

  /** Whether no secret is registered. */
  public boolean isEmpty() {
    for (MaskAutomaton a : automata()) {
      if (!a.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text with every secret form replaced by {@code ***}.
   *
   * @param text any text
   */
  public String mask(String text) {
    if (text.isEmpty()) {
      return text;
    }
    boolean[] masked = markMatches(automata(), text);
    return masked == null ? text : render(text, masked);
  }

  /**
   * Masks a text and says how many secret occurrences it held, in one pass.
   *
   * @param text any text
   */
  public Masked maskCounting(String text) {
    if (text.isEmpty()) {
      return new Masked(text, 0);
    }
    boolean[] masked = markMatches(automata(), text);
    if (masked == null) {
      return new Masked(text, 0);
    }
    int runs = 0;
    for (int i = 0; i < masked.length; i++) {
      if (masked[i] && (i == 0 || !masked[i - 1])) {
        runs++;
      }
    }
    return new Masked(render(text, masked), runs);
  }

  /**
   * A masked text.
   *
   * @param text the text with every secret replaced by {@code ***}
   * @param occurrences how many secrets it held: how many {@code ***} were written
   */
  public record Masked(String text, int occurrences) {}

  /**
   * How many separate secret occurrences the text holds: the number of {@code ***} that {@link
   * #mask(String)} would write.
   *
   * @param text any text
   */
  public int count(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    boolean[] masked = markMatches(automata(), text);
    if (masked == null) {
      return 0;
    }
    int runs = 0;
    for (int i = 0; i < masked.length; i++) {
      if (masked[i] && (i == 0 || !masked[i - 1])) {
        runs++;
      }
    }
    return runs;
  }

  /**
   * A streaming masker for text of any length that arrives in pieces: it holds back only as many
   * characters as could still turn out to be the start of a secret, so memory stays bounded by the
   * longest secret form, and a secret split across two pieces is still masked.
   *
   * @param out receives masked text as it becomes final
   */
  public Stream stream(Consumer<String> out) {
    return new Stream(out);
  }

  /**
   * The automata to pass over, oldest first: pending forms become a level first, and after a quiet
   * spell all levels are merged into one.
   */
  private MaskAutomaton[] automata() {
    Level[] current = levels;
    if (dirty) {
      synchronized (lock) {
        if (dirty) {
          current = withPending(levels);
          levels = current;
          dirty = false;
        }
      }
    } else if (current.length > 1 && usesSinceChange.incrementAndGet() > QUIET_USES) {
      synchronized (lock) {
        if (!dirty && levels.length > 1) {
          Level all = levels[0];
          for (int i = 1; i < levels.length; i++) {
            all = Level.merged(all, levels[i]);
          }
          current = new Level[] {all};
          levels = current;
        }
      }
    }
    return automataOf(current);
  }

  /** The levels with the pending forms added as the newest; called with the lock held. */
  private Level[] withPending(Level[] old) {
    List<Level> list = new ArrayList<>(old.length + 1);
    Collections.addAll(list, old);
    list.add(Level.of(List.copyOf(pending)));
    pending.clear();
    // Keep each level more than twice the size of the next newer one, so that there are only
    // logarithmically many and each form is rebuilt logarithmically often.
    while (list.size() > 1
        && list.get(list.size() - 2).forms.size() <= 2 * list.get(list.size() - 1).forms.size()) {
      Level newer = list.remove(list.size() - 1);
      Level older = list.remove(list.size() - 1);
      list.add(Level.merged(older, newer));
    }
    return list.toArray(NO_LEVELS);
  }

  /**
   * The automata of some levels. The array is cached per levels array, so that a stream can tell by
   * identity whether secrets were added since it last looked.
   */
  private MaskAutomaton[] automataOf(Level[] current) {
    Snapshot s = snapshot;
    if (s == null || s.levels != current) {
      MaskAutomaton[] automata = new MaskAutomaton[current.length];
      for (int i = 0; i < current.length; i++) {
        automata[i] = current[i].automaton;
      }
      s = new Snapshot(current, automata);
      snapshot = s;
    }
    return s.automata;
  }

  private static boolean[] markMatches(MaskAutomaton[] levels, String text) {
    boolean[] masked = null;
    for (MaskAutomaton a : levels) {
      if (a.isEmpty()) {
        continue;
      }
      int state = 0;
      for (int i = 0; i < text.length(); i++) {
        state = a.step(state, text.charAt(i));
        int length = a.longestMatch(state);
        if (length > 0) {
          if (masked == null) {
            masked = new boolean[text.length()];
          }
          for (int j = i - length + 1; j <= i; j++) {
            masked[j] = true;
          }
        }
      }
    }
    return masked;
  }

  private static String render(String text, boolean[] masked) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (masked[i]) {
        if (i == 0 || !masked[i - 1]) {
          out.append(MASK);
        }
      } else {
        out.append(text.charAt(i));
      }
    }
    return out.toString();
  }

  /** Masks text that arrives in pieces; see {@link SecretMasker#stream(Consumer)}. */
  public final class Stream {
    private final Consumer<String> out;
    private MaskAutomaton[] levels;
    private int[] states;
    private String held = "";
    private boolean[] heldMarks;
    private boolean lastWasMasked;

    private Stream(Consumer<String> out) {
      this.out = out;
      this.levels = automata();
      this.states = new int[levels.length];
    }

    /**
     * Adds text; everything that can no longer become part of a secret is passed on.
     *
     * @param text the next piece
     */
    public void write(CharSequence text) {
      MaskAutomaton[] current = automata();
      String combined = held + text;
      boolean[] marks = heldMarks == null ? null : Arrays.copyOf(heldMarks, combined.length());
      int from = held.length();
      if (current != levels) {
        // A secret was added: read the held-back characters again with the new automata.
        levels = current;
        states = new int[levels.length];
        from = 0;
      }
      int keep = 0;
      for (int level = 0; level < levels.length; level++) {
        MaskAutomaton a = levels[level];
        if (a.isEmpty()) {
          continue;
        }
        int state = states[level];
        for (int i = from; i < combined.length(); i++) {
          state = a.step(state, combined.charAt(i));
          int length = a.longestMatch(state);
          if (length > 0) {
            if (marks == null) {
              marks = new boolean[combined.length()];
            }
            for (int j = Math.max(0, i - length + 1); j <= i; j++) {
              marks[j] = true;
            }
          }
        }
        states[level] = state;
        keep = Math.max(keep, a.depth(state));
      }
      emit(combined, marks, combined.length() - keep);
    }

    /** Passes on everything held back, at the end of the text. */
    public void finish() {
      write("");
      String rest = held;
      boolean[] marks = heldMarks;
      held = "";
      heldMarks = null;
      Arrays.fill(states, 0);
      emitRange(rest, marks, rest.length());
    }

    private void emit(String combined, boolean[] marks, int upTo) {
      emitRange(combined, marks, upTo);
      held = combined.substring(upTo);
      heldMarks = marks == null ? null : Arrays.copyOfRange(marks, upTo, combined.length());
    }

    private void emitRange(String text, boolean[] marks, int upTo) {
      if (upTo <= 0) {
        return;
      }
      if (marks == null) {
        out.accept(text.substring(0, upTo));
        lastWasMasked = false;
        return;
      }
      StringBuilder chunk = new StringBuilder(upTo);
      for (int i = 0; i < upTo; i++) {
        if (marks[i]) {
          if (!lastWasMasked) {
            chunk.append(MASK);
          }
          lastWasMasked = true;
        } else {
          chunk.append(text.charAt(i));
          lastWasMasked = false;
        }
      }
      if (chunk.length() > 0) {
        out.accept(chunk.toString());
      }
    }
  }
}
