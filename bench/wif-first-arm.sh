#!/usr/bin/env bash
# Start-to-first-ARM-response of a Java task under workload identity federation, against the
# Azure emulator: the whole process (JVM start, environment, OIDC idToken from "Azure DevOps",
# exchange with "Entra ID", one ARM call, task.complete), timed as the agent would start it, with
# a clean agent-shaped environment. Prints the median of RUNS runs per JVM configuration.
#
#   bench/wif-first-arm.sh            # RUNS=15
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-15}"

./mvnw -q -B -pl bench -am package -DskipTests
JAR="$PWD/bench/target/benchmarks.jar"
WORK="$(mktemp -d)"
EMULATOR=""
cleanup() {
  [ -n "$EMULATOR" ] && kill "$EMULATOR" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

java -cp "$JAR" io.pipelinetasks.emulator.EmulatorMain --env-file "$WORK/agent.env" >"$WORK/emulator.log" 2>&1 &
EMULATOR=$!
for _ in $(seq 100); do [ -s "$WORK/agent.env" ] && break; sleep 0.1; done
[ -s "$WORK/agent.env" ] || { cat "$WORK/emulator.log"; echo "the emulator did not start" >&2; exit 1; }
java -cp "$JAR" io.pipelinetasks.bench.EnvFileToNul "$WORK/agent.env" "$WORK/agent.nul"
mapfile -d '' AGENT_ENV < "$WORK/agent.nul"
mkdir -p "$WORK/temp"

run_probe() {
  env -i PATH="$PATH" HOME="$WORK" AGENT_TEMPDIRECTORY="$WORK/temp" "${AGENT_ENV[@]}" \
    java "$@" -cp "$JAR" io.pipelinetasks.bench.WifProbe demo-wif >"$WORK/out.txt" 2>&1
  grep -q "ARM answered 200" "$WORK/out.txt" || { cat "$WORK/out.txt"; echo "probe failed" >&2; exit 1; }
}

measure() {
  local label="$1"; shift
  run_probe "$@"   # warm-up: file caches
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    run_probe "$@"
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local median min max
  median=$(echo "$sorted" | awk -v n="$RUNS" 'NR == int((n + 1) / 2)')
  min=$(echo "$sorted" | head -1)
  max=$(echo "$sorted" | tail -1)
  printf '%-44s median %5d ms   min %5d   max %5d   (%d runs)\n' "$label" "$median" "$min" "$max" "$RUNS"
}

echo "java: $(java -version 2>&1 | head -1); cores: $(nproc)"
measure "fat jar"
measure "fat jar, C1 only, SerialGC" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
env -i PATH="$PATH" HOME="$WORK" AGENT_TEMPDIRECTORY="$WORK/temp" "${AGENT_ENV[@]}" \
  java -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$JAR" io.pipelinetasks.bench.WifProbe demo-wif >/dev/null 2>&1
measure "fat jar + AppCDS, C1 only, SerialGC" -XX:SharedArchiveFile="$WORK/app.jsa" \
  -Xlog:cds=off -Xlog:cds+dynamic=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
