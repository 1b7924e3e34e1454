#!/usr/bin/env bash
# Starts Plinth with the launcher (own port base and work dir, so it never meets a dev server),
# runs bench/SubmitBench.java against it, prints the figures, and stops everything.
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
java bench/SubmitBench.java "$URL" "$PLINTH_API_KEY" "$JOBS" "$CLIENTS"
