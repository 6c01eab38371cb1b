package io.pipelinetasks.taskjson;

import java.util.Map;
import java.util.Optional;

/**
 * An entry of an extension's {@code targets}: where it can be installed.
 *
 * @param id the target id, {@code Microsoft.VisualStudio.Services} for Azure DevOps
 * @param version a version range of the target
 * @param extra members kept verbatim so writing reproduces the file
 */
public record ExtensionTarget(String id, Optional<String> version, Map<String, String> extra) {
  /** Replaces nulls by empty values. */
  public ExtensionTarget {
    id = Copies.text(id);
    version = Copies.optional(version);
    extra = Copies.map(extra);
  }
}
