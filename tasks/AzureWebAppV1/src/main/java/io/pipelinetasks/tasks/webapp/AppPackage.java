package io.pipelinetasks.tasks.webapp;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.files.FindOptions;
import io.pipelinetasks.task.files.MatchOptions;
import io.pipelinetasks.task.files.TaskFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

/**
 * The package the task deploys: exactly one file or folder selected by the {@code package} input.
 *
 * @param path the file or folder
 * @param kind what it is, from its extension
 */
record AppPackage(Path path, Kind kind) {

  /** What a package is, by extension; a folder is zipped while it uploads. */
  enum Kind {
    FOLDER,
    ZIP,
    JAR,
    WAR
  }

  AppPackage {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Finds the package with the official library's matching rules: a pattern is matched with
   * minimatch from its literal leading folders (so {@code $(System.DefaultWorkingDirectory)/**}
   * walks only that folder), with {@code matchBase} as the official task sets it, and must select
   * exactly one file or folder.
   *
   * @param context the task context, for messages and the default working directory
   * @param pattern the {@code package} input
   * @throws TaskException {@code NoPackageFound}, {@code
   *     Morethanonepackagematchedwithspecifiedpattern Pleaserestrainthesearchpattern} (listing what
   *     matched) or {@code InvalidAppServicePackage}
   */
  static AppPackage find(TaskContext context, String pattern) {
    Path root = context.system().defaultWorkingDirectory().orElse(Path.of("").toAbsolutePath());
    List<Path> matches;
    if (!hasWildcard(pattern)) {
      Path literal = root.resolve(pattern);
      matches = Files.exists(literal) ? List.of(literal.normalize()) : List.of();
    } else {
      MatchOptions options =
          MatchOptions.defaults()
              .withMatchBase(true)
              .withNocase(System.getProperty("os.name", "").startsWith("Windows"));
      matches = TaskFiles.findMatch(root, List.of(pattern), FindOptions.defaults(), options);
    }
    if (matches.isEmpty()) {
      throw new TaskException("NoPackageFound", context.loc("NoPackageFound", pattern));
    }
    if (matches.size() > 1) {
      String listed =
          matches.stream().limit(20).map(Path::toString).collect(Collectors.joining(", "));
      if (matches.size() > 20) {
        listed += " and " + (matches.size() - 20) + " more";
      }
      throw new TaskException(
          "MorethanonepackagematchedwithspecifiedpatternPleaserestrainthesearchpattern",
          context.loc(
                  "MorethanonepackagematchedwithspecifiedpatternPleaserestrainthesearchpattern",
                  pattern)
              + " "
              + context.loc("PackagesMatched", listed));
    }
    Path path = matches.get(0);
    return new AppPackage(path, kindOf(context, path));
  }

  private static boolean hasWildcard(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
  }

  private static Kind kindOf(TaskContext context, Path path) {
    if (Files.isDirectory(path)) {
      return Kind.FOLDER;
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (Files.isRegularFile(path)) {
      if (name.endsWith(".zip")) {
        return Kind.ZIP;
      }
      if (name.endsWith(".jar")) {
        return Kind.JAR;
      }
      if (name.endsWith(".war")) {
        return Kind.WAR;
      }
    }
    throw new TaskException(
        "InvalidAppServicePackage", context.loc("InvalidAppServicePackage", path));
  }

  /** The file name without its extension: a war's default deploy folder, a jar's entry name. */
  String baseName() {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return kind == Kind.FOLDER || dot <= 0 ? name : name.substring(0, dot);
  }

  /**
   * Whether a zip is an MSBuild web deploy package ({@code parameters.xml} and {@code
   * systeminfo.xml} at its root), which zip deploy cannot install. Reads only the central
   * directory.
   */
  boolean isMsBuildPackage() {
    if (kind != Kind.ZIP) {
      return false;
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      boolean parameters = false;
      boolean systemInfo = false;
      var entries = zip.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName().toLowerCase(Locale.ROOT);
        parameters |= name.equals("parameters.xml");
        systemInfo |= name.equals("systeminfo.xml");
      }
      return parameters && systemInfo;
    } catch (IOException notAZip) {
      throw new TaskException(
          "InvalidAppServicePackage",
          "The package " + path + " is not a readable zip file: " + notAZip.getMessage(),
          notAZip);
    }
  }
}
