package io.pipelinetasks.cli;

import io.pipelinetasks.packaging.ExtensionSettings;
import io.pipelinetasks.packaging.Vsix;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ptask package}: writes vss-extension.json and the .vsix for built task folders. */
@Command(
    name = "package",
    mixinStandardHelpOptions = true,
    description = {
      "Stage built task folders as an extension (OUTPUT/extension/<Name>/<Name>V<major>/ and"
          + " vss-extension.json) and pack it into OUTPUT/<publisher>.<id>-<version>.vsix.",
      "With --root, pack an already staged folder that holds a vss-extension.json, as"
          + " `tfx extension create --root` does.",
      "Exit code 0 on success, 1 when packaging fails, 2 on a usage error."
    })
final class PackageCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "TASK",
      description = "Built task folders, task modules, or names such as AzureCLI@2.")
  List<String> tasks = new ArrayList<>();

  @Option(names = "--publisher", paramLabel = "ID", description = "The Marketplace publisher id.")
  String publisher;

  @Option(names = "--id", paramLabel = "ID", description = "The extension id.")
  String id;

  @Option(names = "--version", paramLabel = "X.Y.Z", description = "The extension version.")
  String version;

  @Option(
      names = "--name",
      paramLabel = "TEXT",
      description = "The display name (default: the id).")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "The description.")
  String description;

  @Option(
      names = "--icon",
      paramLabel = "PNG",
      description = "The extension icon, 128x128 or larger.")
  Path icon;

  @Option(names = "--overview", paramLabel = "MD", description = "The Marketplace overview page.")
  Path overview;

  @Option(names = "--public", description = "List the extension publicly.")
  boolean isPublic;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Where the staged extension and the VSIX go (default: the current folder).")
  Path output = Path.of("");

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Pack DIR/vss-extension.json as it is.")
  Path root;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path manifest;
    if (root != null) {
      if (!tasks.isEmpty()) {
        throw new UsageException("Give either TASK folders or --root, not both.");
      }
      manifest = root.resolve("vss-extension.json");
      if (!Files.isRegularFile(manifest)) {
        throw new UsageException(
            manifest + ": no such file; --root names a staged extension folder");
      }
    } else {
      if (tasks.isEmpty()) {
        throw new UsageException(
            "Name at least one TASK (a built task folder, a module or a name), or use --root.");
      }
      List<String> missing = new ArrayList<>();
      if (publisher == null) {
        missing.add("--publisher");
      }
      if (id == null) {
        missing.add("--id");
      }
      if (version == null) {
        missing.add("--version");
      }
      if (!missing.isEmpty()) {
        throw new UsageException(
            "Missing " + String.join(", ", missing) + " (the extension's identity).");
      }
      for (Path file : new Path[] {icon, overview}) {
        if (file != null && !Files.isRegularFile(file)) {
          throw new UsageException(file + ": no such file");
        }
      }
      Path base = Path.of("").toAbsolutePath();
      List<Path> folders = new ArrayList<>();
      for (String task : tasks) {
        folders.add(TaskLocator.locate(task, base).folder());
      }
      ExtensionSettings settings =
          new ExtensionSettings(
              publisher,
              id,
              version,
              name == null ? id : name,
              Optional.ofNullable(description),
              Optional.ofNullable(icon),
              Optional.ofNullable(overview),
              isPublic);
      manifest = Vsix.stage(settings, folders, output.resolve("extension"));
      out.println("Staged " + manifest.getParent() + " (" + folders.size() + " task folders)");
    }
    Path vsix = Vsix.pack(manifest, output);
    out.println("VSIX " + vsix);
    out.flush();
    return 0;
  }
}
