package io.pipelinetasks.packaging;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Writes {@code vss-extension.json} and the {@code .vsix} for the tasks this module depends on:
 * every dependency of type {@code zip} with classifier {@code task} (the task-folder goal attaches
 * one per task module), plus any {@code taskFolders} given. The staged layout is {@code
 * target/vsix/}, the VSIX {@code target/<publisher>.<id>-<version>.vsix}.
 */
@Mojo(
    name = "vsix",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class VsixMojo extends AbstractMojo {
  /** Creates the goal; Maven injects the parameters. */
  public VsixMojo() {}

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The Marketplace publisher id. */
  @Parameter(property = "pipelinetasks.publisher", required = true)
  private String publisher;

  /** The extension id; the artifactId by default. */
  @Parameter(property = "pipelinetasks.extensionId", defaultValue = "${project.artifactId}")
  private String extensionId;

  /** The extension version; the project version's first three numbers by default. */
  @Parameter(property = "pipelinetasks.extensionVersion")
  private String extensionVersion;

  /** The display name. */
  @Parameter(defaultValue = "${project.name}")
  private String extensionName;

  /** The description. */
  @Parameter(defaultValue = "${project.description}")
  private String description;

  /** The extension icon (128×128 PNG or larger), optional. */
  @Parameter private File icon;

  /** The Marketplace overview (markdown), optional. */
  @Parameter private File overview;

  /** Whether the extension is public. */
  @Parameter(defaultValue = "false")
  private boolean publicExtension;

  /** Built task folders to add besides the dependencies. */
  @Parameter private List<File> taskFolders;

  /** Skips the goal. */
  @Parameter(property = "pipelinetasks.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("Skipped (pipelinetasks.skip)");
      return;
    }
    Path target = Path.of(project.getBuild().getDirectory());
    try {
      List<Path> folders = new ArrayList<>();
      for (Artifact artifact : project.getArtifacts()) {
        if ("zip".equals(artifact.getType()) && "task".equals(artifact.getClassifier())) {
          Path folder = target.resolve("vsix-tasks").resolve(artifact.getArtifactId());
          TaskFolderBuilder.deleteRecursively(folder);
          Zips.unzip(artifact.getFile().toPath(), folder);
          folders.add(folder);
        }
      }
      if (taskFolders != null) {
        taskFolders.forEach(f -> folders.add(f.toPath()));
      }
      ExtensionSettings settings =
          new ExtensionSettings(
              publisher,
              extensionId,
              extensionVersion != null
                  ? extensionVersion
                  : ExtensionSettings.versionOf(project.getVersion()),
              extensionName,
              Optional.ofNullable(description),
              Optional.ofNullable(icon).map(File::toPath),
              Optional.ofNullable(overview).map(File::toPath),
              publicExtension);
      Path manifest = Vsix.stage(settings, folders, target.resolve("vsix"));
      Path vsix = Vsix.pack(manifest, target);
      getLog().info("VSIX " + vsix + " (" + folders.size() + " task folders)");
    } catch (PackagingException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoFailureException("Cannot read a task zip: " + e.getMessage(), e);
    }
  }
}
