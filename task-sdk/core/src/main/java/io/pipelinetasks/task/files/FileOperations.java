package io.pipelinetasks.task.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The task library's file operations, on {@link java.nio.file}. */
final class FileOperations {
  private FileOperations() {}

  static boolean exist(Path path) {
    return attributes(path, true).isPresent();
  }

  static BasicFileAttributes stats(Path path) {
    return attributes(path, true)
        .orElseThrow(
            () ->
                new FileException(
                    "PathNotFound",
                    path.toString(),
                    "Not found: "
                        + path
                        + ". Check the path, and that an earlier step created it."));
  }

  static void checkPath(Path path, String name) {
    if (!exist(path)) {
      throw new FileException(
          "PathNotFound",
          path.toString(),
          "Not found "
              + name
              + ": "
              + path
              + ". Check that the path is right and that the file or folder was created, checked"
              + " out or downloaded by an earlier step.");
    }
  }

  static void mkdirP(Path path) {
    Path target = path.toAbsolutePath().normalize();
    List<Path> missing = new ArrayList<>();
    Path existing = target;
    while (true) {
      Optional<BasicFileAttributes> attributes = attributes(existing, true);
      if (attributes.isPresent()) {
        if (!attributes.get().isDirectory()) {
          throw new FileException(
              "MkdirFailed",
              path.toString(),
              "Unable to create the directory "
                  + path
                  + ": "
                  + existing
                  + " exists and is not a directory. Remove that file or choose another path.");
        }
        break;
      }
      missing.add(existing);
      existing = existing.getParent();
      if (existing == null) {
        throw new FileException(
            "MkdirFailed",
            path.toString(),
            "Unable to create the directory "
                + path
                + ": its root does not exist. Check the drive or share name.");
      }
    }
    for (int i = missing.size() - 1; i >= 0; i--) {
      Path directory = missing.get(i);
      try {
        Files.createDirectory(directory);
      } catch (FileAlreadyExistsException raced) {
        if (!Files.isDirectory(directory)) {
          throw new FileException(
              "MkdirFailed",
              path.toString(),
              "Unable to create the directory " + path + ": " + directory + " is a file.",
              raced);
        }
      } catch (IOException failure) {
        throw new FileException(
            "MkdirFailed",
            path.toString(),
            "Unable to create the directory "
                + path
                + ": "
                + describe(failure)
                + ". Check that the agent's user may write to "
                + directory.getParent()
                + ".",
            failure);
      }
    }
  }

  static void copy(Path source, Path destination, boolean recursive, boolean force) {
    BasicFileAttributes sourceAttributes =
        attributes(source, false)
            .orElseThrow(
                () ->
                    new FileException(
                        "PathNotFound",
                        source.toString(),
                        "Not found cp source: " + source + ". Check the path to copy."));
    if (sourceAttributes.isDirectory() && !recursive) {
      throw new FileException(
          "CopyFailed",
          source.toString(),
          "Cannot copy the directory "
              + source
              + " without the recursive option. Pass"
              + " recursive=true to copy it with its contents.");
    }
    Path target = destination;
    Optional<BasicFileAttributes> destinationAttributes = attributes(destination, false);
    if (destinationAttributes.isPresent() && destinationAttributes.get().isDirectory()) {
      target = destination.resolve(source.getFileName());
    }
    if (sourceAttributes.isDirectory()) {
      Path from = source.toAbsolutePath().normalize();
      Path to = target.toAbsolutePath().normalize();
      if (to.startsWith(from)) {
        throw new FileException(
            "CopyFailed",
            source.toString(),
            "Cannot copy the directory "
                + source
                + " into itself ("
                + target
                + "). Choose a"
                + " destination outside it.");
      }
    }
    try {
      copyTree(source, target, force);
    } catch (IOException failure) {
      throw new FileException(
          "CopyFailed",
          source.toString(),
          "Could not copy "
              + source
              + " to "
              + target
              + ": "
              + describe(failure)
              + ". Check the paths and permissions.",
          failure);
    }
  }

