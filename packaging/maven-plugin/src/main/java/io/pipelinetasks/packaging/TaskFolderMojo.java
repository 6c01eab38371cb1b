package io.pipelinetasks.packaging;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds the task folder as the agent downloads it, {@code target/task/<name>V<major>/} (see {@link
 * TaskFolderBuilder}), and attaches its zip ({@code target/<name>V<major>.zip}, classifier {@code
 * task}) so an extension module can depend on it.
 *
 * <p>Version: Major comes from task.json; Minor and Patch from {@code taskMinor}/{@code taskPatch}
 * when set, else from the project version ({@code 0.3.1-SNAPSHOT} stamps {@code <Major>.3.1}).
 */
@Mojo(name = "task-folder", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class TaskFolderMojo extends AbstractMojo {
  private final MavenProjectHelper projectHelper;

  /**
   * Creates the goal; Maven injects the helper and the parameters.
   *
   * @param projectHelper attaches the task zip to the project
   */
  @Inject
  public TaskFolderMojo(MavenProjectHelper projectHelper) {
    this.projectHelper = projectHelper;
  }

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The task manifest. */
  @Parameter(defaultValue = "${project.basedir}/task.json")
  private File taskJson;

  /** The task's unsigned shaded jar, made by maven-shade-plugin in the task parent. */
  @Parameter(defaultValue = "${project.build.directory}/task.jar")
  private File jar;

  /** The task icon (32×32 PNG); a default icon is used when it does not exist. */
  @Parameter(defaultValue = "${project.basedir}/icon.png")
  private File icon;

  /** The translations folder, {@code Strings/resources.resjson/<culture>/resources.resjson}. */
  @Parameter(defaultValue = "${project.basedir}/Strings")
  private File strings;

  /** Where the task folder is created. */
  @Parameter(defaultValue = "${project.build.directory}/task")
  private File outputDirectory;

  /** The Minor version to stamp; the project version's minor when not set. */
  @Parameter(property = "pipelinetasks.taskMinor")
  private Integer taskMinor;

  /** The Patch version to stamp; the project version's patch when not set. */
  @Parameter(property = "pipelinetasks.taskPatch")
  private Integer taskPatch;

  /** JVM options the launcher passes; {@link TaskFolderBuilder#DEFAULT_JVM_OPTIONS} when unset. */
  @Parameter private List<String> jvmOptions;

  /** Whether to make an AppCDS archive (useful locally; see bench/README.md). */
  @Parameter(property = "pipelinetasks.appCds", defaultValue = "false")
  private boolean appCds;

  /** Inputs for the AppCDS training run. */
  @Parameter private Map<String, String> trainingInputs;

  /** The task's main class, required for a task module. */
  @Parameter(property = "task.mainClass")
  private String mainClass;

  /** Skips the goal. */
  @Parameter(property = "pipelinetasks.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("Skipped (pipelinetasks.skip)");
      return;
    }
    Path manifest = taskJson.toPath();
    if (!Files.exists(manifest)) {
      // Task modules are created before their task.json is written; say so instead of failing.
      getLog().warn(manifest + " does not exist yet; no task folder is built for this module.");
      return;
    }
    if (mainClass == null || mainClass.isBlank()) {
      throw new MojoFailureException(
          project.getBasedir()
              + "/pom.xml: set <properties><task.mainClass>your.package.YourTask"
              + "</task.mainClass></properties>; the shaded task.jar needs a Main-Class.");
    }
    try {
      int[] projectMinorPatch =
          taskMinor != null && taskPatch != null
              ? new int[] {taskMinor, taskPatch}
              : TaskFolderBuilder.minorAndPatch(project.getVersion());
      TaskFolderBuilder builder =
          TaskFolderBuilder.forTask(manifest)
              .jar(jar.toPath())
              .icon(icon.toPath())
              .strings(strings.toPath())
              .version(
                  taskMinor != null ? taskMinor : projectMinorPatch[0],
                  taskPatch != null ? taskPatch : projectMinorPatch[1])
              .appCds(appCds)
              .log(getLog()::info);
      if (jvmOptions != null) {
        builder.jvmOptions(jvmOptions);
      }
      if (trainingInputs != null) {
        builder.trainingInputs(trainingInputs);
      }
      TaskFolder folder = builder.build(outputDirectory.toPath());
      Path zip =
          folder.zip(
              Path.of(project.getBuild().getDirectory())
                  .resolve(folder.directory().getFileName() + ".zip"));
      projectHelper.attachArtifact(project, "zip", "task", zip.toFile());
    } catch (PackagingException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }
}
