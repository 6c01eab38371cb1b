package io.pipelinetasks.task.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The task library's {@code find}: the starting path and everything below it, depth first, parents
 * before children. Children are visited in name order so results do not depend on the file system.
 * Following symbolic links, a directory that is already an ancestor on the current branch (by real
 * path) is reported but not entered again, which stops link cycles.
 *
 * <p>A caller may pass a rule that refuses to enter some directories. The directory itself is still
 * reported; only its contents are skipped.
 */
final class FileWalker {
  private FileWalker() {}

  /**
   * An entry to visit.
   *
   * @param path the path as reported
   * @param level its depth, the start being 1
   * @param parentRealPath the real path of the folder it was listed in (its plain path when links
   *     are not followed), or null for the start
   */
  private record Item(Path path, int level, Path parentRealPath) {}

  /**
   * Walks from a starting path given as text, as {@code findMatch} does.
   *
   * @param start the path to start from; a missing path gives an empty list
   * @param options how to treat links and vanished files
   * @param enter whether to enter a directory, given its path as text
   * @param context where the walk comes from, for error messages, such as "for pattern '...'"
   */
  static List<String> walk(
      String start, FindOptions options, Predicate<String> enter, String context) {
    Path root;
    try {
      root = Path.of(start).normalize();
    } catch (InvalidPathException notAPath) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    walk(root, options, enter, context, found);
    return found;
  }

  private static void walk(
      Path root, FindOptions options, Predicate<String> enter, String context, List<String> out) {
    // Node's path.normalize turns "a/.." into "."; its children are then "x", not "./x".
    Path readableRoot = root.toString().isEmpty() ? Path.of(".") : root;
    try {
      Files.readAttributes(readableRoot, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException unreadable) {
      if (isMissing(unreadable)) {
        return;
      }
      throw failure(readableRoot, unreadable, context);
    }

    Deque<Item> stack = new ArrayDeque<>();
    stack.push(new Item(root, 1, null));
    List<Path> branch = new ArrayList<>(); // real paths of the directories being walked
    while (!stack.isEmpty()) {
      Item item = stack.pop();
      Path path = item.path().toString().isEmpty() ? readableRoot : item.path();
      boolean follow =
          options.followSymbolicLinks()
              || (item.parentRealPath() == null && options.followSpecifiedSymbolicLink());
      BasicFileAttributes attributes;
      boolean link;
      try {
        attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        link = attributes.isSymbolicLink();
        if (link && follow) {
          attributes = target(path, attributes, options.allowBrokenSymbolicLinks());
        }
      } catch (NoSuchFileException missing) {
        if (options.skipMissingFiles()) {
          continue;
        }
        throw failure(path, missing, context);
      } catch (IOException unreadable) {
        throw failure(path, unreadable, context);
      }
      String text = path.toString();
      out.add(text);
      if (!attributes.isDirectory()) {
        continue;
      }
      Path real = null;
      if (options.followSymbolicLinks()) {
        // Below a real folder, an entry that is not a link is its own real path.
        real =
            link || item.parentRealPath() == null
                ? realPath(path, context)
                : item.parentRealPath().resolve(path.getFileName().toString());
        while (branch.size() >= item.level()) {
          branch.remove(branch.size() - 1);
        }
        if (branch.contains(real)) {
          continue; // a link back to a directory on this branch: a cycle
        }
        branch.add(real);
      }
      if (!enter.test(text)) {
        continue;
      }
      Path listedIn = real != null ? real : path;
      List<Path> children = children(path, context);
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(
            new Item(
                item.path().resolve(children.get(i).getFileName()), item.level() + 1, listedIn));
      }
    }
  }

  private static Path realPath(Path path, String context) {
    try {
      return path.toRealPath();
    } catch (IOException unresolvable) {
      throw failure(path, unresolvable, context);
    }
  }

  /** The attributes of a link's target; for a broken link, the link's own when allowed. */
  private static BasicFileAttributes target(
      Path link, BasicFileAttributes linkAttributes, boolean allowBroken) throws IOException {
    try {
      return Files.readAttributes(link, BasicFileAttributes.class);
    } catch (NoSuchFileException broken) {
      if (allowBroken) {
        return linkAttributes;
      }
      throw broken;
    }
  }

  private static List<Path> children(Path directory, String context) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        children.add(entry);
      }
    } catch (IOException unreadable) {
      throw failure(directory, unreadable, context);
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return children;
  }

  /** Whether a failure means the path does not exist, including "a parent is a file". */
  static boolean isMissing(IOException failure) {
    return failure instanceof NoSuchFileException
        || (failure instanceof FileSystemException fileSystem
            && "Not a directory".equals(fileSystem.getReason()));
  }

  private static FileException failure(Path path, IOException cause, String context) {
    String hint;
    if (cause instanceof NoSuchFileException) {
      hint =
          Files.isSymbolicLink(path)
              ? "It is a symbolic link whose target does not exist. Fix or remove the link, or"
                  + " set allowBrokenSymbolicLinks in the find options."
              : "It disappeared during the search. Make sure no other process changes the folder"
                  + " while the task runs, or set skipMissingFiles in the find options.";
    } else if (cause instanceof AccessDeniedException) {
      hint =
          "Permission denied. Give the agent's user read access to it, or use a pattern whose"
              + " fixed leading folders avoid it.";
    } else {
      hint = String.valueOf(cause.getMessage());
    }
    return new FileException(
        "FindFailed", path.toString(), "Could not search " + path + context + ". " + hint, cause);
  }
}
