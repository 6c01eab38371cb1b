package ${package};

import io.pipelinetasks.task.testing.TaskRun;
import io.pipelinetasks.task.testing.TaskRunAssert;
import io.pipelinetasks.task.testing.TaskTestKit;
import org.junit.jupiter.api.Test;

class ${taskName}TaskTest {
  private static TaskTestKit<${taskName}Inputs> kit() {
    return TaskTestKit.task(new ${taskName}Task(), ${taskName}Inputs::bind);
  }

  @Test
  void greetsTheNameAndSetsTheMessage() {
    TaskRun run = kit().input("greeting", "Hello").input("name", "Ada").run();

    TaskRunAssert.assertThat(run).succeeded().setVariable("message", "Hello, Ada!").hasNoLeaks();
  }

  @Test
  void greetsTheWorldByDefaultAndShoutsWhenAsked() {
    TaskRun run = kit().input("shout", "true").run();

    TaskRunAssert.assertThat(run).succeeded().setVariable("message", "HELLO, WORLD!");
  }
}
