package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.TaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {

  @Test
  void filesAreOwnerOnlyFoldersTooAndBothLiveUnderTheAgentTempDirectory(@TempDir Path agentTemp)
      throws Exception {
    List<Path> made = new ArrayList<>();
    Recording.run(
        Map.of("AGENT_TEMPDIRECTORY", agentTemp.toString()),
        (context, inputs) -> {
          Path dir = context.tempFiles().createDirectory(".azclitask-");
          Path file = context.tempFiles().writeFile("script", ".sh", "echo secret");
          made.add(dir);
          made.add(file);
          assertThat(dir.getParent()).isEqualTo(agentTemp);
          assertThat(dir.getFileName().toString()).matches("\\.azclitask-[A-Za-z0-9]{6}");
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
              .isEqualTo("rwx------");
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
              .isEqualTo("rw-------");
          assertThat(Files.readString(file)).isEqualTo("echo secret");
        });
    assertThat(made).hasSize(2).allSatisfy(p -> assertThat(p).doesNotExist());
  }

  @Test
  void everythingIsRemovedWhenTheTaskFails(@TempDir Path agentTemp) throws Exception {
    List<Path> made = new ArrayList<>();
    Recording run =
        Recording.run(
            Map.of("AGENT_TEMPDIRECTORY", agentTemp.toString()),
            (context, inputs) -> {
              Path dir = context.tempFiles().createDirectory("cfg-");
              Files.writeString(dir.resolve("nested.json"), "{}");
              made.add(dir);
              made.add(context.tempFiles().writeFile("cert", ".pem", "-----BEGIN-----"));
              throw new TaskException("Boom", "failed on purpose");
            });
    assertThat(run.complete().orElseThrow().property("result")).contains("Failed");
    assertThat(made).allSatisfy(p -> assertThat(p).doesNotExist());
    try (var left = Files.list(agentTemp)) {
      assertThat(left).isEmpty();
    }
  }
}
