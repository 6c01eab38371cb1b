/** The ptask command: validate, run, package, new, emulator, demo. */
package io.pipelinetasks.cli;