  /** Copies a file, a link (as a link) or a directory with its contents. */
  private static void copyTree(Path source, Path target, boolean force) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    boolean targetExists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isSymbolicLink()) {
      if (targetExists) {
        if (!force) {
          return;
        }
        removeTree(target);
      }
      Files.createSymbolicLink(target, Files.readSymbolicLink(source));
    } else if (attributes.isDirectory()) {
      if (!Files.isDirectory(target)) {
        Files.createDirectories(target);
      }
      for (Path child : sortedChildren(source)) {
        copyTree(child, target.resolve(child.getFileName().toString()), force);
      }
    } else if (!targetExists || force) {
      Files.copy(
          source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  static void move(Path source, Path destination, boolean force) {
    if (attributes(source, false).isEmpty()) {
      throw new FileException(
          "PathNotFound",
          source.toString(),
          "Not found mv source: " + source + ". Check the path to move.");
    }
    if (!force && attributes(destination, false).isPresent()) {
      throw new FileException(
          "MoveFailed",
          destination.toString(),
          "Cannot move "
              + source
              + " to "
              + destination
              + ": the destination exists. Remove it"
              + " first, or pass force=true to replace it.");
    }
    try {
      if (force) {
        Files.move(source, destination, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(source, destination);
      }
    } catch (DirectoryNotEmptyException notEmpty) {
      throw new FileException(
          "MoveFailed",
          destination.toString(),
          "Cannot move "
              + source
              + " to "
              + destination
              + ": the destination is a directory"
              + " that is not empty. Remove it first.",
          notEmpty);
    } catch (IOException failure) {
      throw new FileException(
          "MoveFailed",
          source.toString(),
          "Could not move "
              + source
              + " to "
              + destination
              + ": "
              + describe(failure)
              + ". Check the paths and permissions.",
          failure);
    }
  }

  static void remove(Path path) {
    try {
      removeTree(path);
    } catch (IOException failure) {
      throw new FileException(
          "RemoveFailed",
          path.toString(),
          "Could not remove "
              + path
              + ": "
              + describe(failure)
              + ". Close programs that use files in it, and check that the agent's user may"
              + " delete it.",
          failure);
    }
  }

  /**
   * Deletes a file, a link (never what it points to) or a directory tree. Read-only files and
   * directories are made writable first when that is what stops the deletion.
   */
  private static void removeTree(Path path) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException missing) {
      if (FileWalker.isMissing(missing)) {
        return;
      }
      throw missing;
    }
    if (attributes.isDirectory()) {
      List<Path> children;
      try {
        children = sortedChildren(path);
      } catch (AccessDeniedException unreadable) {
        grantOwner(path, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE);
        children = sortedChildren(path);
      }
      for (Path child : children) {
        removeTree(child);
      }
    }
    try {
      Files.deleteIfExists(path);
    } catch (AccessDeniedException denied) {
      makeDeletable(path);
      Files.deleteIfExists(path);
    }
  }

  private static void makeDeletable(Path path) throws IOException {
    DosFileAttributeView dos =
        Files.getFileAttributeView(path, DosFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (dos != null) {
      dos.setReadOnly(false);
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      grantOwner(
          parent,
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
    }
  }

  private static void grantOwner(Path path, PosixFilePermission... permissions) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (posix == null) {
      return;
    }
    Set<PosixFilePermission> granted = EnumSet.noneOf(PosixFilePermission.class);
    granted.addAll(posix.readAttributes().permissions());
    granted.addAll(List.of(permissions));
    posix.setPermissions(granted);
  }

  private static List<Path> sortedChildren(Path directory) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        children.add(entry);
      }
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return children;
  }

  /** The attributes of a path, or empty when it (or, following links, its target) is missing. */
  static Optional<BasicFileAttributes> attributes(Path path, boolean followLinks) {
    try {
      return Optional.of(
          followLinks
              ? Files.readAttributes(path, BasicFileAttributes.class)
              : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException failure) {
      if (FileWalker.isMissing(failure)) {
        return Optional.empty();
      }
      throw new FileException(
          "StatFailed",
          path.toString(),
          "Could not read the attributes of "
              + path
              + ": "
              + describe(failure)
              + ". Check that the agent's user may read it and its parent folders.",
          failure);
    }
  }

  private static String describe(IOException failure) {
    if (failure instanceof NoSuchFileException missing) {
      return "no such file or directory: " + missing.getFile();
    }
    if (failure instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (failure instanceof FileAlreadyExistsException exists) {
      return "already exists: " + exists.getFile();
    }
    if (failure instanceof DirectoryNotEmptyException notEmpty) {
      return "directory not empty: " + notEmpty.getFile();
    }
    return String.valueOf(failure.getMessage());
  }
}
