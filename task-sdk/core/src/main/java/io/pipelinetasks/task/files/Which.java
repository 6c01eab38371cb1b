package io.pipelinetasks.task.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The task library's {@code which}: where a tool would be found if it were run. A rooted path is
 * checked as it is; a name with a separator but no root is never found (the current directory is
 * not searched); a bare name is looked up in each {@code PATH} folder in order. On Linux and macOS
 * a file must be executable. On Windows a file must have one of the {@code PATHEXT} extensions,
 * each of which is also tried appended, and the file name's real case is returned.
 */
final class Which {
  private final Platform platform;
  private final Map<String, String> environment;

  Which(Platform platform, Map<String, String> environment) {
    this.platform = platform;
    this.environment = environment;
  }

  Optional<Path> find(String tool) {
    if (tool.isEmpty()) {
      throw new IllegalArgumentException("tool must not be empty");
    }
    List<String> extensions = new ArrayList<>();
    if (platform.windows()) {
      for (String extension : split(variable("PATHEXT"))) {
        extensions.add(extension);
      }
    }
    if (PathText.isRooted(tool, platform)) {
      return executable(tool, extensions);
    }
    if (tool.indexOf('/') >= 0 || (platform.windows() && tool.indexOf('\\') >= 0)) {
      return Optional.empty();
    }
    for (String directory : split(variable("PATH"))) {
      Optional<Path> found = executable(directory + platform.separator() + tool, extensions);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The message for a tool that is not found, saying where it was looked for. */
  String notFoundMessage(String tool) {
    String message =
        "Unable to locate the executable '"
            + tool
            + "'. Check that the file path exists, or that the tool is installed in a folder"
            + " listed in the PATH environment variable";
    return platform.windows()
        ? message + ", and that its extension is one of PATHEXT (" + variable("PATHEXT") + ")."
        : message + ", and that the file is executable (chmod +x).";
  }

  private Optional<Path> executable(String file, List<String> extensions) {
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException notAPath) {
      return Optional.empty();
    }
    if (Files.isRegularFile(path)) {
      if (platform.windows()) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
          String extension = name.substring(dot).toUpperCase(Locale.ROOT);
          if (extensions.stream().anyMatch(e -> e.toUpperCase(Locale.ROOT).equals(extension))) {
            return Optional.of(path);
          }
        }
      } else if (Files.isExecutable(path)) {
        return Optional.of(path);
      }
    }
    for (String extension : extensions) {
      Path withExtension;
      try {
        withExtension = Path.of(file + extension);
      } catch (InvalidPathException notAPath) {
        continue;
      }
      if (Files.isRegularFile(withExtension)) {
        if (platform.windows()) {
          return Optional.of(actualCase(withExtension));
        }
        if (Files.isExecutable(withExtension)) {
          return Optional.of(withExtension);
        }
      }
    }
    return Optional.empty();
  }

  /** The path with its file name spelled as on disk, since an extension from PATHEXT was added. */
  private static Path actualCase(Path path) {
    Path directory = path.getParent();
    if (directory == null) {
      return path;
    }
    String wanted = path.getFileName().toString();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.equalsIgnoreCase(wanted)) {
          return directory.resolve(name);
        }
      }
    } catch (IOException unreadable) {
      return path;
    }
    return path;
  }

  private String variable(String name) {
    String value = environment.get(name);
    if (value == null && platform.windows()) {
      for (Map.Entry<String, String> entry : environment.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue();
        }
      }
    }
    return value == null ? "" : value;
  }

  private List<String> split(String list) {
    List<String> parts = new ArrayList<>();
    for (String part : list.split(Pattern.quote(String.valueOf(platform.pathListSeparator())))) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }
}
