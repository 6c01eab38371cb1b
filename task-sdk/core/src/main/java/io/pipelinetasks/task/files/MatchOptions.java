package io.pipelinetasks.task.files;

/**
 * How patterns are read, with the names and meanings of the Node library's {@code MatchOptions}
 * (which are minimatch's). {@link #defaults()} are the library's defaults; {@link #minimatch()} has
 * every option off, as when a task passes {@code {}}.
 *
 * @param nobrace do not expand braces: {@code {a,b}} is literal. On by default in the task library
 * @param noglobstar read {@code **} as {@code *}
 * @param dot let wildcards match names that start with a period (never {@code .} or {@code ..}). On
 *     by default in the task library
 * @param noext do not read extglobs such as {@code +(a|b)}
 * @param nocase ignore case. On by default on Windows
 * @param matchBase match a pattern without slashes against each path's last name, and do not root
 *     it, so {@code *.zip} finds zip files at any depth
 * @param nocomment do not skip patterns that start with {@code #}
 * @param nonegate do not read a leading {@code !} as an exclude
 * @param flipNegate read patterns with an odd number of leading {@code !} as includes and the
 *     others as excludes
 */
public record MatchOptions(
    boolean nobrace,
    boolean noglobstar,
    boolean dot,
    boolean noext,
    boolean nocase,
    boolean matchBase,
    boolean nocomment,
    boolean nonegate,
    boolean flipNegate) {

  /**
   * The task library's defaults: {@code nobrace} and {@code dot} on, {@code nocase} on Windows
   * only, everything else off.
   */
  public static MatchOptions defaults() {
    return defaults(Platform.current());
  }

  static MatchOptions defaults(Platform platform) {
    return new MatchOptions(
        true, false, true, false, platform.windows(), false, false, false, false);
  }

  /** Every option off: braces expand, dot files need an explicit dot, case matters. */
  public static MatchOptions minimatch() {
    return new MatchOptions(false, false, false, false, false, false, false, false, false);
  }

  /** A copy with {@link #nobrace()} set. */
  public MatchOptions withNobrace(boolean value) {
    return new MatchOptions(
        value, noglobstar, dot, noext, nocase, matchBase, nocomment, nonegate, flipNegate);
  }

  /** A copy with {@link #noglobstar()} set. */
  public MatchOptions withNoglobstar(boolean value) {
    return new MatchOptions(
        nobrace, value, dot, noext, nocase, matchBase, nocomment, nonegate, flipNegate);
  }

  /** A copy with {@link #dot()} set. */
  public MatchOptions withDot(boolean value) {
    return new MatchOptions(
        nobrace, noglobstar, value, noext, nocase, matchBase, nocomment, nonegate, flipNegate);
  }

  /** A copy with {@link #noext()} set. */
  public MatchOptions withNoext(boolean value) {
    return new MatchOptions(
        nobrace, noglobstar, dot, value, nocase, matchBase, nocomment, nonegate, flipNegate);
  }

  /** A copy with {@link #nocase()} set. */
  public MatchOptions withNocase(boolean value) {
    return new MatchOptions(
        nobrace, noglobstar, dot, noext, value, matchBase, nocomment, nonegate, flipNegate);
  }

  /** A copy with {@link #matchBase()} set. */
  public MatchOptions withMatchBase(boolean value) {
    return new MatchOptions(
        nobrace, noglobstar, dot, noext, nocase, value, nocomment, nonegate, flipNegate);
  }

  /** A copy with {@link #nocomment()} set. */
  public MatchOptions withNocomment(boolean value) {
    return new MatchOptions(
        nobrace, noglobstar, dot, noext, nocase, matchBase, value, nonegate, flipNegate);
  }

  /** A copy with {@link #nonegate()} set. */
  public MatchOptions withNonegate(boolean value) {
    return new MatchOptions(
        nobrace, noglobstar, dot, noext, nocase, matchBase, nocomment, value, flipNegate);
  }

  /** A copy with {@link #flipNegate()} set. */
  public MatchOptions withFlipNegate(boolean value) {
    return new MatchOptions(
        nobrace, noglobstar, dot, noext, nocase, matchBase, nocomment, nonegate, value);
  }
}
