// The same no-op task on the official Node library: read ten inputs, set a variable, complete.
const tl = require('azure-pipelines-task-lib/task');

let length = 0;
for (let i = 1; i <= 10; i++) {
  length += (tl.getInput('input' + i) || '').length;
}
tl.setVariable('noop', String(length));
tl.setResult(tl.TaskResult.Succeeded, '');
