/** JMH benchmarks and whole-process timing scripts. */
package io.pipelinetasks.bench;
