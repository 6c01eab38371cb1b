package io.pipelinetasks.taskjson;

import java.util.Objects;

/**
 * The value of a {@code connectedService:<kind>} input: the id of a service connection. The task
 * context resolves it to the endpoint's URL, authorization and data.
 *
 * @param id the endpoint id as the agent passes it, usually a lower-case GUID
 */
public record EndpointRef(String id) {
  /** Checks the id. */
  public EndpointRef {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("endpoint id is blank");
    }
  }
}
