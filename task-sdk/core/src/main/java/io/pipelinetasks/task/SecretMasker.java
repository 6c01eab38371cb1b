package io.pipelinetasks.task;

import io.pipelinetasks.task.internal.MaskAutomaton;
import io.pipelinetasks.task.internal.SecretForms;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replaces every registered secret, and the encoded forms under which it may appear, with {@code
 * ***}: the value itself, trimmed and quote-stripped, escaped for logging commands, base64,
 * JSON-escaped, URI-escaped and backslash-unescaped, as the agent registers them. Overlapping and
 * adjacent matches become one {@code ***}, as the agent writes them.
 *
 * <p>Matching is one pass over the text per automaton, however many secrets are registered
 * (Aho-Corasick). Secrets are kept in two generations so that registering them one by one stays
 * cheap: new forms go into a small automaton that is rebuilt on the next use, and are merged into
 * the large one only when the small one has grown; a task that registers a thousand Key Vault
 * secrets, printing between each, does not rebuild the large automaton a thousand times. The masker
 * is safe for concurrent use.
 */
public final class SecretMasker {
  /** What a secret is replaced with. */
  public static final String MASK = "***";

  /** How many forms the small generation holds before it is merged into the large one. */
  private static final int RECENT_LIMIT = 128;

  /** After this many uses without a new secret, the small generation is merged too. */
  private static final int QUIET_USES = 256;

  private final int minLength;
  private final Set<String> baseForms = new LinkedHashSet<>();
  private final Set<String> recentForms = new LinkedHashSet<>();
  private volatile MaskAutomaton base = MaskAutomaton.EMPTY;
  private volatile MaskAutomaton recent = MaskAutomaton.EMPTY;
  private volatile boolean dirty;
  private final java.util.concurrent.atomic.AtomicInteger usesSinceChange =
      new java.util.concurrent.atomic.AtomicInteger();

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
    synchronized (baseForms) {
      added.removeAll(baseForms);
      if (!recentForms.addAll(added)) {
        return;
      }
      usesSinceChange.set(0);
      if (recentForms.size() > RECENT_LIMIT) {
        merge();
      } else {
        dirty = true;
      }
    }
  }

  /** Folds the small generation into the large one; called with the lock held. */
  private void merge() {
    baseForms.addAll(recentForms);
    recentForms.clear();
    base = MaskAutomaton.of(Set.copyOf(baseForms));
    recent = MaskAutomaton.EMPTY;
    dirty = false;
  }

  /** Whether no secret is registered. */
  public boolean isEmpty() {
    MaskAutomaton[] levels = levels();
    return levels[0].isEmpty() && levels[1].isEmpty();
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
    boolean[] masked = markMatches(levels(), text);
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
    boolean[] masked = markMatches(levels(), text);
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
    boolean[] masked = markMatches(levels(), text);
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
   * The large and the small automaton: the small one rebuilt if secrets were added, and merged into
   * the large one once no secret has been added for a while, so steady output is masked in one
   * pass.
   */
  private MaskAutomaton[] levels() {
    if (dirty) {
      synchronized (baseForms) {
        if (dirty) {
          recent = MaskAutomaton.of(Set.copyOf(recentForms));
          dirty = false;
        }
      }
    } else if (!recent.isEmpty() && usesSinceChange.incrementAndGet() > QUIET_USES) {
      synchronized (baseForms) {
        if (!recentForms.isEmpty() && !dirty) {
          merge();
        }
      }
    }
    return new MaskAutomaton[] {base, recent};
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
      this.levels = levels();
      this.states = new int[levels.length];
    }

    /**
     * Adds text; everything that can no longer become part of a secret is passed on.
     *
     * @param text the next piece
     */
    public void write(CharSequence text) {
      MaskAutomaton[] current = levels();
      String combined = held + text;
      boolean[] marks = heldMarks == null ? null : Arrays.copyOf(heldMarks, combined.length());
      int from = held.length();
      if (current[0] != levels[0] || current[1] != levels[1]) {
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
