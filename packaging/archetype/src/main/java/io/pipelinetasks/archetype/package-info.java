/** The template from which a new task is scaffolded. */
package io.pipelinetasks.archetype;
