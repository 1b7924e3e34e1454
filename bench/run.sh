#!/usr/bin/env bash
# Starts Plinth with the launcher (own port base and work dir, so it never meets a dev server),
# runs bench/SubmitBench.java against it, then the batch runtime's own baseline in the same server
# (bench/baseline-war: the same number of empty three-step batch jobs whose execute step forks
# `bash -c true`), prints the figures, and stops everything.
#   bench/run.sh [jobs] [clients]        e.g. bench/run.sh 1000 8
# PLINTH_EXECUTORS_LOCAL_CORES sets the local executor's capacity for the run (default 32:
# the jobs run `true`, so cores are a count of concurrent jobs here, not of busy CPUs).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-1000}
CLIENTS=${2:-8}
export PLINTH_EXECUTORS_LOCAL_CORES=${PLINTH_EXECUTORS_LOCAL_CORES:-32}
export PLINTH_API_KEY=${PLINTH_API_KEY:-bench-key-$(date +%s%N)}
mkdir -p bench/target
source bench/server.sh
start_server "$PWD/bench/target/server" bench/target/submit-server.log
echo "server at $URL, local cores $PLINTH_EXECUTORS_LOCAL_CORES"
java bench/SubmitBench.java "$URL" "$PLINTH_API_KEY" "$JOBS" "$CLIENTS" | tee bench/target/submit-bench.txt

# The floor under Plinth: Payara's batch runtime alone, in the same JVM and database, started one
# job after the other from one managed thread as Plinth's scheduler does (300 jobs to warm up first).
deploy_baseline
curl -sf "$URL/baseline/batch?jobs=300&fork=true" >/dev/null
BASELINE=$(curl -sf "$URL/baseline/batch?jobs=$JOBS&fork=true")
undeploy_baseline
echo "baseline servlet answered: $BASELINE"
COMPLETED=$(echo "$BASELINE" | awk '{for (i = 1; i < NF; i++) if ($i == "completed") print $(i + 1)}')
[ "$COMPLETED" = "$JOBS" ] || echo "WARNING: only $COMPLETED of $JOBS baseline jobs ended COMPLETED; its rate is not a baseline"
PLINTH_RATE=$(awk '/end-to-end throughput/ {print $3}' bench/target/submit-bench.txt)
BATCH_RATE=$(echo "$BASELINE" | awk '{for (i = 1; i < NF; i++) if ($i == "rate") print $(i + 1)}')
awk -v p="$PLINTH_RATE" -v b="$BATCH_RATE" 'BEGIN {printf "batch runtime alone: %.1f jobs/s (3 empty steps, execute forks bash -c true); Plinth end to end / batch alone = %.2f\n", b, p / b}'
