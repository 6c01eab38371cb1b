package io.pipelinetasks.packaging;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Marketplace identity of an extension that {@link Vsix#stage} writes into {@code
 * vss-extension.json}.
 *
 * @param publisher the Marketplace publisher id
 * @param id the extension id, unique per publisher
 * @param version {@code x.y.z}; must increase for every publish
 * @param name the display name
 * @param description the description, if any
 * @param icon the extension's icon (128×128 PNG or larger), if any
 * @param overview the Marketplace overview page (markdown), if any
 * @param isPublic whether the extension is listed publicly
 */
public record ExtensionSettings(
    String publisher,
    String id,
    String version,
    String name,
    Optional<String> description,
    Optional<Path> icon,
    Optional<Path> overview,
    boolean isPublic) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]*");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  /**
   * Checks every field at once.
   *
   * @throws PackagingException listing each field that is missing or malformed
   */
  public ExtensionSettings {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(icon, "icon");
    Objects.requireNonNull(overview, "overview");
    StringBuilder problems = new StringBuilder();
    if (publisher == null || !IDENTIFIER.matcher(publisher).matches()) {
      problems.append("\n  publisher \"").append(publisher).append("\": letters, digits, - and _");
    }
    if (id == null || !IDENTIFIER.matcher(id).matches()) {
      problems.append("\n  id \"").append(id).append("\": letters, digits, - and _");
    }
    if (version == null || !VERSION.matcher(version).matches()) {
      problems.append("\n  version \"").append(version).append("\": three numbers, x.y.z");
    }
    if (name == null || name.isBlank()) {
      problems.append("\n  name: required, the display name");
    }
    if (problems.length() > 0) {
      throw new PackagingException(
          "ExtensionSettingsInvalid", "The extension settings are invalid:" + problems);
    }
  }

  /**
   * The extension version for a Maven project version: the first three numbers, so {@code
   * 0.1.0-SNAPSHOT} gives {@code 0.1.0}.
   */
  public static String versionOf(String projectVersion) {
    int[] minorPatch = TaskFolderBuilder.minorAndPatch(projectVersion);
    return projectVersion.split("\\.")[0] + "." + minorPatch[0] + "." + minorPatch[1];
  }
}
