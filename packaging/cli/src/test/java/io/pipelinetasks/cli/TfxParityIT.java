package io.pipelinetasks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * VSIX parity with tfx-cli 0.23.1: {@code ptask package} stages task folders (the sample task and
 * every built task of the project), then ours and {@code tfx extension create} pack the same staged
 * folder, and the entry lists, {@code extension.vsomanifest} and the Identity, Metadata and Assets
 * of {@code extension.vsixmanifest} must be equal.
 *
 * <p>tfx comes from {@code PIPELINETASKS_TFX}, else {@code packaging/tfx-parity/install-tfx.sh}
 * installs it into a local folder (once). The test skips itself only when npm is not installed.
 */
class TfxParityIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path ROOT = MODULE.resolve("../..").normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  record Result(int exitCode, String out) {}

  private Result run(List<String> command, int timeoutSeconds) throws Exception {
    Path log = Files.createTempFile(work, "log", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        .as("%s finished", command)
        .isTrue();
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private String tfx() throws Exception {
    String configured = System.getenv("PIPELINETASKS_TFX");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return configured;
    }
    assumeTrue(onPath("npm"), "npm is not installed, so tfx-cli cannot be installed");
    Result install =
        run(List.of(ROOT.resolve("packaging/tfx-parity/install-tfx.sh").toString()), 600);
    assertThat(install.exitCode()).as(install.out()).isZero();
    String[] lines = install.out().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private static List<String> builtTasks() throws IOException {
    List<String> folders = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT.resolve("tasks"))) {
      for (Path module : (Iterable<Path>) modules.sorted()::iterator) {
        Path built = module.resolve("target/task");
        if (Files.isDirectory(built)) {
          try (Stream<Path> folder = Files.list(built)) {
            folder
                .filter(f -> Files.isRegularFile(f.resolve("task.jar")))
                .forEach(f -> folders.add(f.toString()));
          }
        }
      }
    }
    return folders;
  }

  @Test
  void ourVsixHasTheEntriesAndManifestsTfxMakesFromTheSameInput() throws Exception {
    String tfx = tfx();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", MODULE.resolve("target/ptask.jar").toString(), "package"));
    command.addAll(
        List.of(
            "--publisher", "pipelinetasks",
            "--id", "pipelinetasks-tasks",
            "--version", "0.1.0",
            "--name", "pipelinetasks tasks",
            "--description", "Java rebuilds of AzureCLI@2, AzureKeyVault@2 & AzureWebApp@1",
            "--icon",
                ROOT.resolve(
                        "packaging/maven-plugin/src/main/resources/io/pipelinetasks/packaging/default-icon.png")
                    .toString(),
            "--overview", ROOT.resolve("README.md").toString(),
            "-o", work.resolve("ours").toString()));
    command.add(SampleTaskFolder.build(work.resolve("sample")).directory().toString());
    command.addAll(builtTasks());
    Result ours = run(command, 120);
    assertThat(ours.exitCode()).as(ours.out()).isZero();
    Path staged = work.resolve("ours/extension");

    Result theirs =
        run(
            List.of(
                tfx,
                "extension",
                "create",
                "--root",
                staged.toString(),
                "--manifest-globs",
                "vss-extension.json",
                "--output-path",
                work.resolve("tfx").toString(),
                "--no-prompt"),
            300);
    assertThat(theirs.exitCode()).as(theirs.out()).isZero();

    Path ourVsix = work.resolve("ours/pipelinetasks.pipelinetasks-tasks-0.1.0.vsix");
    Path tfxVsix = work.resolve("tfx/pipelinetasks.pipelinetasks-tasks-0.1.0.vsix");
    try (ZipFile a = new ZipFile(ourVsix.toFile());
        ZipFile b = new ZipFile(tfxVsix.toFile())) {
      TreeSet<String> ourEntries = entries(a);
      assertThat(ourEntries).isEqualTo(entries(b)).contains("Sample/SampleV1/launcher.js");
      assertThat(JSON.readTree(text(a, "extension.vsomanifest")))
          .isEqualTo(JSON.readTree(text(b, "extension.vsomanifest")));
      Document ourXml = xml(text(a, "extension.vsixmanifest"));
      Document tfxXml = xml(text(b, "extension.vsixmanifest"));
      assertThat(attributes(first(ourXml, "Identity")))
          .isEqualTo(attributes(first(tfxXml, "Identity")))
          .containsEntry("Publisher", "pipelinetasks");
      assertThat(children(first(ourXml, "Metadata")))
          .isEqualTo(children(first(tfxXml, "Metadata")));
      assertThat(children(first(ourXml, "Assets")))
          .isEqualTo(children(first(tfxXml, "Assets")))
          .hasSize(5);
    }
  }

  private static TreeSet<String> entries(ZipFile zip) {
    TreeSet<String> names = new TreeSet<>();
    zip.stream().map(ZipEntry::getName).forEach(names::add);
    return names;
  }

  private static String text(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Document xml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory
        .newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element first(Document document, String localName) {
    return (Element) document.getElementsByTagNameNS("*", localName).item(0);
  }

  private static Map<String, String> attributes(Element element) {
    Map<String, String> values = new LinkedHashMap<>();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      values.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
    }
    return new java.util.TreeMap<>(values);
  }

  /** Each child element as its name, sorted attributes and text, in document order. */
  private static List<String> children(Element parent) {
    List<String> children = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
        Element child = (Element) nodes.item(i);
        children.add(child.getLocalName() + attributes(child) + "=" + child.getTextContent());
      }
    }
    return children;
  }
}
