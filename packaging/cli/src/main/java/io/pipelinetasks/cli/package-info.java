/**
 * The {@code ptask} command line: a picocli front end over the library modules. It is the one place
 * that prints to the console directly.
 */
package io.pipelinetasks.cli;
