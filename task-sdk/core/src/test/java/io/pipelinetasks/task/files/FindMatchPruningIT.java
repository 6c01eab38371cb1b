package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Many more random trees and pattern lists than {@link FindMatchPruningTest} can afford. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "patterns use Linux and macOS rules")
class FindMatchPruningIT {
  @TempDir Path temp;

  @Test
  void prunedAndUnprunedSearchesSelectTheSamePathsOnAThousandRandomCases() throws IOException {
    long seed = Long.getLong("pruning.seed", System.nanoTime());
    PruningComparison comparison = PruningComparison.run(temp, seed, 40, 25);
    assertThat(comparison.compared()).as("seed %d", seed).isEqualTo(1000);
    assertThat(comparison.nonEmpty()).as("seed %d", seed).isGreaterThan(400);
  }
}
