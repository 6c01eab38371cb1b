package io.pipelinetasks.task.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * An Aho-Corasick automaton over every registered secret form, so masking a line costs one pass
 * over its characters however many secrets there are, instead of one scan per secret.
 *
 * <p>The root state has a dense transition row indexed by character, because almost every character
 * of ordinary output leaves the automaton at the root; deeper states keep sorted sparse transitions
 * and fall back through failure links.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class MaskAutomaton {
  /** The automaton that matches nothing. */
  public static final MaskAutomaton EMPTY = new MaskAutomaton(List.of());

  private static final int DENSE_ROOT_STATES = 2048;

  private final int[] rootNext;
  private final char[][] keys;
  private final int[][] next;
  private final int[] fail;
  private final int[] depth;
  private final int[] longestMatch;
  private final int maxPatternLength;
  private final boolean empty;

  private MaskAutomaton(Collection<String> patterns) {
    List<char[]> stateKeys = new ArrayList<>();
    List<int[]> stateNext = new ArrayList<>();
    List<Integer> stateDepth = new ArrayList<>();
    List<Integer> terminal = new ArrayList<>();
    stateKeys.add(new char[0]);
    stateNext.add(new int[0]);
    stateDepth.add(0);
    terminal.add(0);
    int longest = 0;
    boolean anything = false;
    for (String pattern : patterns) {
      if (pattern.isEmpty()) {
        continue;
      }
      anything = true;
      longest = Math.max(longest, pattern.length());
      int state = 0;
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        char[] k = stateKeys.get(state);
        int at = Arrays.binarySearch(k, c);
        if (at >= 0) {
          state = stateNext.get(state)[at];
        } else {
          int created = stateKeys.size();
          stateKeys.add(new char[0]);
          stateNext.add(new int[0]);
          stateDepth.add(stateDepth.get(state) + 1);
          terminal.add(0);
          int insert = -at - 1;
          stateKeys.set(state, insertChar(k, insert, c));
          stateNext.set(state, insertInt(stateNext.get(state), insert, created));
          state = created;
        }
      }
      terminal.set(state, pattern.length());
    }
    int states = stateKeys.size();
    this.keys = stateKeys.toArray(new char[0][]);
    this.next = stateNext.toArray(new int[0][]);
    this.depth = new int[states];
    for (int i = 0; i < states; i++) {
      depth[i] = stateDepth.get(i); // a loop, not a stream: masking starts with the task
    }
    this.fail = new int[states];
    this.longestMatch = new int[states];
    // A dense root row (256 KiB) pays off only for large automata; small ones search the root's
    // sparse transitions like any other state, so rebuilding them stays cheap.
    this.rootNext = states > DENSE_ROOT_STATES ? new int[Character.MAX_VALUE + 1] : null;
    this.maxPatternLength = longest;
    this.empty = !anything;
    if (rootNext != null) {
      for (int i = 0; i < keys[0].length; i++) {
        rootNext[keys[0][i]] = next[0][i];
      }
    }
    // Breadth-first, so a state's failure target is complete before its children need it.
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int child : next[0]) {
      fail[child] = 0;
      longestMatch[child] = terminal.get(child);
      queue.add(child);
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      for (int i = 0; i < keys[state].length; i++) {
        char c = keys[state][i];
        int child = next[state][i];
        fail[child] = step(fail[state], c);
        int own = terminal.get(child);
        longestMatch[child] = own > 0 ? own : longestMatch[fail[child]];
        queue.add(child);
      }
    }
  }

  /**
   * Builds an automaton matching every non-empty pattern.
   *
   * @param patterns the secret forms
   */
  public static MaskAutomaton of(Collection<String> patterns) {
    return patterns.isEmpty() ? EMPTY : new MaskAutomaton(patterns);
  }

  /** Whether the automaton matches nothing. */
  public boolean isEmpty() {
    return empty;
  }

  /** The length of the longest pattern. */
  public int maxPatternLength() {
    return maxPatternLength;
  }

  /** The state reached from {@code state} on {@code c}. */
  public int step(int state, char c) {
    int s = state;
    while (true) {
      if (s == 0 && rootNext != null) {
        return rootNext[c];
      }
      char[] k = keys[s];
      int at = k.length < 8 ? linear(k, c) : Arrays.binarySearch(k, c);
      if (at >= 0) {
        return next[s][at];
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }

  /** The length of the longest pattern ending at a state, or 0 when none ends there. */
  public int longestMatch(int state) {
    return longestMatch[state];
  }

  /**
   * How many of the most recent characters a state still depends on: characters further back can no
   * longer become part of a match.
   */
  public int depth(int state) {
    return depth[state];
  }

  private static int linear(char[] k, char c) {
    for (int i = 0; i < k.length; i++) {
      if (k[i] == c) {
        return i;
      }
      if (k[i] > c) {
        return -1;
      }
    }
    return -1;
  }

  private static char[] insertChar(char[] array, int at, char value) {
    char[] grown = new char[array.length + 1];
    System.arraycopy(array, 0, grown, 0, at);
    grown[at] = value;
    System.arraycopy(array, at, grown, at + 1, array.length - at);
    return grown;
  }

  private static int[] insertInt(int[] array, int at, int value) {
    int[] grown = new int[array.length + 1];
    System.arraycopy(array, 0, grown, 0, at);
    grown[at] = value;
    System.arraycopy(array, at, grown, at + 1, array.length - at);
    return grown;
  }
}
