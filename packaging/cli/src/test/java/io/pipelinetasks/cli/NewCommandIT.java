package io.pipelinetasks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates a task with {@code ptask new} and with the real archetype ({@code mvn
 * archetype:generate}), and builds the generated module with Maven: compile with the typed inputs,
 * its TaskTestKit tests, Spotless, the shaded jar and the task folder, with no edits.
 *
 * <p>The project's artifacts come from {@code target/it-repository} (filled by the invoker plugin's
 * {@code install} goal before this runs); everything else from the build's own local repository,
 * read as a file repository, with Maven Central behind it.
 */
class NewCommandIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path JAR = MODULE.resolve("target/ptask.jar");
  private static final Path MVNW = MODULE.resolve("../../mvnw").normalize();
  private static final String TASK_ID = "0c9e5b1a-7d3f-4e2a-9b8c-1d2e3f4a5b6c";

  @TempDir Path work;

  record Result(int exitCode, String out) {}

  private Result run(Path directory, List<String> command, int timeoutSeconds) throws Exception {
    Path log = Files.createTempFile(work, "log", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command + "\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private List<String> ptask(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return command;
  }

  private List<String> maven(String... args) throws IOException {
    Path settings = work.resolve("settings.xml");
    String build = Path.of(System.getProperty("pipelinetasks.buildRepository")).toUri().toString();
    Files.writeString(
        settings,
        """
        <settings>
          <localRepository>%s</localRepository>
          <profiles>
            <profile>
              <id>build-repository</id>
              <repositories>
                <repository>
                  <id>build-repository</id>
                  <url>%s</url>
                  <snapshots><enabled>false</enabled></snapshots>
                </repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository>
                  <id>build-repository</id>
                  <url>%s</url>
                  <snapshots><enabled>false</enabled></snapshots>
                </pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles>
            <activeProfile>build-repository</activeProfile>
          </activeProfiles>
        </settings>
        """
            .formatted(System.getProperty("pipelinetasks.itRepository"), build, build));
    List<String> command =
        new ArrayList<>(List.of(MVNW.toString(), "-B", "-s", settings.toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(root.relativize(file).toString(), Files.readString(file));
      }
    }
    return files;
  }

  @Test
  void aNewTaskBuildsTestsPackagesAndRunsWithNoEdits() throws Exception {
    Path tasks = Files.createDirectories(work.resolve("tasks"));

    Result created = run(work, ptask("new", "Greeter", "--output", tasks.toString()), 60);
    assertThat(created.exitCode()).as(created.out()).isZero();
    Path module = tasks.resolve("GreeterV1");
    assertThat(Files.readString(module.resolve("task.json")))
        .containsPattern(
            "\"id\": \"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\"")
        .contains("\"name\": \"Greeter\"");

    // install (into the test repository) so the extension below can depend on the task zip.
    Result build = run(module, maven("install"), 600);

    assertThat(build.exitCode()).as(build.out()).isZero();
    assertThat(build.out())
        .contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0")
        .contains("Task folder " + module.resolve("target/task/GreeterV1"));
    Path folder = module.resolve("target/task/GreeterV1");
    assertThat(folder.resolve("task.jar")).exists();
    assertThat(folder.resolve("launcher.js")).exists();
    assertThat(module.resolve("target/GreeterV1.zip")).exists();

    Result ran = run(work, ptask("run", folder.toString(), "--input", "name=Ada"), 120);
    assertThat(ran.exitCode()).as(ran.out()).isZero();
    assertThat(ran.out()).contains("Hello, Ada!").contains("message = Hello, Ada! (output)");

    // The vsix goal in an extension module that depends on the task's zip.
    Path extension = Files.createDirectories(work.resolve("extension"));
    String version = NewCommand.pipelinetasksVersion();
    Files.writeString(
        extension.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>io.pipelinetasks.it</groupId>
          <artifactId>greeter-extension</artifactId>
          <version>1.2.3</version>
          <packaging>pom</packaging>
          <name>Greeter tasks</name>
          <description>One greeting task</description>
          <dependencies>
            <dependency>
              <groupId>io.pipelinetasks</groupId>
              <artifactId>greeter-v1</artifactId>
              <version>%s</version>
              <type>zip</type>
              <classifier>task</classifier>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <groupId>io.pipelinetasks</groupId>
                <artifactId>pipelinetasks-maven-plugin</artifactId>
                <version>%s</version>
                <executions>
                  <execution>
                    <goals>
                      <goal>vsix</goal>
                    </goals>
                    <configuration>
                      <publisher>itpub</publisher>
                    </configuration>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """
            .formatted(version, version));
    Result vsix = run(extension, maven("package"), 300);
    assertThat(vsix.exitCode()).as(vsix.out()).isZero();
    Path file = extension.resolve("target/itpub.greeter-extension-1.2.3.vsix");
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      assertThat(zip.getEntry("Greeter/GreeterV1/task.json")).isNotNull();
      assertThat(zip.getEntry("Greeter/GreeterV1/task.jar")).isNotNull();
      assertThat(zip.getEntry("extension.vsixmanifest")).isNotNull();
    }
    assertThat(extension.resolve("target/vsix/vss-extension.json"))
        .content()
        .contains("\"publisher\": \"itpub\"")
        .contains("\"name\": \"Greeter tasks\"");
  }

  @Test
  void theArchetypeGeneratesWhatPtaskNewGenerates() throws Exception {
    String version = NewCommand.pipelinetasksVersion();
    Path generated = Files.createDirectories(work.resolve("archetype"));
    Result archetype =
        run(
            generated,
            maven(
                "org.apache.maven.plugins:maven-archetype-plugin:3.4.0:generate",
                "-DinteractiveMode=false",
                "-DarchetypeGroupId=io.pipelinetasks",
                "-DarchetypeArtifactId=pipelinetasks-task-archetype",
                "-DarchetypeVersion=" + version,
                "-DgroupId=io.pipelinetasks",
                "-DartifactId=greeter-v1",
                "-Dversion=" + version,
                "-Dpackage=io.pipelinetasks.tasks.greeter",
                "-DtaskName=Greeter",
                "-DtaskId=" + TASK_ID),
            300);
    assertThat(archetype.exitCode()).as(archetype.out()).isZero();

    Path tasks = Files.createDirectories(work.resolve("ptask"));
    assertThat(run(work, ptask("new", "Greeter", "--output", tasks.toString()), 60).exitCode())
        .isZero();
    Path taskJson = tasks.resolve("GreeterV1/task.json");
    Files.writeString(
        taskJson,
        Files.readString(taskJson).replaceAll("\"id\": \"[^\"]+\"", "\"id\": \"" + TASK_ID + "\""));

    assertThat(files(tasks.resolve("GreeterV1")))
        .isEqualTo(files(generated.resolve("greeter-v1")))
        .containsKeys(
            "pom.xml",
            "task.json",
            "README.md",
            "src/main/java/io/pipelinetasks/tasks/greeter/GreeterTask.java",
            "src/test/java/io/pipelinetasks/tasks/greeter/GreeterTaskTest.java");
  }
}
