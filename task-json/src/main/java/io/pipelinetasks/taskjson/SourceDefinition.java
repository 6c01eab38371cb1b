package io.pipelinetasks.taskjson;

import java.util.Map;
import java.util.Optional;

/**
 * An entry of {@code sourceDefinitions}, the legacy way the web UI filled pick lists.
 *
 * @param target the input the results fill
 * @param endpoint the REST path to call
 * @param selector a selector applied to the response
 * @param keySelector the selector for option keys
 * @param authKey the endpoint whose credentials are used
 * @param extra members kept verbatim so writing reproduces the file (see {@link TaskDefinition})
 */
public record SourceDefinition(
    Optional<String> target,
    Optional<String> endpoint,
    Optional<String> selector,
    Optional<String> keySelector,
    Optional<String> authKey,
    Map<String, String> extra) {
  /** Replaces nulls by empty values. */
  public SourceDefinition {
    target = Copies.optional(target);
    endpoint = Copies.optional(endpoint);
    selector = Copies.optional(selector);
    keySelector = Copies.optional(keySelector);
    authKey = Copies.optional(authKey);
    extra = Copies.map(extra);
  }
}
