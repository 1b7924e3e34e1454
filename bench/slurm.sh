#!/usr/bin/env bash
# Starts the development SLURM cluster (idempotent) and Plinth with the launcher (own port base
# and work dir, so it never meets a dev server), runs bench/SlurmBench.java: tiny jobs straight
# to slurmrestd and through Plinth (executor slurm), in alternating blocks; prints the figures,
# keeps them in bench/target/, stops the server. Run as root (the dev cluster and the job user).
#   bench/slurm.sh [jobs] [concurrency] [blocks]        e.g. bench/slurm.sh 200 2 4
# PLINTH_SLURM_POLL_SECONDS sets plinth.executors.slurm.poll-seconds for the run (default 0.5).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-200}
CONCURRENCY=${2:-2}
BLOCKS=${3:-4}
POLL=${PLINTH_SLURM_POLL_SECONDS:-0.5}
PORT_BASE=${BENCH_PORT_BASE:-18000}
WORK="$PWD/bench/target/server"
export PLINTH_API_KEY=${PLINTH_API_KEY:-bench-key-$(date +%s%N)}
bash server-config/slurm/start-dev-cluster.sh
mkdir -p bench/target
rm -rf bench/target/slurm-direct
LOG=bench/target/slurm-server.log
./mvnw -o -q -Prun package -Dplinth.port-base="$PORT_BASE" -Dplinth.work-dir="$WORK" \
  -Dplinth.executors.slurm.enabled=true -Dplinth.executors.slurm.service-user=plinth \
  -Dplinth.executors.slurm.poll-seconds="$POLL" -Dplinth.apps.script.roles=admin,user >"$LOG" 2>&1 &
LAUNCHER=$!
stop() { kill -TERM "$LAUNCHER" 2>/dev/null || true; wait "$LAUNCHER" 2>/dev/null || true; }
trap stop EXIT
URL="http://localhost:$((PORT_BASE + 80))"
for _ in $(seq 1 600); do
  if curl -sf "$URL/health/ready" >/dev/null 2>&1 && grep -q "ready" "$LOG"; then break; fi
  if ! kill -0 "$LAUNCHER" 2>/dev/null; then cat "$LOG"; echo "the server did not start" >&2; exit 1; fi
  sleep 1
done
echo "server at $URL, SLURM poll every $POLL s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/SlurmBench.java "$URL" "$PLINTH_API_KEY" "$JOBS" "$CONCURRENCY" "$BLOCKS" "$PWD/bench/target/slurm-direct" \
  | tee "bench/target/slurm-bench-$(date +%Y%m%d-%H%M%S).log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
