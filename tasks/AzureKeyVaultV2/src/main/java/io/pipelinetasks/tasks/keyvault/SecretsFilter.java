package io.pipelinetasks.tasks.keyvault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code SecretsFilter} input: every secret ({@code *}), or a list of names and {@code
 * name/version} pairs, each with the variable names it sets.
 *
 * <p>A versioned entry sets {@code name/version} and also {@code name}, as the official task does.
 * When two entries would both set {@code name} (say {@code db, db/v1}, or {@code db/v1, db/v2}) the
 * official task lets whichever download finishes last win; here the unversioned entry owns the
 * plain name, else the last versioned entry in the filter, so the result does not depend on timing.
 *
 * @param all whether every secret of the vault is read
 * @param entries the entries in filter order, without duplicates; empty when {@code all}
 */
record SecretsFilter(boolean all, List<SecretRef> entries) {

  SecretsFilter {
    entries = List.copyOf(entries);
  }

  /** Thrown for a filter that mixes {@code *} with names; the message is the task's. */
  static final class MixedFilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MixedFilterException() {
      super("SecretsFilter mixes * with names");
    }
  }

  /**
   * Parses the input as the official task reads it: comma-separated, empty items dropped, each item
   * trimmed. An empty filter or a lone {@code *} means every secret.
   *
   * @param input the input value
   * @throws MixedFilterException when {@code *} appears next to names; the official task would look
   *     up a secret named {@code *} and fail on it
   */
  static SecretsFilter parse(String input) {
    List<String> items = new ArrayList<>();
    for (String item : input.split(",", -1)) {
      String trimmed = item.trim();
      if (!trimmed.isEmpty()) {
        items.add(trimmed);
      }
    }
    if (items.isEmpty() || (items.size() == 1 && items.get(0).equals("*"))) {
      return new SecretsFilter(true, List.of());
    }
    if (items.contains("*")) {
      throw new MixedFilterException();
    }
    Map<String, SecretRef> unique = new LinkedHashMap<>();
    for (String item : items) {
      int slash = item.indexOf('/');
      SecretRef ref =
          slash < 0
              ? SecretRef.current(item)
              : new SecretRef(
                  item.substring(0, slash).trim(), Optional.of(item.substring(slash + 1).trim()));
      unique.putIfAbsent(ref.key() + "/" + ref.version().orElse(""), ref);
    }
    return new SecretsFilter(false, new ArrayList<>(unique.values()));
  }

  /** The variables each entry sets, in filter order. */
  Map<SecretRef, List<String>> variableNames() {
    // Which entry owns the plain name: an unversioned entry, else the last versioned one.
    Map<String, SecretRef> owner = new HashMap<>();
    for (SecretRef ref : entries) {
      SecretRef current = owner.get(ref.key());
      if (current == null || ref.version().isEmpty() || current.version().isPresent()) {
        owner.put(ref.key(), ref);
      }
    }
    Map<SecretRef, List<String>> names = new LinkedHashMap<>();
    for (SecretRef ref : entries) {
      List<String> vars = new ArrayList<>();
      if (ref.version().isPresent()) {
        vars.add(ref.display());
      }
      if (owner.get(ref.key()) == ref) {
        vars.add(ref.name());
      }
      names.put(ref, List.copyOf(vars));
    }
    return names;
  }
}
