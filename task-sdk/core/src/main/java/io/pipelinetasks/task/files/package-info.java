/**
 * Files for tasks: {@link io.pipelinetasks.task.files.TaskFiles#findMatch findMatch}, {@code match}
 * and {@code find} with the Node task library's minimatch patterns, {@code which}, and the
 * library's file operations. Options are the immutable records {@link
 * io.pipelinetasks.task.files.FindOptions} and {@link io.pipelinetasks.task.files.MatchOptions};
 * failures are {@link io.pipelinetasks.task.files.FileException}s.
 */
package io.pipelinetasks.task.files;
