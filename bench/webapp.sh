#!/usr/bin/env bash
# AzureWebApp@1 deploying a generated folder (300 MiB, half incompressible, half source-like text)
# to the Azure emulator's Linux app, the task run as its own JVM with its launcher options under
# /usr/bin/time -v, against `zip -1 -r` followed by `curl --data-binary @file` to the same Kudu
# endpoint. Prints the task's peak RSS and both throughputs (upload alone, and end to end until
# Kudu reports the deployment done).
#
#   bench/webapp.sh                                   # 300 MiB mixed content, 3 runs
#   bench/webapp.sh --content random --runs 1         # incompressible content only
#   bench/webapp.sh --jvm-option -Xmx64m              # options go to WebAppBenchmark
#
# Not part of the build: it needs zip, curl and /usr/bin/time (installed with apt-get when
# missing), about 2 GB of disk under bench/target/webapp, and a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v zip >/dev/null || missing+=(zip)
command -v curl >/dev/null || missing+=(curl)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The task's shaded jar (target/task.jar) comes from the task-package profile, which needs the
# packaging plugin installed; the benchmark itself needs the emulator's classes.
./mvnw -q -B -pl packaging/maven-plugin -am install -DskipTests
./mvnw -q -B -pl tasks/AzureWebAppV1 -am package -DskipTests
./mvnw -q -B -pl bench -am package -DskipTests -P '!task-package'

WORK="${WORK:-bench/target/webapp}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
# The emulator writes the hosts file when it starts; both JVMs are told where it is at their start,
# so the task reaches Kudu at the SCM host name ARM reports.
java -Djdk.net.hosts.file="$WORK/hosts" -cp bench/target/benchmarks.jar \
  io.pipelinetasks.bench.WebAppBenchmark \
  --task-folder tasks/AzureWebAppV1/target/task/AzureWebAppV1 --work "$WORK" "$@" |
  tee "$WORK/result.txt"
