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
PORT_BASE=${BENCH_PORT_BASE:-18000}
export PLINTH_EXECUTORS_LOCAL_CORES=${PLINTH_EXECUTORS_LOCAL_CORES:-32}
export PLINTH_API_KEY=${PLINTH_API_KEY:-bench-key-$(date +%s%N)}
LOG=$(mktemp)
./mvnw -q -Prun package -Dplinth.port-base="$PORT_BASE" -Dplinth.work-dir="$PWD/bench/target/server" >"$LOG" 2>&1 &
LAUNCHER=$!
stop() { kill -TERM "$LAUNCHER" 2>/dev/null || true; wait "$LAUNCHER" 2>/dev/null || true; }
trap stop EXIT
URL="http://localhost:$((PORT_BASE + 80))"
for _ in $(seq 1 600); do
  if curl -sf "$URL/health/ready" >/dev/null 2>&1 && grep -q "ready" "$LOG"; then break; fi
  if ! kill -0 "$LAUNCHER" 2>/dev/null; then cat "$LOG"; echo "the server did not start" >&2; exit 1; fi
  sleep 1
done
echo "server at $URL, local cores $PLINTH_EXECUTORS_LOCAL_CORES"
java bench/SubmitBench.java "$URL" "$PLINTH_API_KEY" "$JOBS" "$CLIENTS"
