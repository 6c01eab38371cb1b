/**
 * The generated-inputs fixture: the processor turns the fixture task.json into {@code
 * FixtureInputs} while the tests compile, exactly as it does for a task module.
 */
@TaskInputs(
    value = "src/test/resources/io/pipelinetasks/taskjson/generated/task.json",
    className = "FixtureInputs")
package io.pipelinetasks.taskjson.generated;

import io.pipelinetasks.taskjson.TaskInputs;
