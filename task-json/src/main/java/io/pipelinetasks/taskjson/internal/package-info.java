/**
 * Implementation of the manifest model: Jackson set-up, the lossless codec and the validation
 * rules. Not API: no public signature outside this package mentions these types, and they may
 * change at any time.
 */
package io.pipelinetasks.taskjson.internal;
