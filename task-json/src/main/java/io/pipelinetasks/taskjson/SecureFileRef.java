package io.pipelinetasks.taskjson;

import java.util.Objects;

/**
 * The value of a {@code secureFile} input: the id of a secure file in the library. The task context
 * resolves it to the file's name and download ticket.
 *
 * @param id the secure file id as the agent passes it
 */
public record SecureFileRef(String id) {
  /** Checks the id. */
  public SecureFileRef {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("secure file id is blank");
    }
  }
}
