/**
 * The task.json and vss-extension.json model, validation, visibleRule and typed-input generation.
 */
package io.pipelinetasks.taskjson;
