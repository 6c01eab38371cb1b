package io.pipelinetasks.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the launcher with the real node, against the real JVM and against fake Java homes. */
class LauncherIT {
  private static final String JAVA_HOME = System.getProperty("java.home");
  private static String node;

  @TempDir Path work;

  record Result(int exitCode, String out) {}

  @BeforeAll
  static void findNode() {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "node"))) {
        node = Path.of(dir, "node").toString();
        return;
      }
    }
    assumeTrue(false, "node is not installed");
  }

  private Result run(Path launcher, Map<String, String> env) throws Exception {
    Process process = start(launcher, env);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private Process start(Path launcher, Map<String, String> env) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(node, launcher.toString()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder.start();
  }

  /** A fake Java home whose java prints its name and arguments. */
  private Path fakeJava(String name, String releaseVersion) throws IOException {
    Path home = Files.createDirectories(work.resolve(name));
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "if [ \"$1\" = -version ]; then echo 'openjdk version \"17.0.1\" 2021-10-19' >&2;"
            + " exit 0; fi\n"
            + "echo \"fake "
            + name
            + " $*\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (releaseVersion != null) {
      Files.writeString(
          home.resolve("release"),
          "IMPLEMENTOR=\"Fake\"\nJAVA_RUNTIME_VERSION=\""
              + releaseVersion
              + "+1\"\nJAVA_VERSION=\""
              + releaseVersion
              + "\"\n");
    }
    return home;
  }

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return env;
  }

  @Test
  void theJvmGetsTheEntryPointTheUntouchedEnvironmentAndItsExitCodeComesBack() throws Exception {
    TaskFolder folder = Fixtures.taskFolder(work);

    Result result =
        run(
            folder.directory().resolve("prejob.js"),
            env(
                "JAVA_HOME", JAVA_HOME,
                "INPUT_MESSAGE", "hi there",
                "SECRET_MYSECRET", "s3cret",
                "SAMPLE_EXIT", "3"));

    assertThat(result.out())
        .contains("entry=prejob\n", "INPUT_MESSAGE=hi there\n", "SECRET_MYSECRET=s3cret\n");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(run(folder.directory().resolve("launcher.js"), env("JAVA_HOME", JAVA_HOME)).out())
        .startsWith("entry=launcher\n");
  }

  @Test
  void javaHome17ComesFirstThenNewerVersionsThenJavaHomeThenPath() throws Exception {
    Path launcher = Fixtures.taskFolder(work).directory().resolve("launcher.js");
    Path jdk11 = fakeJava("jdk11", "11.0.2");
    Path jdk17 = fakeJava("jdk17", "17.0.9");
    Path jdk21 = fakeJava("jdk21", "21.0.1");
    Path other = fakeJava("other", "25");
    Path onPath = fakeJava("onpath", "17.0.2");
    String path = onPath.resolve("bin") + ":/usr/bin:/bin";

    assertThat(
            run(
                    launcher,
                    env(
                        "JAVA_HOME_11_X64", jdk11.toString(),
                        "JAVA_HOME_21_X64", jdk21.toString(),
                        "JAVA_HOME_17_X64", jdk17.toString(),
                        "JAVA_HOME", other.toString(),
                        "PATH", path))
                .out())
        .startsWith("fake jdk17 ");
    assertThat(
            run(
                    launcher,
                    env(
                        "JAVA_HOME_21_X64", jdk21.toString(),
                        "JAVA_HOME", other.toString(),
                        "PATH", path))
                .out())
        .startsWith("fake jdk21 ");
    assertThat(run(launcher, env("JAVA_HOME", other.toString(), "PATH", path)).out())
        .startsWith("fake other ");
    assertThat(run(launcher, env("JAVA_HOME", jdk11.toString(), "PATH", path)).out())
        .startsWith("fake onpath ");
  }

  @Test
  void withoutJava17TheTaskFailsTheAgentsWayNamingTheJavaItNeeds() throws Exception {
    Path launcher = Fixtures.taskFolder(work).directory().resolve("launcher.js");
    Path jdk11 = fakeJava("jdk11", "11.0.2");

    Result result = run(launcher, env("JAVA_HOME", jdk11.toString(), "PATH", "/nonexistent"));

    String expected =
        "This task needs Java 17 or later (a JDK or JRE). Found: "
            + jdk11.resolve("bin/java")
            + " from JAVA_HOME is Java 11.0.2. Install Java 17+ on the agent and set JAVA_HOME (or"
            + " JAVA_HOME_17_X64) to it, or put its java on PATH.";
    assertThat(result.out())
        .isEqualTo(
            "##vso[task.issue type=error;]"
                + expected
                + "\n##vso[task.complete result=Failed;]"
                + expected
                + "\n");
    assertThat(result.exitCode()).isZero();
    assertThat(run(launcher, env("PATH", "/nonexistent")).out())
        .contains("##vso[task.complete result=Failed;]This task needs Java 17 or later")
        .contains("None was found.");
  }

  @Test
  void aJavaWithoutAReleaseFileIsAskedForItsVersion() throws Exception {
    Path launcher = Fixtures.taskFolder(work).directory().resolve("launcher.js");
    Path bare = fakeJava("bare", null);

    assertThat(run(launcher, env("JAVA_HOME", bare.toString())).out()).startsWith("fake bare ");
  }

  @Test
  void jvmOptionsComeFromTheConfigThenTheEnvironment() throws Exception {
    TaskFolder folder = Fixtures.taskFolder(work);
    Path jdk17 = fakeJava("jdk17", "17.0.9");

    Result result =
        run(
            folder.directory().resolve("launcher.js"),
            env(
                "JAVA_HOME",
                jdk17.toString(),
                "PIPELINETASKS_JVM_OPTIONS",
                " -Dx=1  -Djdk.net.hosts.file=/h "));

    assertThat(result.out())
        .isEqualTo(
            "fake jdk17 -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Dx=1"
                + " -Djdk.net.hosts.file=/h -jar "
                + folder.directory().toRealPath().resolve("task.jar")
                + " launcher\n");
  }

  @Test
  void sigtermReachesTheJvmAndItsExitCodeComesBack() throws Exception {
    TaskFolder folder = Fixtures.taskFolder(work);
    Path ready = work.resolve("ready");
    Process process =
        start(
            folder.directory().resolve("launcher.js"),
            env("JAVA_HOME", JAVA_HOME, "SAMPLE_SLEEP", "60", "SAMPLE_READY", ready.toString()));
    for (int i = 0; i < 300 && !Files.exists(ready); i++) {
      Thread.sleep(50);
    }
    assertThat(ready).exists();

    process.toHandle().destroy(); // SIGTERM to node, which forwards it

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("shutdown hook ran");
  }

  @Test
  void theAppCdsArchiveIsUsedByTheJvmThatMadeItAndNoCdsLineReachesStdout() throws Exception {
    Path module = Fixtures.module(work);
    Fixtures.jar(module.resolve("target/task.jar"));
    TaskFolder folder =
        TaskFolderBuilder.forTask(module.resolve("task.json"))
            .appCds(true)
            .build(module.resolve("target/task"));
    assertThat(folder.appCdsArchive()).isPresent();
    Path classLog = work.resolve("classes.log");

    Result result =
        run(
            folder.directory().resolve("launcher.js"),
            env(
                "JAVA_HOME",
                JAVA_HOME,
                "PIPELINETASKS_JVM_OPTIONS",
                "-Xlog:class+load=info:file=" + classLog));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("entry=launcher\n").doesNotContain("cds");
    assertThat(Files.readString(classLog))
        .contains(SampleMain.class.getName() + " source: shared objects file (top)");

    // Another JVM build must not be handed the archive.
    Path jdk17 = fakeJava("jdk17", "17.0.9");
    assertThat(
            run(folder.directory().resolve("launcher.js"), env("JAVA_HOME", jdk17.toString()))
                .out())
        .doesNotContain("SharedArchiveFile");
  }

  @Test
  void aRunInALaterJobWritesAnArchiveThatLaterRunsUseSilently() throws Exception {
    TaskFolder folder = Fixtures.taskFolder(work);
    Path launcher = folder.directory().resolve("launcher.js");
    Path classLog = work.resolve("classes.log");

    // The first run only notes its job; a run in another job proves that the folder outlives jobs.
    Result first = run(launcher, env("JAVA_HOME", JAVA_HOME, "SYSTEM_JOBID", "job-1"));
    assertThat(cacheFiles(folder)).singleElement().asString().matches("appcds-[0-9a-f]{8}\\.job");
    Result second = run(launcher, env("JAVA_HOME", JAVA_HOME, "SYSTEM_JOBID", "job-2"));

    for (Result result : List.of(first, second)) {
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).startsWith("entry=launcher\n").doesNotContain("cds", "CDS");
    }
    assertThat(cacheFiles(folder)).singleElement().asString().matches("appcds-[0-9a-f]{8}\\.jsa");

    Result third =
        run(
            launcher,
            env(
                "JAVA_HOME",
                JAVA_HOME,
                "SYSTEM_JOBID",
                "job-3",
                "PIPELINETASKS_JVM_OPTIONS",
                "-Xlog:class+load=info:file=" + classLog));

    assertThat(third.exitCode()).isZero();
    assertThat(third.out()).startsWith("entry=launcher\n").doesNotContain("cds", "CDS");
    assertThat(Files.readString(classLog))
        .contains(SampleMain.class.getName() + " source: shared objects file (top)");
    assertThat(cacheFiles(folder)).hasSize(1);

    // Packaging a used folder leaves the cache out.
    Path zip = folder.zip(work.resolve("task.zip"));
    try (java.util.zip.ZipFile entries = new java.util.zip.ZipFile(zip.toFile())) {
      assertThat(entries.stream().map(java.util.zip.ZipEntry::getName))
          .noneMatch(name -> name.startsWith(Launcher.CACHE_PREFIX));
    }
  }

  @Test
  void noArchiveIsWrittenWithinOneJobOrWhenTurnedOff() throws Exception {
    TaskFolder folder = Fixtures.taskFolder(work);
    Path launcher = folder.directory().resolve("launcher.js");

    for (int i = 0; i < 2; i++) {
      assertThat(run(launcher, env("JAVA_HOME", JAVA_HOME, "SYSTEM_JOBID", "job-1")).exitCode())
          .isZero();
    }
    assertThat(cacheFiles(folder)).singleElement().asString().endsWith(".job");

    TaskFolder other = Fixtures.taskFolder(Files.createDirectories(work.resolve("other")));
    for (int i = 0; i < 2; i++) {
      assertThat(
              run(
                      other.directory().resolve("launcher.js"),
                      env("JAVA_HOME", JAVA_HOME, "PIPELINETASKS_APPCDS", "off"))
                  .exitCode())
          .isZero();
    }
    assertThat(cacheFiles(other)).isEmpty();
  }

  @Test
  void aDumpThatFailsAfterTheTaskFinishedKeepsTheTasksExitCodeAndIsNotTriedAgain()
      throws Exception {
    Path launcher = Fixtures.taskFolder(work).directory().resolve("launcher.js");
    Path home = fakeJava("jdk17", "17.0.9");
    // The JDK's own archive, without which the launcher asks for no dump.
    Files.createDirectories(home.resolve("lib/server"));
    Files.writeString(home.resolve("lib/server/classes.jsa"), "base");
    // A JVM that reports exit code 0 for the task, then fails as the JVM exits, leaving half an
    // archive behind.
    Files.writeString(
        home.resolve("bin/java"),
        "#!/bin/sh\n"
            + "echo \"fake $*\"\n"
            + "for a in \"$@\"; do case \"$a\" in\n"
            + "  -Dpipelinetasks.exitCodeFile=*) printf 0 > \"${a#*=}\" ;;\n"
            + "  -XX:ArchiveClassesAtExit=*) printf half > \"${a#*=}\" ;;\n"
            + "esac; done\n"
            + "exit 1\n");

    Result first = run(launcher, env("JAVA_HOME", home.toString(), "PIPELINETASKS_APPCDS", "on"));

    assertThat(first.out()).contains("-XX:ArchiveClassesAtExit=", "-Xlog:cds=off");
    assertThat(first.exitCode()).isZero();
    Path folder = launcher.getParent();
    assertThat(cacheFiles(Files.list(folder).map(p -> p.getFileName().toString()).toList()))
        .hasSize(1)
        .allMatch(name -> name.endsWith(".off"));

    Result second = run(launcher, env("JAVA_HOME", home.toString(), "PIPELINETASKS_APPCDS", "on"));

    assertThat(second.out()).doesNotContain("ArchiveClassesAtExit", "SharedArchiveFile");
    assertThat(second.exitCode()).isEqualTo(1);
  }

  private static List<String> cacheFiles(TaskFolder folder) throws IOException {
    try (var files = Files.list(folder.directory())) {
      return cacheFiles(files.map(p -> p.getFileName().toString()).toList());
    }
  }

  private static List<String> cacheFiles(List<String> names) {
    return names.stream().filter(name -> name.startsWith(Launcher.CACHE_PREFIX)).toList();
  }
}
