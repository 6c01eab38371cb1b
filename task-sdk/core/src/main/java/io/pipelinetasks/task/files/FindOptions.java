package io.pipelinetasks.task.files;

/**
 * How {@link TaskFiles#find} treats symbolic links and vanished files, as the Node library's {@code
 * FindOptions}.
 *
 * @param followSymbolicLinks descend into symbolic links to directories, like {@code find -L}; a
 *     link back to a directory being walked is reported once and not followed again
 * @param followSpecifiedSymbolicLink descend into the starting path when it is a link to a
 *     directory, like {@code find -H}
 * @param allowBrokenSymbolicLinks report a link whose target is missing instead of failing
 * @param skipMissingFiles skip an entry that disappears during the walk instead of failing
 */
public record FindOptions(
    boolean followSymbolicLinks,
    boolean followSpecifiedSymbolicLink,
    boolean allowBrokenSymbolicLinks,
    boolean skipMissingFiles) {

  /** The library's defaults: follow all links, fail on broken links and on vanished files. */
  public static FindOptions defaults() {
    return new FindOptions(true, true, false, false);
  }

  /** A copy with {@link #followSymbolicLinks()} set. */
  public FindOptions withFollowSymbolicLinks(boolean value) {
    return new FindOptions(
        value, followSpecifiedSymbolicLink, allowBrokenSymbolicLinks, skipMissingFiles);
  }

  /** A copy with {@link #followSpecifiedSymbolicLink()} set. */
  public FindOptions withFollowSpecifiedSymbolicLink(boolean value) {
    return new FindOptions(followSymbolicLinks, value, allowBrokenSymbolicLinks, skipMissingFiles);
  }

  /** A copy with {@link #allowBrokenSymbolicLinks()} set. */
  public FindOptions withAllowBrokenSymbolicLinks(boolean value) {
    return new FindOptions(
        followSymbolicLinks, followSpecifiedSymbolicLink, value, skipMissingFiles);
  }

  /** A copy with {@link #skipMissingFiles()} set. */
  public FindOptions withSkipMissingFiles(boolean value) {
    return new FindOptions(
        followSymbolicLinks, followSpecifiedSymbolicLink, allowBrokenSymbolicLinks, value);
  }
}
