'use strict';
// Starts this task's Java entry point: the Azure Pipelines agent runs `node <task folder>/<target>`
// for the Node20_1 and Node24 handlers, and this file is that target. It passes its own base name
// (`launcher`, `prejob`, ...) to the jar as the first argument, so one jar serves several entry
// points. Written by pipelinetasks; every copy in a task folder is identical.
//
// It must not load azure-pipelines-task-lib: that library deletes INPUT_*, SECRET_*, ENDPOINT_AUTH_*
// and the other secret-bearing variables from the environment, and the JVM would never see them.
// Only Node's built-in modules are used, and the environment is passed on untouched.
//
// Every millisecond here is added to the task's start-up, so the common path does little: a few
// stat calls and two small reads, no `java -version` when the Java home has a `release` file.

const fs = require('fs');
const path = require('path');
const childProcess = require('child_process');

const MINIMUM_JAVA = 17;
const CONFIG_FILE = 'task.jvm.json';
// The files of the AppCDS archive cache (see appCdsCache); packaging leaves them out.
const CACHE_PREFIX = 'appcds-';
// Free disk space below which no archive is written (an archive is a few megabytes).
const CACHE_MIN_FREE_BYTES = 256 * 1024 * 1024;
const CDS_QUIET = ['-Xlog:cds=off', '-Xlog:cds+dynamic=off'];
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
      home: home,
      major: majorOf(release.JAVA_VERSION),
      version: release.JAVA_VERSION,
      vmVersion: release.JAVA_RUNTIME_VERSION || '',
      vendor: release.IMPLEMENTOR || '',
    };
  }
  const probe = childProcess.spawnSync(java, ['-version'], { encoding: 'utf8', windowsHide: true });
  const m = /version "([^"]+)"/.exec((probe.stderr || '') + (probe.stdout || ''));
  if (!m) return null;
  return { java: java, home: home, major: majorOf(m[1]), version: m[1], vmVersion: '', vendor: '' };
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
// then JAVA_HOME, then java on PATH. Each candidate is a function, so PATH is searched only when
// nothing before it fits.
function candidates() {
  const arch = process.arch === 'arm64' ? 'ARM64' : 'X64';
  const pattern = new RegExp('^JAVA_HOME_(\\d+)_' + arch + '$', 'i');
  const versioned = [];
  for (const name of Object.keys(process.env)) {
    const m = pattern.exec(name);
    if (m && parseInt(m[1], 10) >= MINIMUM_JAVA) versioned.push({ n: parseInt(m[1], 10), name: name });
  }
  versioned.sort((a, b) => a.n - b.n);
  const list = versioned.map((v) => ({ from: v.name, java: () => fromHome(process.env[v.name]) }));
  list.push({ from: 'JAVA_HOME', java: () => fromHome(process.env.JAVA_HOME) });
  list.push({ from: 'PATH', java: onPath });
  return list;
}

function findJava() {
  const rejected = [];
  for (const candidate of candidates()) {
    const java = candidate.java();
    if (!java || !fs.existsSync(java)) continue;
    const found = describeJava(java);
    if (found && found.major >= MINIMUM_JAVA) return found;
    rejected.push(java + ' from ' + candidate.from +
        (found ? ' is Java ' + found.version : ' did not report its version'));
  }
  return { rejected: rejected };
}

// An archive made when the task folder was built (`appCds` in the plugin): it fits only the JVM
// that made it, and (before JDK 19) the jar at the same path.
function packagedArchive(dir, jar, java, config) {
  const cds = config.appCds;
  if (!cds || !cds.archive || !java.vmVersion) return null;
  if (cds.vmVersion !== java.vmVersion || cds.vmVendor !== java.vendor) return null;
  if (cds.jar && cds.jar !== jar) return null;
  const archive = path.join(dir, cds.archive);
  return fs.existsSync(archive) ? archive : null;
}

// FNV-1a, 32 bits, as 8 hex digits: names the archive after what it depends on.
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return ('0000000' + h.toString(16)).slice(-8);
}

function statOrNull(file) {
  try {
    return fs.statSync(file);
  } catch (e) {
    return null;
  }
}

// The AppCDS cache: a dynamic archive of the classes the task loads, made by a real run of the task
// on this agent (-XX:ArchiveClassesAtExit) and used by the later ones. JDK 17 accepts a dynamic
// archive only on top of the same JDK's own (base) archive and with the jar at the same path, size
// and time, so the file is named after a hash of all of these plus the JVM options (system
// properties and logging aside): appcds-<hash>.jsa. When any of them changes the name changes, and
// a new archive is made. See packaging/maven-plugin/README.md for every rule.
//
// Returns { options, dump }: the JVM options to add, and what to finish after a run that dumps.
function appCdsCache(dir, jar, java, jvmOptions) {
  const none = { options: [], dump: null };
  const setting = String(process.env.PIPELINETASKS_APPCDS || '').toLowerCase();
  if (setting === 'off' || setting === '0' || setting === 'false' || !java.vmVersion) return none;
  const base = statOrNull(path.join(java.home, isWindows ? 'bin' : 'lib', 'server', 'classes.jsa'));
  const jarStat = statOrNull(jar);
  if (!base || !jarStat) return none; // without the JDK's base archive a dump run would not start
  const relevant = jvmOptions.filter((o) => !o.startsWith('-D') && !o.startsWith('-Xlog'));
  const key = CACHE_PREFIX + hash([java.home, java.vmVersion, java.vendor, base.size, base.mtimeMs,
    jar, jarStat.size, jarStat.mtimeMs, relevant.join(' ')].join('\n'));
  const archive = path.join(dir, key + '.jsa');
  if (fs.existsSync(archive)) {
    return { options: ['-XX:SharedArchiveFile=' + archive].concat(CDS_QUIET), dump: null };
  }
  const disabled = path.join(dir, key + '.off');
  if (fs.existsSync(disabled) || !mayWrite(dir)) return none;
  if (setting !== 'on' && !outlivedAJob(path.join(dir, key + '.job'))) return none;
  const temp = path.join(dir, key + '.' + process.pid + '.tmp');
  const exitFile = path.join(dir, key + '.' + process.pid + '.exit');
  return {
    options: ['-XX:ArchiveClassesAtExit=' + temp].concat(CDS_QUIET,
      ['-Dpipelinetasks.exitCodeFile=' + exitFile]),
    dump: { dir: dir, archive: archive, temp: temp, exitFile: exitFile, disabled: disabled },
  };
}

