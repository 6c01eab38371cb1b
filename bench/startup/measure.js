// Round-robin timing of whole commands: every round runs each command once, in turn, so load from
// other processes on the machine spreads over all of them instead of skewing whichever command
// hyperfine happened to be timing. Prints one JSON line per command: median wall ms and mean CPU ms
// (user + system of the child and its children, from /proc/self/stat's cutime and cstime).
// Usage: node measure.js COMMANDS.json RUNS WARMUP   (COMMANDS.json: {"env": {...}, "commands":
// [{"name": "...", "argv": ["node", "x.js"], "env": {...}, "clean": "DIR"}]}; a command's "env"
// adds to the common one, and "clean" names a task folder whose launcher cache (appcds-* files) is
// deleted, untimed, before each run, so that every run is a first run)
'use strict';
const fs = require('fs');
const { spawnSync } = require('child_process');

const [file, runsText, warmupText] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
const runs = parseInt(runsText || '30', 10);
const warmup = parseInt(warmupText || '3', 10);
const tick = 1000 / 100; // ms per clock tick (USER_HZ is 100 on Linux)

function childCpuMs() {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (parseInt(fields[13], 10) + parseInt(fields[14], 10)) * tick; // cutime + cstime
}

function clean(dir) {
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith('appcds-')) fs.rmSync(dir + '/' + name, { force: true });
  }
}

function once(command) {
  if (command.clean) clean(command.clean);
  const env = command.env ? Object.assign({}, spec.env, command.env) : spec.env;
  const cpu = childCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(command.argv[0], command.argv.slice(1), { env: env, stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(command.name + ' exited with ' + result.status);
  return { wall, cpu: childCpuMs() - cpu };
}

const samples = spec.commands.map(() => ({ wall: [], cpu: 0 }));
for (let round = 0; round < warmup + runs; round++) {
  spec.commands.forEach((command, i) => {
    const s = once(command);
    if (round >= warmup) {
      samples[i].wall.push(s.wall);
      samples[i].cpu += s.cpu;
    }
  });
}
spec.commands.forEach((command, i) => {
  const wall = samples[i].wall.sort((a, b) => a - b);
  const mid = wall.length >> 1;
  const median = wall.length % 2 ? wall[mid] : (wall[mid - 1] + wall[mid]) / 2;
  console.log(JSON.stringify({ name: command.name, median: Math.round(median), cpu: Math.round(samples[i].cpu / runs), min: Math.round(wall[0]) }));
});
