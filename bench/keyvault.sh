#!/usr/bin/env bash
# AzureKeyVault@2 against the Azure emulator: 1,000 secrets, 20 ms of latency on every request.
# Prints the medians of our task (at each concurrency given), of the official task's request
# schedule re-enacted in Java (sequential pages of 25, then sequential batches of 20 parallel
# reads), and of the page-bound limit (the sequential list pages alone).
#
#   bench/keyvault.sh                                  # 7 runs, concurrency 16 (the default)
#   bench/keyvault.sh --runs 11 --concurrency 16,32    # options go to KeyVaultBenchmark
#
# Not part of the build: it starts its own emulator and takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."

# The task-package profile needs the packaging plugin; the benchmark needs only the task's classes.
./mvnw -q -B -pl bench -am package -DskipTests -P '!task-package'
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# The emulator writes the hosts file at start; the JVM must be told where it is when it starts,
# so that https://bench-kv.vault.azure.net:<port> reaches the emulator with the SDK's
# challenge-resource check on, as in production.
# The JDK HTTP server under the emulator leaves Nagle on by default; with it, a response written
# in two pieces waits for the client's delayed ACK (about 40 ms), which would dwarf the 20 ms latency
# being measured. Azure's front ends do not behave like that.
java -Dsun.net.httpserver.nodelay=true -Djdk.net.hosts.file="$WORK/hosts" -cp bench/target/benchmarks.jar \
  io.pipelinetasks.bench.KeyVaultBenchmark "$@" | tee "$WORK/result.txt"
mkdir -p bench/target && cp "$WORK/result.txt" bench/target/keyvault-results.txt
