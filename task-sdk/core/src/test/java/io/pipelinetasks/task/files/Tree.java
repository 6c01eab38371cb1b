package io.pipelinetasks.task.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds file layouts for tests: a name ending in '/' is a folder, anything else an empty file. */
final class Tree {
  private final Path root;

  private Tree(Path root) {
    this.root = root;
  }

  static Tree at(Path root) {
    return new Tree(root);
  }

  Tree add(String... entries) {
    for (String entry : entries) {
      Path path = root.resolve(entry);
      try {
        if (entry.endsWith("/")) {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          Files.writeString(path, entry);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  Tree link(String link, String target) {
    try {
      Path at = root.resolve(link);
      Files.createDirectories(at.getParent());
      Files.createSymbolicLink(at, root.resolve(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The given relative paths resolved against the root, in order. */
  List<Path> paths(String... relative) {
    List<Path> paths = new ArrayList<>();
    for (String each : relative) {
      paths.add(each.isEmpty() ? root : root.resolve(each));
    }
    return paths;
  }

  /** The given relative paths resolved against the root, sorted as findMatch sorts. */
  List<Path> sorted(String... relative) {
    List<Path> paths = paths(relative);
    paths.sort((a, b) -> a.toString().compareTo(b.toString()));
    return paths;
  }
}
