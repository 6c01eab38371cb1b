/**
 * The {@code TaskInputs} annotation processor, which generates a typed inputs record from a task's
 * task.json at compile time. Enable it explicitly; see the module README for the compiler
 * configuration.
 */
package io.pipelinetasks.taskjson.codegen;
