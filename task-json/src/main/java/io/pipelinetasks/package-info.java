/** The root package: the one exception root shared by every pipelinetasks module. */
package io.pipelinetasks;
