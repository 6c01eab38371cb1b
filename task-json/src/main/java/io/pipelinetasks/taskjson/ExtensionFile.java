package io.pipelinetasks.taskjson;

import java.util.Map;
import java.util.Optional;

/**
 * An entry of an extension's {@code files}: a file or folder to package.
 *
 * @param path the path relative to the manifest
 * @param addressable whether the file can be fetched by URL from the Marketplace
 * @param packagePath where the file goes inside the package, when not at {@code path}
 * @param contentType the content type to record for it
 * @param extra members kept verbatim so writing reproduces the file
 */
public record ExtensionFile(
    String path,
    Optional<Boolean> addressable,
    Optional<String> packagePath,
    Optional<String> contentType,
    Map<String, String> extra) {
  /** Replaces nulls by empty values. */
  public ExtensionFile {
    path = Copies.text(path);
    addressable = Copies.optional(addressable);
    packagePath = Copies.optional(packagePath);
    contentType = Copies.optional(contentType);
    extra = Copies.map(extra);
  }
}
