'use strict';
// Starts this task's Java entry point: the Azure Pipelines agent runs `node <task folder>/<target>`
// for the Node20_1 and Node24 handlers, and this file is that target. It passes its own base name
// (`launcher`, `prejob`, ...) to the jar as the first argument, so one jar serves several entry
// points. Written by pipelinetasks; every copy in a task folder is identical.
//
// It must not load azure-pipelines-task-lib: that library deletes INPUT_*, SECRET_*, ENDPOINT_AUTH_*
// and the other secret-bearing variables from the environment, and the JVM would never see them.
// Only Node's built-in modules are used, and the environment is passed on untouched.

const fs = require('fs');
const path = require('path');
const childProcess = require('child_process');

const MINIMUM_JAVA = 17;
const CONFIG_FILE = 'task.jvm.json';
const isWindows = process.platform === 'win32';
const javaExe = isWindows ? 'java.exe' : 'java';

function escapeData(text) {
  return String(text).replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

// Fails the step the agent's way: an error issue, task.complete Failed, and exit code 0, so the
// agent reports a task failure with a reason instead of an infrastructure error.
function fail(message) {
  const text = escapeData(message);
  process.stdout.write('##vso[task.issue type=error;]' + text + '\n');
  process.stdout.write('##vso[task.complete result=Failed;]' + text + '\n', () => process.exit(0));
}

function readConfig(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, CONFIG_FILE), 'utf8'));
  } catch (e) {
    return {};
  }
}

// The `release` file of a Java home: JAVA_VERSION, JAVA_RUNTIME_VERSION, IMPLEMENTOR.
function readRelease(home) {
  let text;
  try {
    text = fs.readFileSync(path.join(home, 'release'), 'utf8');
  } catch (e) {
    return null;
  }
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z_]+)="?(.*?)"?\s*$/.exec(line);
    if (m) values[m[1]] = m[2];
  }
  return values;
}

function majorOf(version) {
  const parts = String(version).split(/[.+_-]/);
  const first = parseInt(parts[0], 10);
  return first === 1 ? parseInt(parts[1], 10) : first;
}

// Reads the version from the release file, or asks the java binary when there is none.
function describeJava(java) {
  let home;
  try {
    home = path.dirname(path.dirname(fs.realpathSync(java)));
  } catch (e) {
    return null;
  }
  const release = readRelease(home);
  if (release && release.JAVA_VERSION) {
    return {
      java: java,
      major: majorOf(release.JAVA_VERSION),
      version: release.JAVA_VERSION,
      vmVersion: release.JAVA_RUNTIME_VERSION || '',
      vendor: release.IMPLEMENTOR || '',
    };
  }
  const probe = childProcess.spawnSync(java, ['-version'], { encoding: 'utf8', windowsHide: true });
  const m = /version "([^"]+)"/.exec((probe.stderr || '') + (probe.stdout || ''));
  if (!m) return null;
  return { java: java, major: majorOf(m[1]), version: m[1], vmVersion: '', vendor: '' };
}

function fromHome(home) {
  return home ? path.join(home, 'bin', javaExe) : null;
}

function onPath() {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, javaExe);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch (e) {
      // not here
    }
  }
  return null;
}

// JAVA_HOME_<n>_X64 (or _ARM64 on ARM) as the hosted images set them, 17 first and then upwards,
// then JAVA_HOME, then java on PATH.
function candidates() {
  const arch = process.arch === 'arm64' ? 'ARM64' : 'X64';
  const pattern = new RegExp('^JAVA_HOME_(\\d+)_' + arch + '$', 'i');
  const versioned = [];
  for (const name of Object.keys(process.env)) {
    const m = pattern.exec(name);
    if (m && parseInt(m[1], 10) >= MINIMUM_JAVA) versioned.push({ n: parseInt(m[1], 10), name: name });
  }
  versioned.sort((a, b) => a.n - b.n);
  const list = versioned.map((v) => ({ from: v.name, java: fromHome(process.env[v.name]) }));
  list.push({ from: 'JAVA_HOME', java: fromHome(process.env.JAVA_HOME) });
  list.push({ from: 'PATH', java: onPath() });
  return list;
}

function findJava() {
  const rejected = [];
  for (const candidate of candidates()) {
    if (!candidate.java || !fs.existsSync(candidate.java)) continue;
    const found = describeJava(candidate.java);
    if (found && found.major >= MINIMUM_JAVA) return found;
    rejected.push(candidate.java + ' from ' + candidate.from +
        (found ? ' is Java ' + found.version : ' did not report its version'));
  }
  return { rejected: rejected };
}

function appCdsOptions(dir, jar, java, config) {
  const cds = config.appCds;
  if (!cds || !cds.archive || !java.vmVersion) return [];
  const archive = path.join(dir, cds.archive);
  // The archive only fits the JVM that made it, and (before JDK 19) the jar at the same path.
  if (cds.vmVersion !== java.vmVersion || cds.vmVendor !== java.vendor) return [];
  if (cds.jar && cds.jar !== jar) return [];
  if (!fs.existsSync(archive)) return [];
  return ['-XX:SharedArchiveFile=' + archive, '-Xlog:cds=off', '-Xlog:cds+dynamic=off'];
}

function splitOptions(text) {
  return (text || '').split(/\s+/).filter((s) => s.length > 0);
}

function main() {
  const dir = __dirname;
  const entry = path.basename(__filename, '.js');
  const jar = path.join(dir, 'task.jar');
  const config = readConfig(dir);
  const java = findJava();
  if (!java.java) {
    const found = java.rejected.length ? ' Found: ' + java.rejected.join('; ') + '.' : ' None was found.';
    fail('This task needs Java ' + MINIMUM_JAVA + ' or later (a JDK or JRE).' + found +
        ' Install Java ' + MINIMUM_JAVA + '+ on the agent and set JAVA_HOME (or JAVA_HOME_' +
        MINIMUM_JAVA + '_X64) to it, or put its java on PATH.');
    return;
  }
  const args = []
    .concat(config.jvmOptions || [])
    .concat(appCdsOptions(dir, jar, java, config))
    .concat(splitOptions(process.env.PIPELINETASKS_JVM_OPTIONS))
    .concat(['-jar', jar, entry]);
  let child;
  try {
    child = childProcess.spawn(java.java, args, { stdio: 'inherit', env: process.env, windowsHide: true });
  } catch (e) {
    fail('Could not start java (' + java.java + '): ' + e.message);
    return;
  }
  let failed = false;
  const forward = (signal) => {
    try {
      child.kill(signal);
    } catch (e) {
      // already gone
    }
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  child.on('error', (e) => {
    failed = true;
    fail('Could not start java (' + java.java + '): ' + e.message);
  });
  child.on('exit', (code, signal) => {
    if (failed) return;
    if (code !== null) {
      process.exit(code);
    }
    const number = require('os').constants.signals[signal] || 1;
    process.exit(128 + number);
  });
}

main();
