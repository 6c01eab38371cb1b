package io.pipelinetasks.taskjson;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generates a typed inputs record from a task.json at compile time. Put it on a {@code
 * package-info.java} (or a class) of the task; the record is generated in the same package:
 *
 * <pre>{@code
 * @TaskInputs(value = "task.json", className = "AzureCliInputs")
 * package io.pipelinetasks.tasks.azurecli;
 * }</pre>
 *
 * The record has one accessor per input, typed from the input's type, and a static {@code
 * bind(InputSource)} that applies defaults, required checks and visibleRules through {@link
 * InputBinder}. A misspelt input name is then a compile error. The annotation processor {@code
 * io.pipelinetasks.taskjson.codegen.TaskInputsProcessor} must be enabled explicitly; the module
 * README gives the compiler configuration.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface TaskInputs {
  /**
   * The task.json path, relative to the module's base directory (the processor option {@code
   * pipelinetasks.basedir}), or absolute.
   */
  String value() default "task.json";

  /** The simple name of the generated record, such as {@code AzureCliInputs}. */
  String className();

  /**
   * {@code filePath} inputs that hold a glob pattern rather than one path, such as AzureWebApp's
   * {@code package} ({@code $(System.DefaultWorkingDirectory)/**}{@code /*.zip}); they bind as
   * {@code String}, because a pattern is not a valid {@code Path} on Windows.
   */
  String[] patterns() default {};
}
