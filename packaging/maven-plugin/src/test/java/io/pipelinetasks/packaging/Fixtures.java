package io.pipelinetasks.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds the files a task module would have: its task.json and a runnable jar. */
final class Fixtures {
  private Fixtures() {}

  /** A module folder {@code <parent>/SampleV1} with the fixture task.json. */
  static Path module(Path parent) throws IOException {
    Path module = Files.createDirectories(parent.resolve("SampleV1"));
    try (InputStream in = Fixtures.class.getResourceAsStream("task.json")) {
      Files.copy(in, module.resolve("task.json"));
    }
    return module;
  }

  /** A runnable jar whose main class is {@link SampleMain}. */
  static Path jar(Path file) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SampleMain.class.getName());
    Files.createDirectories(file.toAbsolutePath().getParent());
    String classFile = SampleMain.class.getName().replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out, manifest);
        InputStream in = SampleMain.class.getClassLoader().getResourceAsStream(classFile)) {
      jar.putNextEntry(new JarEntry(classFile));
      in.transferTo(jar);
      jar.closeEntry();
    }
    return file;
  }

  /** A built task folder for the fixture task. */
  static TaskFolder taskFolder(Path work) throws IOException {
    Path module = module(work);
    jar(module.resolve("target/task.jar"));
    return TaskFolderBuilder.forTask(module.resolve("task.json"))
        .version(3, 7)
        .build(module.resolve("target/task"));
  }
}
