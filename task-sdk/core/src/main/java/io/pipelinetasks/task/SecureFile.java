package io.pipelinetasks.task;

import java.util.Objects;
import java.util.Optional;

/**
 * A secure file from the pipeline library, as the agent passes it: its name and the ticket with
 * which it can be downloaded.
 *
 * @param id the secure file id
 * @param name the file name, when passed
 * @param ticket the download ticket, a secret, when passed
 */
public record SecureFile(String id, Optional<String> name, Optional<Secret> ticket) {
  /** Checks the components. */
  public SecureFile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ticket, "ticket");
  }
}