// Whether this task folder has outlived a job: a run in an earlier job left its job id in the
// marker. The dump costs a run about 0.1 s for a trivial task and more than a second for one that
// loads the Azure SDK, so it is made only where later jobs will use the archive: never on agents
// that start every job on a fresh machine (Microsoft-hosted ones, self-hosted ones in containers or
// scale sets that are recycled after each job), nor for a task that runs twice in one such job.
// Without a job id (a run by hand) every run counts as its own job.
function outlivedAJob(marker) {
  const job = process.env.SYSTEM_JOBID || 'process ' + process.pid;
  let seen;
  try {
    seen = fs.readFileSync(marker, 'utf8');
  } catch (e) {
    try {
      fs.writeFileSync(marker, job);
    } catch (e2) {
      // the next run tries again
    }
    return false;
  }
  return seen !== job;
}

function mayWrite(dir) {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (typeof fs.statfsSync === 'function') {
      const space = fs.statfsSync(dir);
      if (space.bavail * space.bsize < CACHE_MIN_FREE_BYTES) return false;
    }
    return true;
  } catch (e) {
    return false;
  }
}

function removeQuietly(file) {
  try {
    fs.chmodSync(file, 0o644); // archives are read-only, and Windows will not delete those
    fs.unlinkSync(file);
  } catch (e) {
    // gone already, or in use by another run
  }
}

// After a run that dumped: keeps the archive only when the JVM ended normally with exit code 0,
// under its final name, atomically (a half-written dynamic archive crashes the JDK 17 that maps
// it). The task's result never depends on the archive: TaskRunner writes the exit code it asks for
// to exitFile before it exits, so when the JVM ends otherwise after that (the dump failed or
// crashed), the task's own exit code is reported and no dump is tried again for this key.
function finishDump(dump, code, exitCode) {
  let intended = null;
  try {
    intended = parseInt(fs.readFileSync(dump.exitFile, 'utf8'), 10);
  } catch (e) {
    // not a TaskRunner task, or it did not get that far
  }
  removeQuietly(dump.exitFile);
  const temp = statOrNull(dump.temp);
  const dumpFailed = intended !== null && !Number.isNaN(intended) && code !== intended;
  if (code === 0 && temp && temp.size > 0) {
    try {
      fs.renameSync(dump.temp, dump.archive);
      removeStale(dump);
    } catch (e) {
      removeQuietly(dump.temp);
    }
  } else {
    removeQuietly(dump.temp);
    if (dumpFailed || code === 0) {
      try {
        fs.writeFileSync(dump.disabled, '');
      } catch (e) {
        // the next run tries again
      }
    }
  }
  return dumpFailed ? intended : exitCode;
}

// Archives and markers for other keys are stale once a new archive exists; temporary files of
// other runs are left alone unless they are old.
function removeStale(dump) {
  const keep = path.basename(dump.archive);
  const hourAgo = Date.now() - 3600 * 1000;
  let names;
  try {
    names = fs.readdirSync(dump.dir);
  } catch (e) {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(CACHE_PREFIX) || name === keep) continue;
    const file = path.join(dump.dir, name);
    if (name.endsWith('.jsa') || name.endsWith('.off') || name.endsWith('.job')) {
      removeQuietly(file);
    } else {
      const stat = statOrNull(file);
      if (stat && stat.mtimeMs < hourAgo) removeQuietly(file);
    }
  }
}

function splitOptions(text) {
  return (text || '').split(/\s+/).filter((s) => s.length > 0);
}

// Options that set up class data sharing by hand: the launcher then adds none of its own.
function setsUpCds(options) {
  return options.some((o) =>
    /^-Xshare|^-XX:(SharedArchiveFile|ArchiveClassesAtExit|[+-]?UseSharedSpaces|DumpLoadedClassList)/
        .test(o));
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
  const configured = config.jvmOptions || [];
  const extra = splitOptions(process.env.PIPELINETASKS_JVM_OPTIONS);
  let cds = { options: [], dump: null };
  if (!setsUpCds(configured.concat(extra))) {
    const packaged = packagedArchive(dir, jar, java, config);
    cds = packaged
      ? { options: ['-XX:SharedArchiveFile=' + packaged].concat(CDS_QUIET), dump: null }
      : appCdsCache(dir, jar, java, configured.concat(extra));
  }
  const args = configured.concat(cds.options, extra, ['-jar', jar, entry]);
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
    if (cds.dump) removeQuietly(cds.dump.temp);
    fail('Could not start java (' + java.java + '): ' + e.message);
  });
  child.on('exit', (code, signal) => {
    if (failed) return;
    let exitCode = code !== null ? code : 128 + (require('os').constants.signals[signal] || 1);
    if (cds.dump) exitCode = finishDump(cds.dump, code, exitCode);
    process.exit(exitCode);
  });
}

main();
