package io.pipelinetasks.cli;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.taskjson.Problem;
import io.pipelinetasks.taskjson.TaskJsonValidator;
import io.pipelinetasks.taskjson.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ptask validate PATH...}: checks task.json files and prints every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check task.json files: errors for what breaks the agent or the service, warnings for what"
          + " they accept but the schema does not.",
      "Exit code 0 when there is no error, 1 when there is, 2 on a usage error."
    })
final class ValidateCommand implements Callable<Integer> {
  // Build output and dependencies hold copies of task.json that are not the user's to fix.
  private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules", ".git");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "A task.json, or a folder searched recursively for task.json files.")
  List<Path> paths;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print errors only, not warnings.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files = new ArrayList<>();
    int errors = 0;
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "No such file or folder: " + path);
      }
      List<Path> found = Files.isDirectory(path) ? find(path) : List.of(path);
      if (found.isEmpty()) {
        out.println(
            path
                + ": error NoTaskJson no task.json found in this folder (Point at a task.json or a"
                + " folder that contains one)");
        errors++;
      }
      files.addAll(found);
    }
    int warnings = 0;
    for (Path file : files) {
      ValidationReport report = TaskJsonValidator.validate(file);
      for (Problem problem : report.problems()) {
        if (problem.isError()) {
          errors++;
        } else {
          warnings++;
          if (quiet) {
            continue;
          }
        }
        out.println(problem);
      }
    }
    out.println(summary(files.size(), errors, warnings));
    out.flush();
    return errors > 0 ? 1 : 0;
  }

  private static String summary(int files, int errors, int warnings) {
    return "Checked "
        + plural(files, "task.json file")
        + ": "
        + plural(errors, "error")
        + ", "
        + plural(warnings, "warning")
        + ".";
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  static List<Path> find(Path folder) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(folder)
                      && SKIPPED_FOLDERS.contains(String.valueOf(dir.getFileName()))
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (file.getFileName().toString().equals("task.json")) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new TaskException(
          "FolderUnreadable",
          folder + ": cannot be searched (" + e + "). Check the permissions.",
          e);
    }
    found.sort(null);
    return found;
  }
}
