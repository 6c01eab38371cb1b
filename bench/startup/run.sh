#!/usr/bin/env bash
# Cold start of a no-op task (read ten inputs, set a variable, complete), started the way the agent
# starts it: `node launcher.js`, which starts the JVM; compared with the same task on
# azure-pipelines-task-lib started with `node`, and with bare node and bare java. Every command runs
# under `env -i` plus the agent's variables (no NODE_EXTRA_CA_CERTS, which adds ~125 ms to node).
#
# Usage: bench/startup/run.sh [RUNS] [--hyperfine]   (default 30 rounds; needs java 17, node and
# npm). Prints a table of medians in ms and writes bench/target/startup/results.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-30}"
out="$root/bench/target/startup"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
java="$java_home/bin/java"
mkdir -p "$out"

echo "== building the core, the packaging code and the no-op task" >&2
(cd "$root" && ./mvnw -q -B -pl bench,packaging/maven-plugin -am package -DskipTests)

m2="${MAVEN_REPO:-$HOME/.m2/repository}"
jackson=""
for a in jackson-databind jackson-core jackson-annotations; do
  jackson="$jackson:$(ls "$m2"/com/fasterxml/jackson/core/$a/2.*/$a-2.*.jar | grep -v sources | tail -1)"
done

# The no-op task's shaded jar: the task class, the core, task-json and Jackson, as a task has them.
rm -rf "$out/jar" && mkdir -p "$out/jar"
(cd "$out/jar" &&
  for j in "$root"/task-sdk/core/target/task-sdk-core-*.jar "$root"/task-json/target/task-json-*.jar ${jackson//:/ }; do
    unzip -q -o "$j" 2>/dev/null -x 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/MANIFEST.MF' 'module-info.class' 'META-INF/versions/*/module-info.class'
  done
  mkdir -p io/pipelinetasks/bench && cp "$root"/bench/target/classes/io/pipelinetasks/bench/NoOpTask*.class io/pipelinetasks/bench/)
"$java_home/bin/jar" --create --file "$out/noop.jar" --main-class io.pipelinetasks.bench.NoOpTask -C "$out/jar" .

cp_make="$root/packaging/maven-plugin/target/classes:$root/task-json/target/classes$jackson"
make_folder() { # NAME OPTIONS...
  local name="$1"; shift
  "$java" -cp "$cp_make" "$root/bench/startup/MakeFolder.java" "$root/bench/startup/task.json" "$out/noop.jar" "$out/$name" false "$@" >/dev/null
}
tuned=(-XX:TieredStopAtLevel=1 -XX:-UsePerfData) # the launcher's default
make_folder plain
make_folder tuned "${tuned[@]}"
make_folder first "${tuned[@]}"
make_folder cached "${tuned[@]}"
old=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData) # the default before
make_folder serial "${old[@]}"

echo "== installing azure-pipelines-task-lib for the Node no-op task" >&2
mkdir -p "$out/node-noop"
cp "$root/bench/startup/node-noop/index.js" "$root/bench/startup/node-noop/package.json" "$out/node-noop/"
(cd "$out/node-noop" && npm install --no-audit --no-fund --silent >/dev/null 2>&1)
echo "" > "$out/empty.js"
mkdir -p "$out/hello"
cat > "$out/hello/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] args) { System.out.println("hello"); } }
JAVA
"$java_home/bin/javac" -d "$out/hello" "$out/hello/Hello.java"

# The agent's environment for a step: system variables, a secret, the system connection, inputs.
# Rows marked "no AppCDS" turn the launcher's archive off (PIPELINETASKS_APPCDS=off): what every run
# gets on an agent that starts each job afresh (Microsoft-hosted), and the first job elsewhere.
mkdir -p "$out/tmp" "$out/wd"
agent_env=(
  "PATH=$(dirname "$(command -v node)"):/usr/bin:/bin"
  "HOME=$out/tmp"
  "JAVA_HOME_17_X64=$java_home"
  "AGENT_TEMPDIRECTORY=$out/tmp" "AGENT_WORKFOLDER=$out/wd" "AGENT_VERSION=4.260.0" "AGENT_CLOUDID="
  "SYSTEM_DEFAULTWORKINGDIRECTORY=$out/wd" "SYSTEM_CULTURE=en-US" "SYSTEM_HOSTTYPE=build"
  "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI=https://dev.azure.com/contoso/"
  "VSTS_PUBLIC_VARIABLES=[\"Agent.TempDirectory\",\"Agent.WorkFolder\",\"Agent.Version\",\"System.DefaultWorkingDirectory\"]"
  "VSTS_SECRET_VARIABLES=[\"System.AccessToken\"]"
  "SECRET_SYSTEM_ACCESSTOKEN=eyJ0eXAiOiJKV1Qi.bench.token"
  "ENDPOINT_URL_SYSTEMVSSCONNECTION=https://dev.azure.com/contoso/"
  "ENDPOINT_AUTH_SYSTEMVSSCONNECTION={\"parameters\":{\"AccessToken\":\"eyJ0eXAiOiJKV1Qi.bench.token\"},\"scheme\":\"OAuth\"}"
  "ENDPOINT_AUTH_SCHEME_SYSTEMVSSCONNECTION=OAuth"
  "ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN=eyJ0eXAiOiJKV1Qi.bench.token"
  "TF_BUILD=True"
)
for i in $(seq 1 10); do agent_env+=("INPUT_INPUT$i=value $i"); done

# The later-run rows need the archive (made here at once: PIPELINETASKS_APPCDS=on).
env -i "${agent_env[@]}" PIPELINETASKS_APPCDS=on node "$out/cached/NoOpV1/launcher.js" >/dev/null
archive="$(ls "$out"/cached/NoOpV1/appcds-*.jsa 2>/dev/null | head -1)"
[[ -n "$archive" ]] || { echo "the first run made no AppCDS archive" >&2; exit 1; }

# name | extra environment (or -) | folder whose appcds-* files go before each run (or -) | command
off="PIPELINETASKS_APPCDS=off"
rows=(
  "bare node (empty file)|-|-|node $out/empty.js"
  "bare java (hello, JVM defaults)|-|-|$java -cp $out/hello Hello"
  "bare java (hello, C1 + no perf data)|-|-|$java ${tuned[*]} -cp $out/hello Hello"
  "node no-op (azure-pipelines-task-lib)|-|-|node $out/node-noop/index.js"
  "java no-op via launcher, JVM defaults, no AppCDS|$off|-|node $out/plain/NoOpV1/launcher.js"
  "java no-op via launcher, C1 + SerialGC + no perf data (old default), no AppCDS|$off|-|node $out/serial/NoOpV1/launcher.js"
  "java no-op via launcher, default options, no AppCDS (hosted agent)|$off|-|node $out/tuned/NoOpV1/launcher.js"
  "java no-op via launcher, default options, the run that writes the archive|PIPELINETASKS_APPCDS=on|$out/first/NoOpV1|node $out/first/NoOpV1/launcher.js"
  "java no-op via launcher, default options, later runs (the archive)|-|-|node $out/cached/NoOpV1/launcher.js"
  "java no-op without launcher, default options|-|-|$java ${tuned[*]} -jar $(readlink -f "$out/tuned/NoOpV1/task.jar") launcher"
  "java no-op without launcher, default options + the archive|-|-|$java ${tuned[*]} -XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off -jar $(readlink -f "$out/cached/NoOpV1/task.jar") launcher"
)
names=(); envs=(); cleans=(); commands=()
for row in "${rows[@]}"; do
  IFS='|' read -r name extra dir command <<< "$row"
  names+=("$name"); envs+=("$extra"); cleans+=("$dir"); commands+=("$command")
done

# Each must work before it is timed.
for i in "${!commands[@]}"; do
  extra=(); [[ "${envs[$i]}" != - ]] && extra=("${envs[$i]}")
  output="$(env -i "${agent_env[@]}" "${extra[@]}" ${commands[$i]} 2>&1)" || { echo "failed: ${names[$i]}: $output" >&2; exit 1; }
done
env -i "${agent_env[@]}" node "$out/cached/NoOpV1/launcher.js" | grep -q 'task.setvariable variable=noop' ||
  { echo "the Java no-op task did not set its variable" >&2; exit 1; }

# Timing: round-robin by default (measure.js), since a shared machine's load drifts between
# commands that hyperfine times one after the other; `--hyperfine` (second argument) uses hyperfine,
# installed with apt-get when missing and this is root.
medians=(); users=()
if [[ "${2:-}" == --hyperfine ]]; then
  if ! command -v hyperfine >/dev/null && [[ "$(id -u)" == 0 ]]; then
    echo "== installing hyperfine" >&2
    (apt-get install -y -qq hyperfine || (apt-get update -qq && apt-get install -y -qq hyperfine)) >/dev/null 2>&1 || true
  fi
  command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 1; }
  for i in "${!commands[@]}"; do
    extra=""; [[ "${envs[$i]}" != - ]] && extra="${envs[$i]}"
    prepare=(); [[ "${cleans[$i]}" != - ]] && prepare=(--prepare "rm -f ${cleans[$i]}/appcds-*")
    hyperfine -N --warmup 3 --runs "$runs" "${prepare[@]}" --export-json "$out/run-$i.json" \
      "env -i ${agent_env[*]@Q} $extra ${commands[$i]}" >/dev/null
    medians+=("$(node -e "const r=require('$out/run-$i.json').results[0];console.log((r.median*1000).toFixed(0))")")
    users+=("$(node -e "const r=require('$out/run-$i.json').results[0];console.log(((r.user+r.system)*1000).toFixed(0))")")
  done
  tool="hyperfine (3 warm-ups, $runs runs each)"
else
  lines() { printf '%s\n' "$@" | node -e 'console.log(JSON.stringify(require("fs").readFileSync(0,"utf8").split("\n").slice(0,-1)))'; }
  node -e '
    const [envList, names, envs, cleans, commands] = process.argv.slice(1).map((a) => JSON.parse(a));
    const pairs = (list) => Object.fromEntries(list.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
    console.log(JSON.stringify({ env: pairs(envList), commands: names.map((n, i) => ({
      name: n, argv: commands[i].split(" "),
      env: envs[i] === "-" ? undefined : pairs([envs[i]]),
      clean: cleans[i] === "-" ? undefined : cleans[i] })) }));
  ' "$(lines "${agent_env[@]}")" "$(lines "${names[@]}")" "$(lines "${envs[@]}")" "$(lines "${cleans[@]}")" "$(lines "${commands[@]}")" \
    > "$out/commands.json"
  node "$root/bench/startup/measure.js" "$out/commands.json" "$runs" 3 > "$out/results.jsonl"
  while IFS= read -r line; do
    medians+=("$(node -e "console.log(JSON.parse(process.argv[1]).median)" "$line")")
    users+=("$(node -e "console.log(JSON.parse(process.argv[1]).cpu)" "$line")")
  done < "$out/results.jsonl"
  tool="round-robin (3 warm-up rounds, $runs rounds)"
fi

node_noop="${medians[3]}"
{
  echo "Median cold start in ms, $tool, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg),"
  echo "$("$java" -version 2>&1 | head -1), node $(node --version). CPU = mean user + system time, which"
  echo "other load on the machine disturbs less than wall time."
  echo ""
  echo "| command | median ms | vs node no-op | CPU ms |"
  echo "|---|---|---|---|"
  for i in "${!names[@]}"; do
    echo "| ${names[$i]} | ${medians[$i]} | $(node -e "console.log((${medians[$i]}/$node_noop).toFixed(2)+'x')") | ${users[$i]} |"
  done
} | tee "$out/results.md"
