package io.pipelinetasks.taskjson.codegen;

import io.pipelinetasks.taskjson.Problem;
import io.pipelinetasks.taskjson.TaskDefinition;
import io.pipelinetasks.taskjson.TaskInputs;
import io.pipelinetasks.taskjson.TaskJson;
import io.pipelinetasks.taskjson.TaskJsonException;
import io.pipelinetasks.taskjson.TaskJsonValidator;
import io.pipelinetasks.taskjson.ValidationReport;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates the typed inputs record that {@link TaskInputs} asks for: it reads the task.json,
 * validates it (errors fail the compilation, warnings are printed as notes so {@code -Werror}
 * builds still pass), and writes a record in the annotated package.
 *
 * <p>The task.json path is resolved against the processor option {@code pipelinetasks.basedir}
 * (pass {@code -Apipelinetasks.basedir=${project.basedir}}); without it, against the nearest folder
 * above the annotated source file that contains the path, then against the working directory.
 *
 * <p>It is deliberately not registered in {@code META-INF/services}: every module with task-json on
 * its class path would otherwise run it. Enable it with {@code -processor} or the compiler plugin's
 * {@code annotationProcessors}.
 */
public final class TaskInputsProcessor extends AbstractProcessor {
  /** The option naming the module's base directory. */
  public static final String BASEDIR_OPTION = "pipelinetasks.basedir";

  /** Creates the processor; javac calls this. */
  public TaskInputsProcessor() {}

  /**
   * Every annotation, so javac always calls this processor: javac counts {@code
   * -Apipelinetasks.basedir} as recognized only when the processor ran, and would otherwise warn
   * (failing {@code -Werror} builds) in source sets without {@code @TaskInputs}, such as tests.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(BASEDIR_OPTION);
  }

  // The processor reads only the annotation, so any source level is fine; a fixed one would make
  // javac warn when a module compiles for a newer release.
  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(TaskInputs.class)) {
      generate(element, element.getAnnotation(TaskInputs.class));
    }
    // Claiming would hide every annotation from the processors that run after this one.
    return false;
  }

  private void generate(Element element, TaskInputs annotation) {
    String className = annotation.className();
    if (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className)) {
      error(element, "@TaskInputs className \"" + className + "\" is not a Java class name");
      return;
    }
    Optional<Path> found = resolve(annotation.value(), element);
    if (found.isEmpty()) {
      error(
          element,
          "@TaskInputs: task.json not found at \""
              + annotation.value()
              + "\" (base directory "
              + baseDirectory().map(Path::toString).orElse("not set")
              + "). Pass -A"
              + BASEDIR_OPTION
              + "=${project.basedir} to the compiler, or give a path relative to the module.");
      return;
    }
    Path file = found.get();
    String shownName = annotation.value();
    ValidationReport report = TaskJsonValidator.validate(file);
    for (Problem problem : report.problems()) {
      String line = shownName + problemText(problem);
      if (problem.isError()) {
        error(element, line);
      } else {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, line, element);
      }
    }
    if (report.hasErrors()) {
      return;
    }
    String packageName =
        processingEnv.getElementUtils().getPackageOf(element).getQualifiedName().toString();
    try {
      TaskDefinition task = TaskJson.readTask(file);
      RecordSource source =
          new RecordSource(
              packageName, className, task, shownName, java.util.Set.of(annotation.patterns()));
      JavaFileObject out =
          processingEnv.getFiler().createSourceFile(source.qualifiedName(), element);
      try (Writer writer = out.openWriter()) {
        writer.write(source.render());
      }
    } catch (RecordSource.GenerationException e) {
      error(element, shownName + ": cannot generate " + className + ": " + e.getMessage());
    } catch (TaskJsonException e) {
      error(element, e.getMessage());
    } catch (IOException e) {
      error(element, "cannot write " + packageName + "." + className + ": " + e);
    }
  }

  private static String problemText(Problem problem) {
    String full = problem.toString();
    // Problem.toString starts with the absolute file name; the annotation's path is shorter.
    return full.substring(problem.file().length());
  }

  private Optional<Path> resolve(String value, Element element) {
    Path given = Path.of(value);
    if (given.isAbsolute()) {
      return Files.isRegularFile(given) ? Optional.of(given) : Optional.empty();
    }
    Optional<Path> base = baseDirectory();
    if (base.isPresent()) {
      Path file = base.get().resolve(value);
      return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
    for (Path dir = sourceFolder(element); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(value))) {
        return Optional.of(dir.resolve(value));
      }
    }
    Path fromWorkingDirectory = Path.of("").toAbsolutePath().resolve(value);
    return Files.isRegularFile(fromWorkingDirectory)
        ? Optional.of(fromWorkingDirectory)
        : Optional.empty();
  }

  private Optional<Path> baseDirectory() {
    String option = processingEnv.getOptions().get(BASEDIR_OPTION);
    return option == null || option.isBlank() ? Optional.empty() : Optional.of(Path.of(option));
  }

  /** The folder of the annotated source file, when the compiler can tell. */
  private Path sourceFolder(Element element) {
    try {
      Element top = element;
      while (!(top instanceof PackageElement)
          && top.getEnclosingElement() != null
          && !(top.getEnclosingElement() instanceof PackageElement)) {
        top = top.getEnclosingElement();
      }
      com.sun.source.util.Trees trees = com.sun.source.util.Trees.instance(processingEnv);
      com.sun.source.util.TreePath path = trees.getPath(top);
      if (path == null) {
        return null;
      }
      URI uri = path.getCompilationUnit().getSourceFile().toUri();
      return "file".equals(uri.getScheme()) ? Path.of(uri).getParent() : null;
    } catch (RuntimeException | LinkageError e) {
      // Not javac (or no tree for a package-info): fall back to the working directory.
      return null;
    }
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
