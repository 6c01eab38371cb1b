package io.pipelinetasks.task.files;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finding, matching and handling files the way the Node task library ({@code
 * azure-pipelines-task-lib}) does, so that patterns users wrote for the official tasks select the
 * same files.
 *
 * <p>Patterns follow minimatch 3: {@code *}, {@code ?}, {@code [a-z]}, {@code **} for any depth,
 * extglobs such as {@code +(a|b)} and, when {@code nobrace} is off, braces such as {@code
 * *.{jar,war}}. A list of patterns is read as the library reads it: {@code #} starts a comment, a
 * leading {@code !} excludes what earlier patterns included, and patterns apply in order.
 *
 * <p>{@link #findMatch} is the usual entry point for a task: <code>findMatch(root,
 * List.of("**&#47;*.zip", "!**&#47;node_modules/**"))</code>. It returns the same paths as the
 * library's, but does not walk folders that cannot hold a match.
 *
 * <p>Failures are {@link FileException}s that name the path or pattern and say what to do.
 *
 * <p>Where this differs from the library on purpose: {@code findMatch} does not enter folders that
 * cannot hold a match, so a broken link or unreadable folder there no longer fails the search; a
 * fixed pattern through a file ({@code file.txt/x}) finds nothing instead of failing; {@code rmRF}
 * of a link to a folder removes only the link (the library also empties the target); {@code cp}
 * without force skips existing files instead of failing on a missing destination; paths given to
 * {@code cp}, {@code mv} and {@code rmRF} are never read as patterns (use {@link #findMatch}).
 * Minimatch's few known bugs (see the package tests) are not copied.
 */
public final class TaskFiles {
  private TaskFiles() {}

  // ------------------------------------------------------------------ finding and matching

  /**
   * The path and everything below it, parents before their contents and each folder's entries in
   * name order, following symbolic links with cycle detection.
   *
   * @param path the file or folder to start from; a missing path gives an empty list
   * @throws FileException {@code FindFailed} when an entry cannot be read
   */
  public static List<Path> find(Path path) {
    return find(path, FindOptions.defaults());
  }

  /**
   * The path and everything below it, as {@link #find(Path)}, with options for links.
   *
   * @param path the file or folder to start from; a missing path gives an empty list
   * @param options how to treat symbolic links and files that vanish during the walk
   * @throws FileException {@code FindFailed} when an entry cannot be read
   */
  public static List<Path> find(Path path, FindOptions options) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    List<Path> found = new ArrayList<>();
    for (String each : FileWalker.walk(path.toString(), options, directory -> true, "")) {
      found.add(Path.of(each));
    }
    return found;
  }

  /**
   * Applies patterns to a list of paths with the library's default options.
   *
   * @param list paths as text
   * @param patterns includes and excludes, applied in order
   * @return the selected paths, in the list's order
   */
  public static List<String> match(List<String> list, List<String> patterns) {
    return match(list, patterns, MatchOptions.defaults());
  }

  /**
   * Applies patterns to a list of paths. Each include adds the paths it matches and each exclude
   * ({@code !}) removes them, in order; a path's fate is decided by the last pattern that matches
   * it.
   *
   * @param list paths as text
   * @param patterns includes and excludes, applied in order
   * @param options how to read the patterns
   * @return the selected paths, in the list's order
   */
  public static List<String> match(List<String> list, List<String> patterns, MatchOptions options) {
    return match(list, patterns, "", options);
  }

  /**
   * Applies patterns to a list of paths, rooting relative patterns at a folder. Unlike {@link
   * #findMatch}, and as in the library, the root is joined as it is: glob characters in it keep
   * their meaning.
   *
   * @param list paths as text
   * @param patterns includes and excludes, applied in order
   * @param patternRoot the folder that relative patterns are joined to, except bare names under
   *     {@code matchBase}
   * @param options how to read the patterns
   * @return the selected paths, in the list's order
   */
  public static List<String> match(
      List<String> list, List<String> patterns, String patternRoot, MatchOptions options) {
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(patterns, "patterns");
    Objects.requireNonNull(patternRoot, "patternRoot");
    Objects.requireNonNull(options, "options");
    return Matching.match(list, patterns, patternRoot, options, Platform.current());
  }

  /**
   * Finds the files and folders that the patterns select, with the library's default options.
   *
   * @param defaultRoot the folder that relative patterns start from; tasks pass {@code
   *     System.DefaultWorkingDirectory} and fall back to the working directory
   * @param patterns includes and excludes, applied in order
   * @return the selected paths, sorted
   * @throws FileException {@code FindFailed} naming the path and pattern when a folder cannot be
   *     read, {@code PatternInvalid} for a pattern that cannot be used
   */
  public static List<Path> findMatch(Path defaultRoot, List<String> patterns) {
    return findMatch(defaultRoot, patterns, FindOptions.defaults(), MatchOptions.defaults());
  }

  /**
   * Finds the files and folders that the patterns select. Each include pattern is searched from its
   * fixed leading folders, so <code>/out/**&#47;*.zip</code> only walks {@code /out}; a pattern
   * without glob characters is only checked for existence. Relative patterns are rooted at {@code
   * defaultRoot}, whose glob characters are escaped first. Each exclude pattern ({@code !}) removes
   * matches found so far.
   *
   * @param defaultRoot the folder that relative patterns start from; tasks pass {@code
   *     System.DefaultWorkingDirectory} and fall back to the working directory
   * @param patterns includes and excludes, applied in order
   * @param findOptions how to treat symbolic links
   * @param matchOptions how to read the patterns
   * @return the selected paths, sorted
   * @throws FileException {@code FindFailed} naming the path and pattern when a folder cannot be
   *     read, {@code PatternInvalid} for a pattern that cannot be used
   */
  public static List<Path> findMatch(
      Path defaultRoot, List<String> patterns, FindOptions findOptions, MatchOptions matchOptions) {
    Objects.requireNonNull(defaultRoot, "defaultRoot");
    Objects.requireNonNull(patterns, "patterns");
    Objects.requireNonNull(findOptions, "findOptions");
    Objects.requireNonNull(matchOptions, "matchOptions");
    String root = defaultRoot.toString().isEmpty() ? "." : defaultRoot.toString();
    List<Path> found = new ArrayList<>();
    for (String each :
        new FindMatch(Platform.current(), true).run(root, patterns, findOptions, matchOptions)) {
      found.add(Path.of(each));
    }
    return found;
  }

  // ------------------------------------------------------------------ tools

  /**
   * Where a tool would be found on {@code PATH} of this process.
   *
   * @param tool a bare name such as {@code az}, or a rooted path
   * @return the executable, or empty
   */
  public static Optional<Path> which(String tool) {
    return which(tool, System.getenv());
  }

  /**
   * Where a tool would be found on the {@code PATH} of the given environment, such as the
   * environment a child process will get. On Windows {@code PATHEXT} extensions are tried and
   * variable names are case-insensitive; elsewhere the file must be executable. A relative path
   * with a separator, such as {@code ./tool}, is never found, as in the library.
   *
   * @param tool a bare name such as {@code az}, or a rooted path
   * @param environment the variables that hold {@code PATH} and, on Windows, {@code PATHEXT}
   * @return the executable, or empty
   */
  public static Optional<Path> which(String tool, Map<String, String> environment) {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(environment, "environment");
    return new Which(Platform.current(), environment).find(tool);
  }

  /**
   * Where a tool is, as {@link #which(String)}, failing when it is missing.
   *
   * @param tool a bare name such as {@code az}, or a rooted path
   * @throws FileException {@code ToolNotFound}, naming the tool and saying it is not on PATH
   */
  public static Path whichRequired(String tool) {
    return whichRequired(tool, System.getenv());
  }

  /**
   * Where a tool is, as {@link #which(String, Map)}, failing when it is missing.
   *
   * @param tool a bare name such as {@code az}, or a rooted path
   * @param environment the variables that hold {@code PATH} and, on Windows, {@code PATHEXT}
   * @throws FileException {@code ToolNotFound}, naming the tool and saying it is not on PATH
   */
  public static Path whichRequired(String tool, Map<String, String> environment) {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(environment, "environment");
    Which which = new Which(Platform.current(), environment);
    return which
        .find(tool)
        .orElseThrow(() -> new FileException("ToolNotFound", tool, which.notFoundMessage(tool)));
  }

  // ------------------------------------------------------------------ file operations

  /**
   * Whether a path exists, following symbolic links: a broken link does not exist.
   *
   * @throws FileException {@code StatFailed} when existence cannot be determined, such as for a
   *     folder the agent may not read
   */
  public static boolean exist(Path path) {
    return FileOperations.exist(Objects.requireNonNull(path, "path"));
  }

  /**
   * The attributes of a path, following symbolic links.
   *
   * @throws FileException {@code PathNotFound} when the path does not exist
   */
  public static BasicFileAttributes stats(Path path) {
    return FileOperations.stats(Objects.requireNonNull(path, "path"));
  }

  /**
   * Fails unless a path exists.
   *
   * @param path the path to check
   * @param name what the path is, for the message, such as {@code package}
   * @throws FileException {@code PathNotFound}: {@code Not found <name>: <path>} and a hint
   */
  public static void checkPath(Path path, String name) {
    FileOperations.checkPath(
        Objects.requireNonNull(path, "path"), Objects.requireNonNull(name, "name"));
  }

  /**
   * Creates a directory and any missing parents; nothing happens when it exists.
   *
   * @throws FileException {@code MkdirFailed} naming the file that is in the way, or the reason
   */
  public static void mkdirP(Path path) {
    FileOperations.mkdirP(Objects.requireNonNull(path, "path"));
  }

  /**
   * Copies a file, a symbolic link (as a link) or, with {@code recursive}, a directory. When the
   * destination is an existing directory, the source is copied into it. Copied files keep their
   * permissions and times.
   *
   * @param source what to copy
   * @param destination where to copy it, or a directory to copy it into
   * @param recursive whether a directory may be copied, with its contents
   * @param force whether existing files are overwritten; when false they are left as they are
   * @throws FileException {@code PathNotFound} for a missing source, {@code CopyFailed} otherwise
   */
  public static void cp(Path source, Path destination, boolean recursive, boolean force) {
    FileOperations.copy(
        Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(destination, "destination"),
        recursive,
        force);
  }

  /**
   * Moves or renames a file or directory to exactly the destination path (not into it).
   *
   * @param force whether an existing destination is replaced; when false it is an error
   * @throws FileException {@code PathNotFound} for a missing source, {@code MoveFailed} otherwise
   */
  public static void mv(Path source, Path destination, boolean force) {
    FileOperations.move(
        Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(destination, "destination"),
        force);
  }

  /**
   * Removes a file, a symbolic link or a directory with everything in it, like {@code rm -rf}. A
   * missing path is not an error. Links are removed, never followed, and read-only files are
   * removed too.
   *
   * @throws FileException {@code RemoveFailed} when something exists but cannot be removed
   */
  public static void rmRF(Path path) {
    FileOperations.remove(Objects.requireNonNull(path, "path"));
  }
}
