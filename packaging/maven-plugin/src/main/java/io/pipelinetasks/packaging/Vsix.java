package io.pipelinetasks.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.taskjson.ExtensionContribution;
import io.pipelinetasks.taskjson.ExtensionFile;
import io.pipelinetasks.taskjson.ExtensionManifest;
import io.pipelinetasks.taskjson.ExtensionTarget;
import io.pipelinetasks.taskjson.TaskDefinition;
import io.pipelinetasks.taskjson.TaskJson;
import io.pipelinetasks.taskjson.TaskJsonException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Stages task folders into an extension layout with its {@code vss-extension.json}, and packs a
 * staged layout into a {@code .vsix}, the way {@code tfx extension create} does.
 *
 * <p>The VSIX is an Open Packaging Conventions zip: {@code [Content_Types].xml}, {@code
 * extension.vsixmanifest}, {@code extension.vsomanifest}, then every packaged file and its folders,
 * sorted, all with the same fixed time and no Unix modes, so the same input always gives the same
 * bytes. {@code packaging/tfx-parity} compares it with tfx-cli 0.23.1's output in CI.
 */
public final class Vsix {
  /** The time recorded for every entry: reproducible builds need a fixed one. */
  public static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("json", "application/json"),
          Map.entry("resjson", "application/json"),
          Map.entry("vsomanifest", "application/json"),
          Map.entry("js", "application/javascript"),
          Map.entry("jar", "application/java-archive"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("md", "text/markdown"),
          Map.entry("txt", "text/plain"),
          Map.entry("xml", "text/xml"),
          Map.entry("vsixmanifest", "text/xml"));
  private static final String OCTET_STREAM = "application/octet-stream";

  private Vsix() {}

  /**
   * Copies task folders into {@code root} as {@code <name>/<name>V<major>/} and writes {@code
   * root/vss-extension.json} with one contribution per task name.
   *
   * @param settings the extension's identity
   * @param taskFolders built task folders, each with its task.json
   * @param root the staging folder; replaced
   * @return the manifest file
   * @throws PackagingException when a folder has no valid task.json or two folders are the same
   *     task version
   */
  public static Path stage(ExtensionSettings settings, List<Path> taskFolders, Path root) {
    if (taskFolders.isEmpty()) {
      throw new PackagingException(
          "NoTasks", "An extension needs at least one task folder; none was given.");
    }
    try {
      TaskFolderBuilder.deleteRecursively(root);
      Files.createDirectories(root);
      Map<String, List<String>> majors = new TreeMap<>();
      for (Path folder : taskFolders) {
        Path taskJson = folder.resolve("task.json");
        if (!Files.isRegularFile(taskJson)
            || !Files.isRegularFile(folder.resolve(Launcher.JAR_FILE))) {
          throw new PackagingException(
              "NotATaskFolder",
              folder
                  + ": not a built task folder (it needs task.json and task.jar); build it with"
                  + " the task-folder goal or `mvn package`.");
        }
        TaskDefinition task;
        try {
          task = TaskJson.readTask(taskJson);
        } catch (TaskJsonException e) {
          throw new PackagingException("TaskJsonInvalid", e.getMessage(), e);
        }
        String versionFolder = TaskFolder.folderName(task);
        List<String> versions = majors.computeIfAbsent(task.name(), n -> new ArrayList<>());
        if (versions.contains(versionFolder)) {
          throw new PackagingException(
              "DuplicateTask",
              folder + ": " + versionFolder + " is given twice; package each major version once.");
        }
        versions.add(versionFolder);
        TaskFolderBuilder.copyTree(folder, root.resolve(task.name()).resolve(versionFolder));
      }
      List<ExtensionFile> files = new ArrayList<>();
      List<ExtensionContribution> contributions = new ArrayList<>();
      for (String name : majors.keySet()) {
        files.add(
            new ExtensionFile(
                name, Optional.empty(), Optional.empty(), Optional.empty(), Map.of()));
        contributions.add(
            new ExtensionContribution(
                name,
                ExtensionContribution.TASK_TYPE,
                Optional.empty(),
                List.of("ms.vss-distributed-task.tasks"),
                Map.of("name", JsonText.quote(name)),
                Map.of()));
      }
      Map<String, String> icons = new LinkedHashMap<>();
      Map<String, String> extra = new LinkedHashMap<>();
      if (settings.icon().isPresent()) {
        Files.copy(settings.icon().get(), root.resolve("extension-icon.png"));
        icons.put("default", "extension-icon.png");
        files.add(addressable("extension-icon.png"));
      }
      if (settings.overview().isPresent()) {
        Files.copy(settings.overview().get(), root.resolve("overview.md"));
        extra.put("content", "{\"details\": {\"path\": \"overview.md\"}}");
        files.add(addressable("overview.md"));
      }
      ExtensionManifest manifest =
          new ExtensionManifest(
              1,
              settings.id(),
              settings.publisher(),
              settings.version(),
              settings.name(),
              settings.description(),
              List.of("Azure Pipelines"),
              List.of(),
              Optional.of(settings.isPublic()),
              List.of(
                  new ExtensionTarget(
                      "Microsoft.VisualStudio.Services", Optional.empty(), Map.of())),
              icons,
              List.of(),
              files,
              contributions,
              extra);
      Path file = root.resolve("vss-extension.json");
      TaskJson.writeExtension(manifest, file);
      return file;
    } catch (IOException e) {
      throw new PackagingException(
          "WriteFailed", root + ": cannot be written (" + e.getMessage() + ").", e);
    }
  }

