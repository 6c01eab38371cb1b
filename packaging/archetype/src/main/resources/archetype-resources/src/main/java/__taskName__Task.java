package ${package};

import io.pipelinetasks.task.Task;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.TaskRunner;
import java.util.Locale;

/** The task: greets someone and sets the output variable {@code message}. */
public final class ${taskName}Task implements Task<${taskName}Inputs> {
  /**
   * The entry point the Node launcher starts; {@code args[0]} is the launcher's name.
   *
   * @param args the entry point, {@code launcher}
   */
  public static void main(String[] args) {
    TaskRunner.main(${taskName}Inputs::bind, new ${taskName}Task());
  }

  @Override
  public void run(TaskContext context, ${taskName}Inputs inputs) {
    String message = inputs.greeting() + ", " + inputs.name().orElse("world") + "!";
    if (inputs.shout()) {
      message = message.toUpperCase(Locale.ROOT);
    }
    context.log().info(message);
    context.setVariable("message", message);
  }
}
