package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pruning walker must select exactly what the library's walk-everything-then-match selects. A
 * broken link, which fails the search when it is reached, shows whether a folder was entered.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "patterns use Linux and macOS rules")
class FindMatchPruningTest {
  @TempDir Path temp;

  @Test
  void prunedAndUnprunedSearchesSelectTheSamePaths() throws IOException {
    // a quick sample; FindMatchPruningIT compares many more
    PruningComparison comparison = PruningComparison.run(temp, 20240611, 5, 20);
    assertThat(comparison.compared()).isEqualTo(100);
    assertThat(comparison.nonEmpty()).isGreaterThan(40);
  }

  @Test
  void doesNotEnterFoldersThatCannotHoldAMatch() {
    Tree tree =
        Tree.at(temp)
            .add("app/bin/app.zip", "docs/deep/guide.md")
            .link("docs/deep/broken", "nowhere");
    List<String> patterns = List.of("*/bin/*.zip");
    assertThat(run(true, patterns))
        .containsExactly(tree.paths("app/bin/app.zip").get(0).toString());
    assertThatThrownBy(() -> run(false, patterns))
        .isInstanceOfSatisfying(
            FileException.class, e -> assertThat(e.subject()).endsWith("broken"));
  }

  @Test
  void doesNotEnterFoldersThatALastExcludeRemovesWhole() {
    Tree tree =
        Tree.at(temp).add("a.js", "node_modules/m/index.js").link("node_modules/m/bad", "nowhere");
    List<String> patterns = List.of("**/*.js", "!**/node_modules/**");
    assertThat(run(true, patterns)).containsExactly(tree.paths("a.js").get(0).toString());
    assertThatThrownBy(() -> run(false, patterns)).isInstanceOf(FileException.class);
  }

  @Test
  void entersExcludedFoldersWhenALaterIncludeCouldAddBack() {
    Tree.at(temp).add("a.js", "node_modules/m/index.js").link("node_modules/m/bad", "nowhere");
    List<String> patterns = List.of("**/*.js", "!**/node_modules/**", "**/m/*.js");
    assertThatThrownBy(() -> run(true, patterns)).isInstanceOf(FileException.class);
  }

  private List<String> run(boolean prune, List<String> patterns) {
    return new FindMatch(Platform.POSIX, prune)
        .run(
            temp.toString(),
            patterns,
            FindOptions.defaults(),
            MatchOptions.defaults(Platform.POSIX));
  }
}