  private static ExtensionFile addressable(String path) {
    return new ExtensionFile(path, Optional.of(true), Optional.empty(), Optional.empty(), Map.of());
  }

  /**
   * Packs a staged extension, like {@code tfx extension create --root <root> --manifest-globs
   * <manifest>}.
   *
   * @param manifestFile the {@code vss-extension.json}; paths in it are relative to its folder
   * @param outputDirectory where {@code <publisher>.<id>-<version>.vsix} goes
   * @return the VSIX file
   * @throws PackagingException when the manifest is invalid or names files that do not exist
   */
  public static Path pack(Path manifestFile, Path outputDirectory) {
    Path root = manifestFile.toAbsolutePath().getParent();
    ExtensionManifest manifest;
    JsonNode tree;
    try {
      manifest = TaskJson.readExtension(manifestFile);
      tree = JSON.readTree(Files.readString(manifestFile, StandardCharsets.UTF_8));
    } catch (TaskJsonException e) {
      throw new PackagingException("ManifestInvalid", e.getMessage(), e);
    } catch (IOException e) {
      throw new PackagingException(
          "ManifestInvalid", manifestFile + ": cannot be read (" + e.getMessage() + ").", e);
    }
    checkManifest(manifest, manifestFile, root);
    // Package path -> source file, in the manifest's order (tfx's asset order follows it).
    Map<String, Path> packaged = new LinkedHashMap<>();
    Map<String, Boolean> addressable = new LinkedHashMap<>();
    for (ExtensionFile file : manifest.files()) {
      Path source = root.resolve(file.path()).normalize();
      if (!source.startsWith(root) || !Files.exists(source)) {
        throw new PackagingException(
            "FileMissing",
            manifestFile
                + ": files entry \""
                + file.path()
                + "\" does not exist under "
                + root
                + "; fix the path or remove the entry.");
      }
      String base = file.packagePath().orElse(file.path()).replace('\\', '/');
      base = base.replaceAll("^\\./", "").replaceAll("/+$", "");
      for (Path each : listFiles(source)) {
        String relative = source.relativize(each).toString().replace('\\', '/');
        String path = relative.isEmpty() ? base : base + "/" + relative;
        packaged.put(path, each);
        addressable.put(path, file.addressable().orElse(false));
      }
    }
    String icon = manifest.icons().get("default");
    Optional<String> details = detailsPath(tree);
    for (String special : new String[] {icon, details.orElse(null)}) {
      if (special != null && !packaged.containsKey(special)) {
        Path source = root.resolve(special).normalize();
        if (!Files.isRegularFile(source)) {
          throw new PackagingException(
              "FileMissing", manifestFile + ": \"" + special + "\" does not exist under " + root);
        }
        packaged.put(special, source);
        addressable.put(special, false);
      }
    }
    List<String[]> assets = new ArrayList<>();
    packaged.forEach(
        (path, source) -> {
          if (addressable.get(path)) {
            assets.add(new String[] {path, path});
          }
          if (path.equals(icon)) {
            assets.add(new String[] {"Microsoft.VisualStudio.Services.Icons.Default", path});
          }
          if (details.isPresent() && path.equals(details.get())) {
            assets.add(new String[] {"Microsoft.VisualStudio.Services.Content.Details", path});
          }
        });
    assets.add(new String[] {"Microsoft.VisualStudio.Services.Manifest", "extension.vsomanifest"});

    Path vsix =
        outputDirectory.resolve(
            manifest.publisher() + "." + manifest.id() + "-" + manifest.version() + ".vsix");
    try {
      Files.createDirectories(outputDirectory);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(vsix));
          ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
        zip.setLevel(9);
        TreeMap<String, Path> sorted = new TreeMap<>(packaged);
        write(zip, "[Content_Types].xml", contentTypes(sorted.keySet()));
        write(zip, "extension.vsixmanifest", vsixManifest(manifest, tree, assets));
        write(zip, "extension.vsomanifest", vsoManifest(tree));
        TreeSet<String> folders = new TreeSet<>();
        for (String path : sorted.keySet()) {
          for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            folders.add(path.substring(0, slash + 1));
          }
        }
        TreeMap<String, Path> entries = new TreeMap<>(sorted);
        folders.forEach(folder -> entries.put(folder, null));
        for (Map.Entry<String, Path> entry : entries.entrySet()) {
          if (entry.getValue() == null) {
            ZipEntry folder = new ZipEntry(entry.getKey());
            folder.setMethod(ZipEntry.STORED);
            folder.setSize(0);
            folder.setCrc(new CRC32().getValue());
            folder.setTimeLocal(ENTRY_TIME);
            zip.putNextEntry(folder);
            zip.closeEntry();
          } else {
            write(zip, entry.getKey(), Files.readAllBytes(entry.getValue()));
          }
        }
      }
      return vsix;
    } catch (IOException e) {
      throw new PackagingException(
          "WriteFailed", vsix + ": cannot be written (" + e.getMessage() + ").", e);
    }
  }

  private static void checkManifest(ExtensionManifest manifest, Path file, Path root) {
    List<String> problems = new ArrayList<>();
    if (manifest.manifestVersion() != 1) {
      problems.add("manifestVersion: must be 1");
    }
    if (manifest.id().isEmpty()) {
      problems.add("id: required");
    }
    if (manifest.publisher().isEmpty()) {
      problems.add("publisher: required");
    }
    if (!manifest.version().matches("\\d+\\.\\d+\\.\\d+")) {
      problems.add("version: \"" + manifest.version() + "\" must be x.y.z");
    }
    if (manifest.name().isEmpty()) {
      problems.add("name: required");
    }
    if (manifest.targets().isEmpty()) {
      problems.add("targets: add [{\"id\": \"Microsoft.VisualStudio.Services\"}]");
    }
    for (ExtensionContribution contribution : manifest.contributions()) {
      if (!contribution.type().equals(ExtensionContribution.TASK_TYPE)) {
        continue;
      }
      String folder = contribution.stringProperty("name").orElse("");
      Path dir = root.resolve(folder);
      boolean hasTask = Files.isRegularFile(dir.resolve("task.json"));
      if (!hasTask && Files.isDirectory(dir)) {
        try (Stream<Path> children = Files.list(dir)) {
          hasTask = children.anyMatch(c -> Files.isRegularFile(c.resolve("task.json")));
        } catch (IOException e) {
          hasTask = false;
        }
      }
      if (folder.isEmpty() || !hasTask) {
        problems.add(
            "contributions/"
                + contribution.id()
                + "/properties/name: \""
                + folder
                + "\" holds no task.json (directly or one folder deeper)");
      }
    }
    if (!problems.isEmpty()) {
      throw new PackagingException(
          "ManifestInvalid", file + " cannot be packed:\n  " + String.join("\n  ", problems));
    }
  }

  private static Optional<String> detailsPath(JsonNode tree) {
    JsonNode path = tree.path("content").path("details").path("path");
    return path.isTextual() ? Optional.of(path.asText()) : Optional.empty();
  }

  private static List<Path> listFiles(Path source) {
    if (Files.isRegularFile(source)) {
      return List.of(source);
    }
    try (Stream<Path> files = Files.walk(source)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new PackagingException(
          "FileUnreadable", source + ": cannot be read (" + e.getMessage() + ").", e);
    }
  }

  private static void write(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static void write(ZipOutputStream zip, String name, String text) throws IOException {
    write(zip, name, text.getBytes(StandardCharsets.UTF_8));
  }

  static String contentTypes(Iterable<String> paths) {
    TreeMap<String, String> defaults = new TreeMap<>();
    TreeMap<String, String> overrides = new TreeMap<>();
    defaults.put("vsixmanifest", CONTENT_TYPES.get("vsixmanifest"));
    defaults.put("vsomanifest", CONTENT_TYPES.get("vsomanifest"));
    for (String path : paths) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      int dot = name.lastIndexOf('.');
      if (dot <= 0) {
        overrides.put("/" + path, OCTET_STREAM);
      } else {
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        defaults.put(extension, CONTENT_TYPES.getOrDefault(extension, OCTET_STREAM));
      }
    }
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\n");
    defaults.forEach(
        (extension, type) ->
            xml.append("  <Default Extension=\".")
                .append(attribute(extension))
                .append("\" ContentType=\"")
                .append(type)
                .append("\"/>\n"));
    overrides.forEach(
        (part, type) ->
            xml.append("  <Override ContentType=\"")
                .append(type)
                .append("\" PartName=\"")
                .append(attribute(part))
                .append("\"/>\n"));
    return xml.append("</Types>").toString();
  }

  static String vsixManifest(ExtensionManifest manifest, JsonNode tree, List<String[]> assets) {
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.append(
        "<PackageManifest Version=\"2.0.0\""
            + " xmlns=\"http://schemas.microsoft.com/developer/vsx-schema/2011\""
            + " xmlns:d=\"http://schemas.microsoft.com/developer/vsx-schema-design/2011\">\n");
    xml.append("  <Metadata>\n");
    xml.append("    <Identity Language=\"en-US\" Id=\"")
        .append(attribute(manifest.id()))
        .append("\" Publisher=\"")
        .append(attribute(manifest.publisher()))
        .append("\" Version=\"")
        .append(attribute(manifest.version()))
        .append("\"/>\n");
    xml.append("    <DisplayName>").append(text(manifest.name())).append("</DisplayName>\n");
    xml.append("    <Description xml:space=\"preserve\">")
        .append(text(manifest.description().orElse("")))
        .append("</Description>\n");
    // tfx writes these in the order their keys appear in vss-extension.json.
    tree.fieldNames()
        .forEachRemaining(
            key -> {
              switch (key) {
                case "categories" -> {
                  if (!manifest.categories().isEmpty()) {
                    xml.append("    <Categories>")
                        .append(text(String.join(",", manifest.categories())))
                        .append("</Categories>\n");
                  }
                }
                case "tags" -> {
                  if (!manifest.tags().isEmpty()) {
                    xml.append("    <Tags>")
                        .append(text(String.join(",", manifest.tags())))
                        .append("</Tags>\n");
                  }
                }
                case "public" -> {
                  if (manifest.isPublic().isPresent()) {
                    xml.append(
                        manifest.isPublic().get()
                            ? "    <GalleryFlags>Public</GalleryFlags>\n"
                            : "    <GalleryFlags/>\n");
                  }
                }
                case "icons" -> {
                  String icon = manifest.icons().get("default");
                  if (icon != null) {
                    xml.append("    <Icon>").append(text(icon)).append("</Icon>\n");
                  }
                }
                default -> {
                  // Not part of the metadata.
                }
              }
            });
    xml.append("  </Metadata>\n");
    xml.append("  <Dependencies/>\n");
    xml.append("  <Installation>\n");
    for (ExtensionTarget target : manifest.targets()) {
      xml.append("    <InstallationTarget Id=\"").append(attribute(target.id())).append("\"/>\n");
    }
    xml.append("  </Installation>\n");
    xml.append("  <Assets>\n");
    for (String[] asset : assets) {
      xml.append("    <Asset Type=\"")
          .append(attribute(asset[0]))
          .append("\" d:Source=\"File\" Path=\"")
          .append(attribute(asset[1]))
          .append("\" Addressable=\"true\"/>\n");
    }
    xml.append("  </Assets>\n");
    return xml.append("</PackageManifest>").toString();
  }

  /**
   * {@code manifestVersion}, the contributions, scopes and contribution types, as tfx writes them.
   */
  static String vsoManifest(JsonNode tree) {
    ObjectNode vso = JSON.createObjectNode();
    vso.put("manifestVersion", 1);
    vso.set("contributions", array(tree.get("contributions")));
    vso.set("scopes", array(tree.get("scopes")));
    vso.set("contributionTypes", array(tree.get("contributionTypes")));
    StringBuilder out = new StringBuilder();
    stringify(vso, "", out);
    return out.toString();
  }

  private static JsonNode array(JsonNode node) {
    return node != null && node.isArray() ? node : JSON.createArrayNode();
  }

  /** JavaScript's {@code JSON.stringify(value, null, 4)}, which tfx uses. */
  static void stringify(JsonNode node, String indent, StringBuilder out) {
    String inner = indent + "    ";
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      var fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        out.append(inner).append(JsonText.quote(field.getKey())).append(": ");
        stringify(field.getValue(), inner, out);
        out.append(fields.hasNext() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        out.append(inner);
        stringify(node.get(i), inner, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (node.isTextual()) {
      out.append(JsonText.quote(node.asText()));
    } else {
      out.append(node.toString());
    }
  }

  private static String text(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String attribute(String value) {
    return text(value).replace("\"", "&quot;");
  }
}
