package io.pipelinetasks.taskjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real-world check, run on demand: point {@code -Dpipelinetasks.officialTasks} at a folder
 * holding the official {@code Tasks/<name>/task.json} files (extracted from
 * microsoft/azure-pipelines-tasks; they are not part of this repository). Every file must validate
 * without errors and round-trip through the model unchanged.
 */
class OfficialTasksTest {
  @Test
  void theOfficialManifestsHaveNoErrorsAndRoundTrip() throws IOException {
    String folder = System.getProperty("pipelinetasks.officialTasks", "");
    assumeTrue(!folder.isBlank(), "set -Dpipelinetasks.officialTasks to run this check");

    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(folder))) {
      files = walk.filter(p -> p.getFileName().toString().equals("task.json")).sorted().toList();
    }
    ObjectMapper mapper = new ObjectMapper();
    List<Problem> errors = new ArrayList<>();
    Map<String, Integer> warnings = new TreeMap<>();
    List<Path> changed = new ArrayList<>();
    for (Path file : files) {
      ValidationReport report = TaskJsonValidator.validate(file);
      errors.addAll(report.errors());
      report.warnings().forEach(w -> warnings.merge(w.code(), 1, Integer::sum));
      String text = Files.readString(file);
      TaskDefinition task = TaskJson.parseTask(text, file.toString());
      String written = TaskJson.writeTask(task);
      if (!mapper.readTree(written).equals(mapper.readTree(text))
          || !TaskJson.parseTask(written, "written").equals(task)) {
        changed.add(file);
      }
    }
    System.out.printf(
        "official task.json files: %d, errors: %d, warnings: %d %s%n",
        files.size(), errors.size(), warnings.values().stream().mapToInt(i -> i).sum(), warnings);

    assertThat(files).isNotEmpty();
    assertThat(errors).isEmpty();
    assertThat(changed).isEmpty();
  }
}
