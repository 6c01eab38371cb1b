/** Builds task folders with the Node launcher, and the VSIX. */
package io.pipelinetasks.packaging;
