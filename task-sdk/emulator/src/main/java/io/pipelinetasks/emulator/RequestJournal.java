package io.pipelinetasks.emulator;

import java.util.List;

/**
 * The requests the emulator received, in arrival order, already redacted (see {@link
 * JournalEntry}). Thread-safe.
 */
public interface RequestJournal {
  /** A snapshot of every entry so far. */
  List<JournalEntry> entries();

  /** The entries whose method matches and whose path contains a match of {@code pathRegex}. */
  List<JournalEntry> find(String method, String pathRegex);

  /** Forgets every entry; the sequence keeps counting. */
  void clear();
}
