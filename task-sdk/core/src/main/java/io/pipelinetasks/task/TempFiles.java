package io.pipelinetasks.task;

import io.pipelinetasks.TaskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Temporary files and folders for scripts, certificates and tool configuration: created under the
 * agent's temp directory, readable only by the task's user (0600 files, 0700 folders, set
 * atomically at creation so there is no moment when another user could open them), and removed when
 * the task ends, whether it succeeds, fails or is cancelled.
 */
public final class TempFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final String NAME_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final Path root;
  private final SecureRandom random = new SecureRandom();
  private final List<Path> created = Collections.synchronizedList(new ArrayList<>());

  TempFiles(Path root) {
    this.root = root;
  }

  /** The folder temporary files go in: the agent's temp directory. */
  public Path root() {
    return root;
  }

  /**
   * Creates an owner-only folder named {@code <prefix><6 random characters>}, as {@code mkdtemp}
   * names them.
   *
   * @param prefix the start of the name, such as {@code .azclitask-}
   */
  public Path createDirectory(String prefix) {
    ensureRoot();
    for (int attempt = 0; attempt < 100; attempt++) {
      Path dir = root.resolve(prefix + randomName());
      try {
        Files.createDirectory(dir, directoryAttributes());
        created.add(dir);
        return dir;
      } catch (FileAlreadyExistsException taken) {
        // Another name, then.
      } catch (IOException failed) {
        throw failure(dir, failed);
      }
    }
    throw new TaskException(
        "TempFileFailed", "Could not find a free temporary folder name under " + root + ".");
  }

  /**
   * Creates an empty owner-only file named {@code <prefix><random><suffix>}.
   *
   * @param prefix the start of the name
   * @param suffix the end of the name, such as {@code .sh}
   */
  public Path createFile(String prefix, String suffix) {
    ensureRoot();
    for (int attempt = 0; attempt < 100; attempt++) {
      Path file = root.resolve(prefix + randomName() + suffix);
      try {
        Files.createFile(file, fileAttributes());
        created.add(file);
        return file;
      } catch (FileAlreadyExistsException taken) {
        // Another name, then.
      } catch (IOException failed) {
        throw failure(file, failed);
      }
    }
    throw new TaskException(
        "TempFileFailed", "Could not find a free temporary file name under " + root + ".");
  }

  /**
   * Creates an owner-only file and writes text to it as UTF-8. The permissions are in place before
   * the first byte is written.
   *
   * @param prefix the start of the name
   * @param suffix the end of the name
   * @param content the text, which may be secret
   */
  public Path writeFile(String prefix, String suffix, String content) {
    return writeFile(prefix, suffix, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Creates an owner-only file with the given bytes.
   *
   * @param prefix the start of the name
   * @param suffix the end of the name
   * @param content the bytes, which may be secret
   */
  public Path writeFile(String prefix, String suffix, byte[] content) {
    Path file = createFile(prefix, suffix);
    try {
      Files.write(file, content);
      return file;
    } catch (IOException failed) {
      throw failure(file, failed);
    }
  }

  /**
   * Removes a temporary file or folder now rather than at the end of the task.
   *
   * @param path a path this object created
   */
  public void delete(Path path) {
    deleteTree(path);
    created.remove(path);
  }

  /** Removes everything created, newest first; what is already gone is skipped. */
  void deleteAll() {
    List<Path> paths;
    synchronized (created) {
      paths = new ArrayList<>(created);
      created.clear();
    }
    Collections.reverse(paths);
    paths.forEach(TempFiles::deleteTree);
  }

  /**
   * Deletes a file or a folder with everything in it, without following symbolic links. Missing
   * paths are fine.
   *
   * @param path the file or folder
   */
  static void deleteTree(Path path) {
    try {
      if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failed)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException failed) {
      throw new TaskException(
          "TempFileCleanupFailed",
          "Could not remove the temporary path " + path + ": " + failed.getMessage());
    }
  }

  private void ensureRoot() {
    try {
      Files.createDirectories(root);
    } catch (IOException failed) {
      throw failure(root, failed);
    }
  }

  private String randomName() {
    StringBuilder name = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
    }
    return name.toString();
  }

  private static FileAttribute<?>[] fileAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] directoryAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
        }
        : new FileAttribute<?>[0];
  }

  private static TaskException failure(Path path, IOException failed) {
    return new TaskException(
        "TempFileFailed",
        "Could not create the temporary path "
            + path
            + ": "
            + failed.getMessage()
            + ". Check that the agent's temp directory (Agent.TempDirectory) exists and is"
            + " writable.");
  }
}
