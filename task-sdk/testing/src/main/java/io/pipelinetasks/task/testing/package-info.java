/** TaskTestKit: runs a task in-process against a fake agent environment and records what it did. */
package io.pipelinetasks.task.testing;
