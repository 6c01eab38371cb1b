package io.pipelinetasks.cli;

import io.pipelinetasks.packaging.TaskFolder;
import io.pipelinetasks.packaging.TaskFolderBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds a real task folder for {@link SampleTask} with the packaging code: a thin jar whose
 * manifest Class-Path points at the test class path (the core, task-json), and the launcher.
 */
final class SampleTaskFolder {
  private SampleTaskFolder() {}

  static TaskFolder build(Path work) throws IOException {
    Path module = Files.createDirectories(work.resolve("SampleV1"));
    try (InputStream in = SampleTaskFolder.class.getResourceAsStream("sample/task.json")) {
      Files.copy(in, module.resolve("task.json"));
    }
    Path jar = module.resolve("target/task.jar");
    Files.createDirectories(jar.getParent());
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      classPath.add(path.toUri().toString());
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SampleTask.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.putNextEntry(new JarEntry("placeholder"));
      jarOut.closeEntry();
    }
    return TaskFolderBuilder.forTask(module.resolve("task.json"))
        .build(module.resolve("target/task"));
  }
}
