/** The task's package: its typed inputs record is generated from task.json. */
@TaskInputs(value = "task.json", className = "${taskName}Inputs")
package ${package};

import io.pipelinetasks.taskjson.TaskInputs;
