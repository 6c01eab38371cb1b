package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindTest {
  @TempDir Path root;

  @Test
  void listsTheRootThenEachFolderDepthFirstInNameOrder() {
    Tree tree = Tree.at(root).add("b/z.txt", "b/a/", "a.txt", "c/", "b/a/x.txt");
    assertThat(TaskFiles.find(root))
        .isEqualTo(tree.paths("", "a.txt", "b", "b/a", "b/a/x.txt", "b/z.txt", "c"));
  }

  @Test
  void aMissingPathGivesAnEmptyListAndAFileGivesItself() {
    Tree tree = Tree.at(root).add("file.txt");
    assertThat(TaskFiles.find(root.resolve("missing"))).isEmpty();
    assertThat(TaskFiles.find(root.resolve("file.txt/below"))).isEmpty();
    assertThat(TaskFiles.find(root.resolve("file.txt"))).isEqualTo(tree.paths("file.txt"));
  }

  @Test
  void normalizesTheStartingPathAsTheLibraryDoes() {
    Tree tree = Tree.at(root).add("a/x.txt");
    assertThat(TaskFiles.find(root.resolve("a/../a/."))).isEqualTo(tree.paths("a", "a/x.txt"));
  }

  @Test
  void followsLinksOnlyWhereTheOptionsSay() {
    Tree tree = Tree.at(root).add("real/x.txt").link("tree/alias", "real").link("start", "real");
    FindOptions noFollow = FindOptions.defaults().withFollowSymbolicLinks(false);
    assertThat(TaskFiles.find(root.resolve("tree")))
        .isEqualTo(tree.paths("tree", "tree/alias", "tree/alias/x.txt"));
    assertThat(TaskFiles.find(root.resolve("tree"), noFollow))
        .isEqualTo(tree.paths("tree", "tree/alias"));
    assertThat(TaskFiles.find(root.resolve("start"), noFollow))
        .isEqualTo(tree.paths("start", "start/x.txt"));
    assertThat(
            TaskFiles.find(root.resolve("start"), noFollow.withFollowSpecifiedSymbolicLink(false)))
        .isEqualTo(tree.paths("start"));
  }

  @Test
  void stopsAtALinkBackToAnAncestor() {
    Tree tree = Tree.at(root).add("a/b/x.txt").link("a/b/loop", "a").link("a/self", "a");
    assertThat(TaskFiles.find(root.resolve("a")))
        .isEqualTo(tree.paths("a", "a/b", "a/b/loop", "a/b/x.txt", "a/self"));
  }

  @Test
  void aLinkToASiblingIsFollowedEvenWhenItWasSeenBefore() {
    Tree tree = Tree.at(root).add("a/x.txt").link("b/alias", "a");
    assertThat(TaskFiles.find(root))
        .isEqualTo(tree.paths("", "a", "a/x.txt", "b", "b/alias", "b/alias/x.txt"));
  }

  @Test
  void aBrokenLinkFailsUnlessAllowed() {
    Tree tree = Tree.at(root).add("ok.txt").link("broken", "missing");
    assertThatThrownBy(() -> TaskFiles.find(root))
        .isInstanceOfSatisfying(
            FileException.class,
            e -> {
              assertThat(e.code()).isEqualTo("FindFailed");
              assertThat(e.subject()).isEqualTo(root.resolve("broken").toString());
              assertThat(e.getMessage()).contains("allowBrokenSymbolicLinks");
            });
    assertThat(TaskFiles.find(root, FindOptions.defaults().withAllowBrokenSymbolicLinks(true)))
        .isEqualTo(tree.paths("", "broken", "ok.txt"));
    assertThat(TaskFiles.find(root, FindOptions.defaults().withSkipMissingFiles(true)))
        .isEqualTo(tree.paths("", "ok.txt"));
  }
}
