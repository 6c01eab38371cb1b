package io.pipelinetasks.taskjson;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An extension manifest, {@code vss-extension.json}: the Marketplace identity of an extension and
 * the task folders it contributes. Members the model does not interpret ({@code content}, {@code
 * links}, {@code repository}, {@code branding}, {@code galleryFlags}, ...) are kept verbatim in
 * {@link #extra()}, with the same rules as {@link TaskDefinition}.
 *
 * @param manifestVersion {@code 1}; {@code 0} when absent
 * @param id the extension id, unique per publisher
 * @param publisher the Marketplace publisher id
 * @param version {@code x.y.z}; must increase for every publish
 * @param name the display name
 * @param description the description
 * @param categories Marketplace categories, such as {@code Azure Pipelines}
 * @param tags Marketplace tags
 * @param isPublic JSON key {@code public}: whether the extension is listed publicly
 * @param targets installation targets, {@code Microsoft.VisualStudio.Services}
 * @param icons icon kind (such as {@code default}) to path
 * @param scopes OAuth scopes the extension asks for
 * @param files the files and folders packaged
 * @param contributions the contributions, one per task folder for task extensions
 * @param extra members kept verbatim so writing reproduces the file
 */
public record ExtensionManifest(
    int manifestVersion,
    String id,
    String publisher,
    String version,
    String name,
    Optional<String> description,
    List<String> categories,
    List<String> tags,
    Optional<Boolean> isPublic,
    List<ExtensionTarget> targets,
    Map<String, String> icons,
    List<String> scopes,
    List<ExtensionFile> files,
    List<ExtensionContribution> contributions,
    Map<String, String> extra) {
  /** Copies the collections and replaces nulls by empty values. */
  public ExtensionManifest {
    id = Copies.text(id);
    publisher = Copies.text(publisher);
    version = Copies.text(version);
    name = Copies.text(name);
    description = Copies.optional(description);
    categories = Copies.list(categories);
    tags = Copies.list(tags);
    isPublic = Copies.optional(isPublic);
    targets = Copies.list(targets);
    icons = Copies.map(icons);
    scopes = Copies.list(scopes);
    files = Copies.list(files);
    contributions = Copies.list(contributions);
    extra = Copies.map(extra);
  }
}
