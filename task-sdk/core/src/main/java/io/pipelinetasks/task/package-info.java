/**
 * The task author's API: context, inputs, variables, endpoints, logging commands, results, secrets,
 * tools and files.
 */
package io.pipelinetasks.task;
